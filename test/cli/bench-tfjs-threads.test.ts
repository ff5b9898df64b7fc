import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTfjsPeers, type TfjsPeers, type TfTensor } from '../../src/cli/bench/tfjs.js';
import { factoryFile, workerFile } from '../../src/cli/bench/tfjs-node-threads.js';
import { registerWasmThreads, type TfjsBackendRegistry, type WasmModule } from '../../src/cli/bench/tfjs-wasm-threads.js';

const require = createRequire(import.meta.url);
const opened: TfjsPeers[] = [];

/** The peers for `threads`, disposed (pthread workers ended) after the file. */
function peersFor(threads: number): TfjsPeers {
  const p = loadTfjsPeers(threads);
  if ('unavailable' in p) throw new Error(p.unavailable);
  opened.push(p);
  return p;
}

/** face-api.js's 68-point tiny landmark net on a seeded pseudo-random 112x112 RGB image, on TF.js wasm. */
async function landmarksOnWasm(p: TfjsPeers): Promise<Float32Array> {
  expect(p.wasmUnavailable).toBeNull();
  expect(await p.tf.setBackend('wasm')).toBe(true);
  if ('unavailable' in p.faceApi) throw new Error(p.faceApi.unavailable);
  const net = p.faceApi.nets.faceLandmark68TinyNet!;
  await net.loadFromDisk(p.faceApi.modelDir);
  let seed = 12345;
  const pixels = Float32Array.from({ length: 112 * 112 * 3 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
  const x = p.tf.tensor(pixels, [112, 112, 3]);
  try {
    const y = (await net.forward(x)) as TfTensor;
    const out = Float32Array.from((await y.data()) as Float32Array);
    y.dispose();
    return out;
  } finally {
    x.dispose();
    net.dispose();
  }
}

describe('TF.js wasm peer with threads under Node', () => {
  afterAll(() => {
    for (const p of opened) p.dispose();
  });

  it('runs 2 XNNPACK threads and gives the 1-thread landmarks within 1e-5', async () => {
    const one = peersFor(1);
    const single = await landmarksOnWasm(one);
    expect(one.wasmThreads()).toBe(1);
    const two = peersFor(2);
    expect(two.wasmThreads()).toBe(1); // not started yet
    const threaded = await landmarksOnWasm(two);
    expect(two.wasmThreads()).toBe(2);
    expect(threaded).toHaveLength(136);
    let worst = 0;
    for (let i = 0; i < single.length; i++) worst = Math.max(worst, Math.abs(single[i]! - threaded[i]!));
    expect(worst).toBeLessThanOrEqual(1e-5);
    // A second 1-thread registration disposes the threaded backend and starts the single-threaded build again.
    const again = peersFor(1);
    expect(await landmarksOnWasm(again)).toEqual(single);
    expect(again.wasmThreads()).toBe(1);
  });
});

describe('registerWasmThreads', () => {
  it('keeps why a threaded start failed, for the bench to print', async () => {
    const tf = require('@tensorflow/tfjs-core') as TfjsBackendRegistry & { setBackend(name: string): Promise<boolean> };
    const wasm = require('@tensorflow/tfjs-backend-wasm') as WasmModule;
    const broken = registerWasmThreads(tf, wasm, 2, '/no/such/tf-backend-wasm.node.js');
    expect(await tf.setBackend('wasm')).toBe(false);
    expect(broken.failure()).toMatch(/ENOENT.*no\/such/);
    expect(broken.threads()).toBe(1);
    const one = peersFor(1);
    expect(await one.tf.setBackend('wasm')).toBe(true);
    expect(one.wasmInitError()).toBeNull();
  });
});

describe('factoryFile', () => {
  const bundle = "var require$$0 = require('fs');\nvar require$$1 = require('path');\nvar other = 1;\n";

  it('defines the bundle variables the factory names, and commonjsGlobal, before the factory', () => {
    const text = 'var WasmBackendModuleThreadedSimd = function(){ var fs = require$$0; return fs && commonjsGlobal; }';
    const file = factoryFile(text, bundle);
    expect(file).toBe(`var require$$0 = require("fs");\nvar commonjsGlobal = globalThis;\n${text}`);
  });

  it('refuses a factory that names a variable the bundle does not require', () => {
    expect(() => factoryFile('var f = require$$7;', bundle)).toThrow(/require\$\$7/);
  });

  it('covers every require$$ variable of the installed threaded factory', () => {
    const source = readFileSync(require.resolve('@tensorflow/tfjs-backend-wasm'), 'utf8');
    const start = source.indexOf('var WasmBackendModuleThreadedSimd = (function');
    const end = source.indexOf('var tfjsBackendWasmThreadedSimdExports');
    expect(start).toBeGreaterThan(0);
    expect(() => factoryFile(source.slice(start, end), source)).not.toThrow();
  });
});

describe('workerFile', () => {
  it('keeps strict mode and points the worker at the factory file', () => {
    const file = workerFile('"use strict";var Module={};', '/x/factory.cjs');
    expect(file.startsWith('"use strict";')).toBe(true);
    expect(file).toContain('URL.createObjectURL=()=>"/x/factory.cjs"');
    expect(file.endsWith('"use strict";var Module={};')).toBe(true);
  });
});
