/**
 * Batch normalisation, unfolded (as an op) and folded into conv weights at load time.
 * y = (x - mean) * scale / sqrt(variance + epsilon) + offset  (Ioffe & Szegedy 2015, eq. in
 * Alg. 1; TF.js batchNorm). Folding: w'[.., co] = w[.., co] * g[co], b'[co] = (b[co] - mean) * g + offset
 * with g = scale / sqrt(variance + epsilon), so conv(x, w') + b' = bn(conv(x, w) + b).
 */
import { check } from '../../core/errors.js';
import { assertTensor, make, type Tensor } from '../tensor.js';
import { add, mul, rsqrt, sub } from './elementwise/elementwise.js';

export interface BatchNormParams {
  mean: Tensor;
  variance: Tensor;
  /** gamma; default 1. */
  scale?: Tensor;
  /** beta; default 0. */
  offset?: Tensor;
  /** TF.js default 0.001. */
  epsilon?: number;
}

function checkParams(p: BatchNormParams, c: number, fn: string): void {
  for (const [name, t] of [['mean', p.mean], ['variance', p.variance], ['scale', p.scale], ['offset', p.offset]] as const) {
    if (t === undefined) continue;
    assertTensor(t, fn, name);
    check(t.data.length === c, fn, `${name} must hold ${c} values (one per channel), got shape [${t.shape.join(', ')}]`);
  }
  check(p.epsilon === undefined || (Number.isFinite(p.epsilon) && p.epsilon >= 0), fn, `epsilon must be a finite number >= 0, got ${p.epsilon}`);
}

/** Per-channel gain g = scale / sqrt(variance + eps) and shift t = offset - mean * g (float64). */
function gainShift(p: BatchNormParams, c: number, fn: string): { g: Float64Array; t: Float64Array } {
  const eps = p.epsilon ?? 1e-3;
  const g = new Float64Array(c), t = new Float64Array(c);
  for (let i = 0; i < c; i++) {
    const v = p.variance.data[i] + eps;
    check(v > 0, fn, `variance + epsilon must be > 0, got ${v} at channel ${i}`);
    g[i] = (p.scale ? p.scale.data[i] : 1) / Math.sqrt(v);
    t[i] = (p.offset ? p.offset.data[i] : 0) - p.mean.data[i] * g[i];
  }
  return { g, t };
}

/** Unfolded batch norm over the last axis, composed from element-wise ops (runs on any backend). */
export function batchNorm(x: Tensor, p: BatchNormParams): Tensor {
  assertTensor(x, 'batchNorm', 'x');
  const c = x.shape[x.shape.length - 1] ?? 1;
  checkParams(p, c, 'batchNorm');
  const eps = p.epsilon ?? 1e-3;
  let y = mul(sub(x, p.mean), rsqrt(add(p.variance, eps)));
  if (p.scale) y = mul(y, p.scale);
  if (p.offset) y = add(y, p.offset);
  return y;
}

/**
 * Folds batch norm into a conv2d filter [fh, fw, inC, outC] (or a dense [k, outC]) and bias.
 * ensures: conv2d(x, filter, {bias}) equals batchNorm(conv2d(x, w, {bias: b}), p) up to rounding.
 */
export function foldBatchNorm(filter: Tensor, bias: Tensor | undefined, p: BatchNormParams): { filter: Tensor; bias: Tensor } {
  const fn = 'foldBatchNorm';
  assertTensor(filter, fn, 'filter');
  const outC = filter.shape[filter.shape.length - 1] ?? 0;
  return foldLastAxis(filter, bias, p, outC, (i) => i % outC, fn);
}

/**
 * Folds batch norm into a depthwise filter [fh, fw, inC, mult]: output channel ci*mult + m.
 * ensures: depthwiseConv2d with the result equals batchNorm after the unfolded depthwise conv.
 */
export function foldBatchNormDepthwise(filter: Tensor, bias: Tensor | undefined, p: BatchNormParams): { filter: Tensor; bias: Tensor } {
  const fn = 'foldBatchNormDepthwise';
  assertTensor(filter, fn, 'filter', 4);
  const inC = filter.shape[2], mult = filter.shape[3];
  return foldLastAxis(filter, bias, p, inC * mult, (i) => i % (inC * mult), fn);
}

function foldLastAxis(filter: Tensor, bias: Tensor | undefined, p: BatchNormParams, outC: number, channelOf: (i: number) => number, fn: string) {
  checkParams(p, outC, fn);
  if (bias !== undefined) {
    assertTensor(bias, fn, 'bias');
    check(bias.data.length === outC, fn, `bias must hold ${outC} values, got shape [${bias.shape.join(', ')}]`);
  }
  const { g, t } = gainShift(p, outC, fn);
  const w = make(filter.shape);
  for (let i = 0; i < filter.data.length; i++) w.data[i] = filter.data[i] * g[channelOf(i)];
  const b = make([outC]);
  for (let c = 0; c < outC; c++) b.data[c] = (bias ? bias.data[c] : 0) * g[c] + t[c];
  return { filter: w, bias: b };
}
