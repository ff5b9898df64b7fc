/**
 * Kernel benchmark: GFLOP/s of conv2d, depthwise conv and GEMM on each facets backend next to
 * TF.js 4.22's cpu (pure JS) and wasm backends, in the same process on the same inputs.
 * Run: npx tsx bench/nn/kernels.bench.ts [--quick] [--json out.json]
 * Prints medians and ratios; stays out of `npm test`. The 'reference' backend is timed only on
 * the small shapes (it is the oracle, not a contender).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { conv2d, depthwiseConv2d, matMul } from '../../src/nn/ops/index.js';
import { setBackend, type BackendName } from '../../src/nn/backend.js';
import { make, type Tensor } from '../../src/nn/tensor.js';
import { gpujsActiveMode } from '../../src/nn/kernels/gpujs-runtime.js';
import { setWasmKernelsEnabled, wasmKernelMode } from '../../src/nn/kernels/wasm/runtime.js';
import { CONV_SHAPES, DEPTHWISE_SHAPES, GEMM_SHAPES, convFlops, type ConvShape } from './shapes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.argv.includes('--quick');
const jsonOut = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : null;

function rand(shape: number[], seed: number): Tensor {
  const t = make(shape);
  let s = seed;
  for (let i = 0; i < t.data.length; i++) { s = (s * 1103515245 + 12345) >>> 0; t.data[i] = s / 2 ** 31 - 1; }
  return t;
}

/**
 * Median time in ms of `f` after one warm-up run; repeats until ~budgetMs or maxReps. Measures
 * process CPU time (user + system, all threads), not wall time: the dev and CI machines are
 * shared 2-core boxes where wall time mostly measures the neighbours (`--wall` switches).
 */
