/**
 * gpu.js element-wise kernels. Shapes are padded on the left to rank 8 (MAX_RANK) and passed as
 * small stride arrays, so one body handles every rank and broadcast pattern: the flat output
 * index is decomposed with the output strides and recombined with each input's broadcast
 * strides (0 on stretched axes).
 */
import { MAX_RANK, make, sizeOf, stridesOf, type Tensor } from '../../tensor.js';
import { gpuRun, type GpuThis } from '../../kernels/gpujs-runtime.js';
import { BINARY_OPS, UNARY_OPS, type BinaryOp, type UnaryOp } from '../names.js';
import { broadcastStrides } from './defs.js';

/** `values` left-padded with `fill` to MAX_RANK entries, as floats for a kernel argument. */
export function rank8(values: readonly number[], fill: number): Float32Array {
  const out = new Float32Array(MAX_RANK).fill(fill);
  out.set(values, MAX_RANK - values.length);
  return out;
}

export function unaryBody(this: GpuThis, x: Float32Array): number {
  const v = x[this.thread.x];
  const op = this.constants.op;
  let r = v;
  if (op === 0) { r = Math.max(v, 0); }
  if (op === 1) { r = Math.min(Math.max(v, 0), 6); }
  if (op === 2) { r = v < 0 ? v * this.constants.alpha : v; }
  if (op === 3) {
    const e = Math.exp(-2 * Math.abs(v));
    const t = (1 - e) / (1 + e);
    r = v < 0 ? -t : t;
  }
  if (op === 4) { r = 1 / (1 + Math.exp(-v)); }
  if (op === 5) { r = Math.abs(v); }
  if (op === 6) { r = v * v; }
  if (op === 7) { r = Math.sqrt(v); }
  if (op === 8) { r = 1 / Math.sqrt(v); }
  if (op === 9) { r = Math.exp(v); }
  if (op === 10) { r = -v; }
  return r;
}

/** Same contract as unaryRef. Op codes are indices into UNARY_OPS. */
export function unaryGpu(x: Tensor, op: UnaryOp, alpha: number): Tensor {
  if (x.data.length === 0) return make(x.shape);
  return make(x.shape, gpuRun('unary', unaryBody, x.data.length, { op: UNARY_OPS.indexOf(op), alpha }, [x.data]));
}

export function binaryBody(this: GpuThis, a: Float32Array, b: Float32Array, os: Float32Array, as: Float32Array, bs: Float32Array): number {
  let r = this.thread.x;
  let ia = 0;
  let ib = 0;
  for (let d = 0; d < 8; d++) {
    const q = Math.floor((r + 0.5) / os[d]);
    r = r - q * os[d];
    ia += q * as[d];
    ib += q * bs[d];
  }
  const u = a[ia];
  const v = b[ib];
  const op = this.constants.op;
  let y = 0;
  if (op === 0) { y = u + v; }
  if (op === 1) { y = u - v; }
  if (op === 2) { y = u * v; }
  if (op === 3) { y = u / v; }
  if (op === 4) { y = Math.max(u, v); }
  if (op === 5) { y = Math.min(u, v); }
  if (op === 6) { y = (u - v) * (u - v); }
  if (op === 7) { y = u < 0 ? u * v : u; }
  return y;
}

/** Same contract as binaryRef. Op codes are indices into BINARY_OPS. */
export function binaryGpu(a: Tensor, b: Tensor, op: BinaryOp, outShape: readonly number[]): Tensor {
  const n = sizeOf(outShape);
  if (n === 0) return make(outShape);
  const os = rank8(stridesOf(outShape), n);
  const as = rank8(broadcastStrides(a.shape, outShape), 0);
  const bs = rank8(broadcastStrides(b.shape, outShape), 0);
  return make(outShape, gpuRun('binary', binaryBody, n, { op: BINARY_OPS.indexOf(op) }, [a.data, b.data, os, as, bs]));
}
