/**
 * Whole-net speed of facets' `cpu` backend with and without the wasm SIMD kernels (same
 * process, same weights, same input) next to face-api.js 1.7.15 itself on TF.js 4.22's wasm
 * backend (XNNPACK + SIMD, thread count reported) and optionally its cpu backend; plus a
 * per-kernel profile of the facets forward pass (time summed per kernel name).
 * Run: npx tsx bench/nn/models.bench.ts [--models dlib-resnet,landmark68,ssd-mobilenetv1]
 *        [--runs 7] [--peers wasm,cpu] [--wall]
 * Times process CPU time (user + system, all threads) by default: the dev machine is a shared
 * 2-core box where wall time mostly measures the neighbours. Medians. Not part of npm test.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { readImage } from '../../src/image/decode.js';
import '../../src/nn/ops/index.js';
import { backendByName, setBackend, type KernelFns } from '../../src/nn/backend.js';
import { loadModel } from '../../src/nn/models/load-model.js';
import type { NetModel } from '../../src/nn/models/model.js';
import type { ModelName } from '../../src/nn/models/specs.js';
import { setWasmKernelsEnabled, wasmKernelMode } from '../../src/nn/kernels/wasm/runtime.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const FIX = path.resolve(ROOT, '../shared/fixtures/tfjs-models');
const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const RUNS = Number(arg('runs', '7'));
const PEERS = arg('peers', 'wasm').split(',').filter((p) => p !== '');
const ONLY = arg('models', 'dlib-resnet,landmark68,ssd-mobilenetv1').split(',');
const useWall = process.argv.includes('--wall');

const MODELS: Array<{ name: ModelName; key: string; net: string }> = [
  { name: 'dlib-resnet', key: 'face_recognition', net: 'faceRecognitionNet' },
  { name: 'landmark68', key: 'face_landmark_68', net: 'faceLandmark68Net' },
  { name: 'landmark68-tiny', key: 'face_landmark_68_tiny', net: 'faceLandmark68TinyNet' },
  { name: 'face-expression', key: 'face_expression', net: 'faceExpressionNet' },
  { name: 'age-gender', key: 'age_gender', net: 'ageGenderNet' },
  { name: 'ssd-mobilenetv1', key: 'ssd_mobilenetv1', net: 'ssdMobilenetv1' },
];

function clockMs(): number {
  if (useWall) return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function time(runs: number, f: () => Promise<unknown>): Promise<number> {
  await f();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = clockMs();
    await f();
    ts.push(clockMs() - t0);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

/** Wraps the cpu backend's kernels to sum CPU time per kernel name during `f`, then unwraps. */
async function profile(f: () => Promise<unknown>): Promise<Map<string, { ms: number; calls: number }>> {
  const kernels = backendByName('cpu').kernels as unknown as Record<string, (...a: unknown[]) => unknown>;
  const saved = { ...kernels };
  const acc = new Map<string, { ms: number; calls: number }>();
  for (const name of Object.keys(saved)) {
    kernels[name] = (...a: unknown[]) => {
      const t0 = clockMs();
      const r = saved[name](...a);
      const e = acc.get(name) ?? { ms: 0, calls: 0 };
      e.ms += clockMs() - t0; e.calls++;
      acc.set(name, e);
      return r;
    };
  }
  try { await f(); } finally { Object.assign(kernels, saved); }
  return acc;
}

/** face-api.js (node-wasm build) on the devDependency TF.js parts (the shim of bench/models). */
function loadFaceApi(): { faceapi: any; tf: any } {
  const require = createRequire(import.meta.url);
  const Module = require('node:module');
  const orig = Module._resolveFilename;
  Module._resolveFilename = function (req: string, ...rest: unknown[]) {
    return orig.call(this, req === '@tensorflow/tfjs' ? path.join(ROOT, 'bench/models/tfjs-shim.cjs') : req, ...rest);
  };
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  return { faceapi, tf: faceapi.tf };
}

async function main(): Promise<void> {
  const fixtures = JSON.parse(readFileSync(path.join(FIX, 'outputs.json'), 'utf8')).faceapi_models;
  const { faceapi, tf } = loadFaceApi();
  const wasm = createRequire(import.meta.url)('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  // Single thread vs single thread (issue #12); must be set before the wasm backend initialises.
  wasm.setThreadsCount?.(1);
  const modelDir = path.join(ROOT, 'node_modules/@vladmandic/face-api/model');
  setBackend('cpu');
  console.log(`timer: ${useWall ? 'wall' : 'process CPU'}; node ${process.version}; facets gemm: ${wasmKernelMode()}; runs ${RUNS} (median)`);
  for (const m of MODELS.filter((x) => ONLY.includes(x.name))) {
    const first = fixtures[m.key][0] as { input: string; size: number[] };
    const img = await readImage(path.join(FIX, first.input));
    const model = (await loadModel(m.name)) as NetModel;
    const t: Record<string, number> = {};
    for (const mode of ['ts', 'wasm'] as const) {
      setWasmKernelsEnabled(mode === 'wasm');
      t[`facets-cpu(${mode})`] = await time(RUNS, () => model.run(img));
    }
    setWasmKernelsEnabled(true);
    const prof = await profile(() => model.run(img));
    for (const peer of PEERS) {
      await tf.setBackend(peer);
      await tf.ready();
      await faceapi.nets[m.net].loadFromDisk(modelDir);
      const input = tf.tensor3d(Float32Array.from(img.data), [img.height, img.width, 3]);
      const net = faceapi.nets[m.net];
      t[`tfjs-${peer}`] = await time(RUNS, async () => {
        const out = await net.forward(input);
        const tensors = out instanceof tf.Tensor ? [out] : Object.values(out).flat();
        for (const x of tensors) await (x as { data(): Promise<unknown> }).data();
        tf.dispose(tensors);
      });
      input.dispose();
    }
    const threads = PEERS.includes('wasm') ? ` (tfjs-wasm threads: ${wasm.getThreadsCount?.() ?? '?'})` : '';
    console.log(`\n${m.name} @${first.size[0]}px${threads}: ${Object.entries(t).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(' | ')}`);
    const w = t['tfjs-wasm'];
    if (w) console.log(`  facets cpu(wasm) / tfjs-wasm = ${(t['facets-cpu(wasm)'] / w).toFixed(2)}, facets cpu(ts) / tfjs-wasm = ${(t['facets-cpu(ts)'] / w).toFixed(2)}`);
    const total = [...prof.values()].reduce((s, e) => s + e.ms, 0);
    console.log(`  profile (one run, wasm gemm, ${total.toFixed(1)} ms in kernels): ${[...prof.entries()].sort((a, b) => b[1].ms - a[1].ms).map(([k, e]) => `${k} ${e.ms.toFixed(1)} ms/${e.calls}`).join(', ')}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