const useWall = process.argv.includes('--wall');
function clockMs(): number {
  if (useWall) return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
function timeMs(f: () => void, budgetMs = quick ? 300 : 1500, maxReps = quick ? 5 : 25): number {
  f();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 3 || (times.length < maxReps && performance.now() - start < budgetMs)) {
    const t0 = clockMs();
    f();
    times.push(clockMs() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

type Peer = 'tfjs-cpu' | 'tfjs-wasm';
/** 'cpu-ts' is the cpu backend with the wasm SIMD kernels switched off (the TypeScript GEMM / depthwise): the "before". */
type Contender = BackendName | Peer | 'cpu-ts';
const CONTENDERS: Contender[] = ['cpu', 'cpu-ts', 'gpujs', 'tfjs-cpu', 'tfjs-wasm', 'reference'].filter((c) => !(quick && c === 'gpujs')) as Contender[];

/** Times `f` on the facets backend `c` ('cpu-ts' = cpu without wasm kernels). */
function timeFacets(c: BackendName | 'cpu-ts', f: () => void): number {
  setBackend(c === 'cpu-ts' ? 'cpu' : c);
  setWasmKernelsEnabled(c !== 'cpu-ts');
  try { return timeMs(f); } finally { setWasmKernelsEnabled(true); }
}

async function useTf(peer: Peer): Promise<void> {
  await tf.setBackend(peer === 'tfjs-cpu' ? 'cpu' : 'wasm');
  await tf.ready();
}

const toTf4 = (t: Tensor): tf.Tensor4D => tf.tensor4d(t.data, t.shape as [number, number, number, number]);

interface Row { kind: string; name: string; gflops: number; ms: Partial<Record<string, number>> }
const rows: Row[] = [];

async function benchConv(s: ConvShape, depthwise: boolean): Promise<void> {
  const x = rand([1, s.h, s.w, s.inC], 1);
  const f = rand(depthwise ? [s.f, s.f, s.inC, 1] : [s.f, s.f, s.inC, s.outC], 2);
  const opts = { strides: s.stride, pad: s.pad };
  const run = (): Tensor => (depthwise ? depthwiseConv2d(x, f, opts) : conv2d(x, f, opts));
  setBackend('cpu');
  const y = run();
  const flops = convFlops(s, y.shape[1], y.shape[2], depthwise);
  const row: Row = { kind: depthwise ? 'depthwise' : 'conv2d', name: s.name, gflops: flops / 1e9, ms: {} };
  for (const c of CONTENDERS) {
    if (c === 'reference' && flops > 1e8) continue;
    if (c === 'tfjs-cpu' || c === 'tfjs-wasm') {
      await useTf(c);
      const tx = toTf4(x), tfl = toTf4(f);
      row.ms[c] = timeMs(() => {
        const out = depthwise ? tf.depthwiseConv2d(tx, tfl, s.stride, s.pad) : tf.conv2d(tx, tfl, s.stride, s.pad);
        out.dataSync();
        out.dispose();
      });
      tx.dispose(); tfl.dispose();
    } else {
      row.ms[c] = timeFacets(c, () => { run(); });
    }
  }
  rows.push(row);
  print(row);
}

async function benchGemm(m: number, k: number, n: number, name: string): Promise<void> {
  const a = rand([m, k], 3), b = rand([k, n], 4);
  const row: Row = { kind: 'gemm', name, gflops: (2 * m * k * n) / 1e9, ms: {} };
  for (const c of CONTENDERS) {
    if (c === 'reference' && m * k * n > 1e7) continue;
    if (c === 'tfjs-cpu' || c === 'tfjs-wasm') {
      await useTf(c);
      const ta = tf.tensor2d(a.data, [m, k]), tb = tf.tensor2d(b.data, [k, n]);
      row.ms[c] = timeMs(() => { const o = tf.matMul(ta, tb); o.dataSync(); o.dispose(); });
      ta.dispose(); tb.dispose();
    } else {
      row.ms[c] = timeFacets(c, () => { matMul(a, b); });
    }
  }
  rows.push(row);
  print(row);
}

function print(r: Row): void {
  const cells = CONTENDERS.map((c) => {
    const ms = r.ms[c];
    return ms === undefined ? `${c} -` : `${c} ${ms.toFixed(2)}ms ${(r.gflops / (ms / 1e3)).toFixed(2)}GF/s`;
  });
  const ratio = (p: Contender): string => (r.ms[p] && r.ms.cpu ? (r.ms[p]! / r.ms.cpu).toFixed(2) : '-');
  console.log(`${r.kind.padEnd(9)} ${r.name.padEnd(20)} ${cells.join(' | ')} || cpu speed-up vs cpu-ts x${ratio('cpu-ts')}, vs tfjs-cpu x${ratio('tfjs-cpu')}, vs tfjs-wasm x${ratio('tfjs-wasm')}`);
}

async function main(): Promise<void> {
  setWasmPaths(path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/') + path.sep);
  setThreadsCount(1); // single thread vs single thread (issue #12)
  await useTf('tfjs-wasm');
  setBackend('gpujs');
  console.log(`timer: ${useWall ? 'wall' : 'process CPU'} time; node ${process.version}; cpu kernels: ${wasmKernelMode()}; gpu.js mode: ${(conv2d(rand([1, 2, 2, 1], 1), rand([1, 1, 1, 1], 2)), gpujsActiveMode())}; tfjs ${tf.version_core}`);
  for (const s of CONV_SHAPES) await benchConv(s, false);
  for (const s of DEPTHWISE_SHAPES) await benchConv(s, true);
  for (const g of GEMM_SHAPES) await benchGemm(g.m, g.k, g.n, g.name);
  // Whole-net totals: the sum over the conv layers of face-api's recognition net, weighted by how often each shape occurs.
  const counts = [1, 6, 1, 7, 1, 5, 1, 7];
  const total = (c: string): number => CONV_SHAPES.reduce((s, _, i) => s + counts[i] * (rows[i].ms[c] ?? NaN), 0);
  console.log('\nface recognition net conv layers (29 convs), summed medians:');
  for (const c of CONTENDERS) if (c !== 'reference') console.log(`  ${c.padEnd(10)} ${total(c).toFixed(1)} ms`);
  console.log(`  cpu vs cpu-ts x${(total('cpu-ts') / total('cpu')).toFixed(2)}, cpu vs tfjs-cpu x${(total('tfjs-cpu') / total('cpu')).toFixed(2)}, cpu vs tfjs-wasm x${(total('tfjs-wasm') / total('cpu')).toFixed(2)}`);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 2));
}

await main();
