/**
 * Whole-net speed of facets' `cpu` backend with and without the wasm SIMD kernels (same
 * process, same weights, same input) next to face-api.js 1.7.15 itself on TF.js 4.22's wasm
 * backend (XNNPACK + SIMD, thread count reported) and optionally its cpu backend; plus a
 * per-kernel profile of the facets forward pass (time summed per kernel name).
 * Run: npx tsx bench/nn/models.bench.ts [--models dlib-resnet,landmark68,ssd-mobilenetv1]
 *        [--runs 7] [--peers wasm,cpu] [--wall] [--skip-ts] [--threads N]
 * Contenders run interleaved, one run of each per round, medians over --runs rounds.
 * Times process CPU time (user + system, all threads) by default: the dev machine is a shared
 * 2-core box where wall time mostly measures the neighbours. Medians. Not part of npm test.
 * --threads N (N > 1) starts facets' cpu threads and asks TF.js wasm for N threads too, times the
 * wall clock (CPU time sums the threads), and adds a facets contender with its calls left unsplit
 * (the one-thread arithmetic on the same kernels), so the speed-up is measured in the same rounds.
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
import { setCpuThreads } from '../../src/nn/kernels/threads/node.js';
import { setSplitMinWork } from '../../src/nn/kernels/threads/cpu-threads.js';

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
const THREADS = Number(arg('threads', '1'));
const useWall = process.argv.includes('--wall') || THREADS > 1;
/** --skip-ts: leave out the plain TypeScript kernels (FACETS_WASM=0), which take minutes on SSD. */
const SKIP_TS = process.argv.includes('--skip-ts');

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

/** Median time of each contender over `runs` rounds, each round running every contender once (after one warm-up round). */
async function timeInterleaved(runs: number, fs: Map<string, () => Promise<unknown>>): Promise<Record<string, number>> {
  const ts = new Map<string, number[]>([...fs.keys()].map((k) => [k, []]));
  for (let i = 0; i <= runs; i++) {
    for (const [k, f] of fs) {
      const t0 = clockMs();
      await f();
      if (i > 0) ts.get(k)!.push(clockMs() - t0);
    }
  }
  const med: Record<string, number> = {};
  for (const [k, v] of ts) { v.sort((a, b) => a - b); med[k] = v[Math.floor(v.length / 2)]; }
  return med;
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
  // Same thread count on both sides (issue #12); must be set before the wasm backend initialises.
  // TF.js 4.22 wasm runs one thread under Node whatever is asked (tfjs#3830); the count it really
  // runs is printed per net.
  wasm.setThreadsCount?.(THREADS);
  if (THREADS > 1) await setCpuThreads(THREADS);
  const modelDir = path.join(ROOT, 'node_modules/@vladmandic/face-api/model');
  setBackend('cpu');
  console.log(`timer: ${useWall ? 'wall' : 'process CPU'}; node ${process.version}; facets gemm: ${wasmKernelMode()}; runs ${RUNS} (median)`);
  for (const m of MODELS.filter((x) => ONLY.includes(x.name))) {
    const first = fixtures[m.key][0] as { input: string; size: number[] };
    const img = await readImage(path.join(FIX, first.input));
    const model = (await loadModel(m.name)) as NetModel;
    // TF.js nets first, so the timed loop below can interleave facets and TF.js run by run: on a
    // shared machine the load changes within seconds, and interleaving exposes both to the same.
    const peers = new Map<string, () => Promise<void>>();
    for (const peer of PEERS) {
      await tf.setBackend(peer);
      await tf.ready();
      await faceapi.nets[m.net].loadFromDisk(modelDir);
      const net = faceapi.nets[m.net];
      peers.set(peer, async () => {
        const input = tf.tensor3d(Float32Array.from(img.data), [img.height, img.width, 3]);
        const out = await net.forward(input);
        const tensors = out instanceof tf.Tensor ? [out] : Object.values(out).flat();
        for (const x of tensors) await (x as { data(): Promise<unknown> }).data();
        tf.dispose([...tensors, input]);
      });
    }
    const contenders = new Map<string, () => Promise<unknown>>([['facets-cpu(wasm)', () => model.run(img)]]);
    if (THREADS > 1) {
      contenders.set('facets-cpu(wasm) unsplit', async () => {
        const before = setSplitMinWork(Number.POSITIVE_INFINITY);
        try { await model.run(img); } finally { setSplitMinWork(before); }
      });
    }
    if (!SKIP_TS) contenders.set('facets-cpu(ts)', async () => { setWasmKernelsEnabled(false); try { await model.run(img); } finally { setWasmKernelsEnabled(true); } });
    for (const [peer, f] of peers) contenders.set(`tfjs-${peer}`, async () => { await tf.setBackend(peer); await f(); });
    const t = await timeInterleaved(RUNS, contenders);
    setWasmKernelsEnabled(true);
    const prof = await profile(() => model.run(img));
    const threads = PEERS.includes('wasm') ? ` (tfjs-wasm threads: ${wasm.getThreadsCount?.() ?? '?'})` : '';
    console.log(`\n${m.name} @${first.size[0]}px${threads}: ${Object.entries(t).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(' | ')}`);
    const w = t['tfjs-wasm'];
    if (w) console.log(`  facets cpu(wasm) / tfjs-wasm = ${(t['facets-cpu(wasm)'] / w).toFixed(2)}${SKIP_TS ? '' : `, facets cpu(ts) / tfjs-wasm = ${(t['facets-cpu(ts)'] / w).toFixed(2)}`}`);
    if (THREADS > 1) console.log(`  facets ${THREADS} threads speed-up over unsplit: x${(t['facets-cpu(wasm) unsplit'] / t['facets-cpu(wasm)']).toFixed(2)}`);
    const total = [...prof.values()].reduce((s, e) => s + e.ms, 0);
    console.log(`  profile (one run, wasm gemm, ${total.toFixed(1)} ms in kernels): ${[...prof.entries()].sort((a, b) => b[1].ms - a[1].ms).map(([k, e]) => `${k} ${e.ms.toFixed(1)} ms/${e.calls}`).join(', ')}`);
  }
}

main().then(() => setCpuThreads(1)).catch((e) => {
  console.error(e);
  process.exit(1);
});
