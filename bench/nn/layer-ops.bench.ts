/**
 * Single layers of face-api's SSD (MobileNetV1 at 512 px) on facets' `cpu` backend next to the
 * same fused op on TF.js 4.22's wasm backend (XNNPACK, one thread), interleaved run by run in
 * one process: facets' op time (copies into and out of wasm memory and the output allocation
 * included) against TF.js with its tensors already resident in its wasm heap ("resident") and
 * with a dataSync read-back. It separates kernel speed from per-op overhead in models.bench.ts.
 * Run: npx tsx bench/nn/layer-ops.bench.ts [name filter, e.g. "dw" or "pw 32"] [--runs 7]
 * Process CPU time, medians. Not part of npm test.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { conv2d, depthwiseConv2d } from '../../src/nn/ops/index.js';
import { setBackend } from '../../src/nn/backend.js';
import { make, type Tensor } from '../../src/nn/tensor.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 7;
const only = process.argv[2] !== undefined && !process.argv[2].startsWith('--') ? process.argv[2] : '';

function rand(shape: number[], seed: number): Tensor {
  const t = make(shape);
  let s = seed;
  for (let i = 0; i < t.data.length; i++) { s = (s * 1103515245 + 12345) >>> 0; t.data[i] = s / 2 ** 31 - 1; }
  return t;
}
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** Medians of each function's CPU time over RUNS rounds (one call of each per round, after a warm-up round). */
function interleaved(fs: Array<() => void>): number[] {
  const ts = fs.map(() => [] as number[]);
  for (let r = 0; r <= RUNS; r++) fs.forEach((f, i) => { const t0 = cpuMs(); f(); if (r > 0) ts[i].push(cpuMs() - t0); });
  return ts.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]);
}

// name, h, w, inC, outC, filter, stride, depthwise
const SHAPES: Array<[string, number, number, number, number, number, number, boolean]> = [
  ['pw 32x32x512->512', 32, 32, 512, 512, 1, 1, false],
  ['pw 128x128x128->128', 128, 128, 128, 128, 1, 1, false],
  ['pw 256x256x32->64', 256, 256, 32, 64, 1, 1, false],
  ['conv0 512x512x3 3x3/2', 512, 512, 3, 32, 3, 2, false],
  ['conv 16x16x256 3x3/2 ->512', 16, 16, 256, 512, 3, 2, false],
  ['dw 256x256x32', 256, 256, 32, 32, 3, 1, true],
  ['dw 256x256x64 /2', 256, 256, 64, 64, 3, 2, true],
  ['dw 128x128x128', 128, 128, 128, 128, 3, 1, true],
  ['dw 32x32x512', 32, 32, 512, 512, 3, 1, true],
];

async function main(): Promise<void> {
  setWasmPaths(path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/') + path.sep);
  setThreadsCount(1);
  await tf.setBackend('wasm');
  await tf.ready();
  setBackend('cpu');
  console.log(`process CPU time, medians of ${RUNS} interleaved runs; TF.js wasm, 1 thread`);
  for (const [name, h, w, inC, outC, f, s, dw] of SHAPES) {
    if (only && !name.includes(only)) continue;
    const x = rand([1, h, w, inC], 1), filt = rand(dw ? [f, f, inC, 1] : [f, f, inC, outC], 2), b = rand([outC], 3);
    const opts = { strides: s, pad: 'same' as const, bias: b, activation: 'relu6' as const };
    const tx = tf.tensor4d(x.data, [1, h, w, inC]), tw = tf.tensor4d(filt.data, filt.shape as [number, number, number, number]), tb = tf.tensor1d(b.data);
    const tfOp = (): tf.Tensor => (dw
      ? tf.fused.depthwiseConv2d({ x: tx, filter: tw, strides: s, pad: 'same', bias: tb, activation: 'relu6' })
      : tf.fused.conv2d({ x: tx, filter: tw, strides: s, pad: 'same', bias: tb, activation: 'relu6' }));
    const [fac, tfResident, tfSync] = interleaved([
      () => { if (dw) depthwiseConv2d(x, filt, opts); else conv2d(x, filt, opts); },
      () => tfOp().dispose(),
      () => { const y = tfOp(); y.dataSync(); y.dispose(); },
    ]);
    tf.dispose([tx, tw, tb]);
    const mac = Math.ceil(h / s) * Math.ceil(w / s) * outC * f * f * (dw ? 1 : inC);
    console.log(`${name.padEnd(28)} facets ${fac.toFixed(2)} ms (${(mac / fac / 1e6).toFixed(2)} GMAC/s) | tfjs-wasm ${tfResident.toFixed(2)} ms resident (${(mac / tfResident / 1e6).toFixed(2)} GMAC/s), ${tfSync.toFixed(2)} ms with dataSync | facets / resident ${(fac / tfResident).toFixed(2)}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
