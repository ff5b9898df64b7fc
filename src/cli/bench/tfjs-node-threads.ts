/**
 * Bench-only shim: lets tfjs-backend-wasm 4.22 start its threaded-SIMD build under Node, which
 * the package does not do by itself (tfjs#3830). Three things stand in the way; each is undone
 * here only while the backend initialises, and everything is put back afterwards.
 *
 * 1. Worker scripts from blob: URLs. TF.js hands emscripten's pthread code two scripts as Blobs:
 *    the worker (`wasmWorkerContents`, returned by its `locateFile` as `URL.createObjectURL(...)`)
 *    and the module factory (`mainScriptUrlOrBlob`, which every worker `importScripts` on its
 *    'load' message). Node's worker_threads start only from files (ERR_WORKER_PATH for blob:),
 *    and a Blob cannot be read synchronously. So `Blob` is swapped for a subclass that keeps its
 *    text, and `URL.createObjectURL` turns the worker Blob into a file in a temporary folder; the
 *    worker file maps the factory Blob it receives to a second file. Emscripten's worker script
 *    already runs under Node by itself (ENVIRONMENT_IS_NODE: parentPort, importScripts via fs).
 * 2. The factory's text is `Function.toString()` of a function inside the rollup bundle, so it
 *    names the bundle's module variables (`require$$0` for fs, ...; `commonjsGlobal`); the factory
 *    file defines them the way the bundle's first lines do.
 * 3. backend.cc's `init_with_threads_count` caps the threads at emscripten_num_logical_cores() / 2
 *    (it assumes two hyperthreads per core), which is `os.cpus().length / 2` under Node: 1 on a
 *    2-core machine without SMT, whatever was asked. `os.cpus()` lists at least 2 * threads CPUs
 *    while the module starts, so the count asked for (`setThreadsCount`) is the count run.
 *
 * Not thread-safe in the Node sense: it mutates globalThis.Blob, URL.createObjectURL and
 * os.cpus until `init` settles, so nothing else may create Blobs meanwhile (the bench does not).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How the factory Blob's text starts: `"var WasmBackendModuleThreadedSimd = " + factory.toString()`. */
const FACTORY_PREFIX = 'var WasmBackendModuleThreadedSimd = ';
/** What only the worker script does: call the factory once the 'load' message imported it. */
const WORKER_MARK = 'WasmBackendModuleThreadedSimd(Module)';

/** Stands in for the CPUs os.cpus() cannot list (it returns [] in some containers). */
const UNKNOWN_CPU: os.CpuInfo = { model: 'unknown', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } };

/**
 * The factory script as a file a pthread worker can `importScripts`: the bundle's module
 * variables that `factoryText` names, then the text.
 * requires: bundleSource is tf-backend-wasm.node.js, whose first lines are `var require$$N = require('m');`
 * ensures: throws naming the variable when the text uses one the bundle does not define that way.
 */
export function factoryFile(factoryText: string, bundleSource: string): string {
  const modules = new Map([...bundleSource.matchAll(/^var (require\$\$\d+) = require\('([^']+)'\);$/gm)].map((m) => [m[1]!, m[2]!]));
  const used = [...new Set(factoryText.match(/\brequire\$\$\d+\b/g) ?? [])];
  const lines = used.map((v) => {
    const m = modules.get(v);
    if (m === undefined) throw new Error(`tfjs-backend-wasm's threaded factory uses ${v}, which its Node bundle does not define as a require (another TF.js version?)`);
    return `var ${v} = require(${JSON.stringify(m)});`;
  });
  return [...lines, 'var commonjsGlobal = globalThis;', factoryText].join('\n');
}

/**
 * The worker script as a file: emscripten's worker, told that the Blob it receives on 'load' is
 * the factory file at `factoryPath` (it passes `URL.createObjectURL(blob)` to importScripts).
 * ensures: still strict mode, as the original's leading "use strict" made it.
 */
export function workerFile(workerText: string, factoryPath: string): string {
  return `"use strict";URL.createObjectURL=()=>${JSON.stringify(factoryPath)};URL.revokeObjectURL=()=>{};\n${workerText}`;
}

/**
 * Runs `init` (the wasm backend's factory) with the three shims above in place.
 * requires: threads >= 1; bundlePath is tfjs-backend-wasm's Node bundle (its package main).
 * ensures: the shims are undone and the temporary folder is removed when `init` settles (every
 * pthread worker has imported both files by then: emscripten's module is ready only after
 * `loadWasmModuleToAllWorkers`).
 */
export async function withNodeThreads<T>(threads: number, bundlePath: string, init: () => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'facets-tfjs-wasm-'));
  const texts = new WeakMap<Blob, string>();
  let factoryText: string | null = null;
  let workerPath: string | null = null;
  const RealBlob = globalThis.Blob;
  const realCreate = URL.createObjectURL;
  const realCpus = os.cpus;
  class TextBlob extends RealBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options);
      if (parts?.every((p): p is string => typeof p === 'string')) {
        const text = parts.join('');
        texts.set(this, text);
        if (text.startsWith(FACTORY_PREFIX)) factoryText = text;
      }
    }
  }
  const createObjectURL = (obj: Blob | MediaSource): string => {
    const text = obj instanceof RealBlob ? texts.get(obj) : undefined;
    if (text === undefined || !text.includes(WORKER_MARK)) return realCreate.call(URL, obj);
    if (workerPath === null) {
      if (factoryText === null) throw new Error('tfjs-backend-wasm asked for its worker before building the factory Blob (another TF.js version?)');
      const factoryPath = path.join(dir, 'factory.cjs');
      writeFileSync(factoryPath, factoryFile(factoryText, readFileSync(bundlePath, 'utf8')));
      workerPath = path.join(dir, 'worker.cjs');
      writeFileSync(workerPath, workerFile(text, factoryPath));
    }
    return workerPath;
  };
  globalThis.Blob = TextBlob;
  URL.createObjectURL = createObjectURL;
  os.cpus = () => {
    const cpus = realCpus();
    return Array.from({ length: Math.max(cpus.length, 2 * threads) }, (_, i) => cpus[i] ?? cpus[0] ?? UNKNOWN_CPU);
  };
  try {
    return await init();
  } finally {
    globalThis.Blob = RealBlob;
    URL.createObjectURL = realCreate;
    os.cpus = realCpus;
    rmSync(dir, { recursive: true, force: true });
  }
}
