/**
 * Scalar definitions of the element-wise ops (the semantics every backend must reproduce) and
 * NumPy broadcasting of shapes (right-aligned; a dim of 1 stretches), as in TF.js
 * `broadcast_util.assertAndGetBroadcastShape`.
 */
import { check } from '../../../core/errors.js';
import type { BinaryOp, UnaryOp } from '../names.js';

/** One unary op on one value; `alpha` is the leakyrelu slope. */
export function unaryScalar(op: UnaryOp, v: number, alpha: number): number {
  switch (op) {
    case 'relu': return v < 0 ? 0 : v;
    case 'relu6': return v < 0 ? 0 : v > 6 ? 6 : v;
    case 'leakyrelu': return v < 0 ? alpha * v : v;
    case 'tanh': return Math.tanh(v);
    case 'sigmoid': return 1 / (1 + Math.exp(-v));
    case 'abs': return Math.abs(v);
    case 'square': return v * v;
    case 'sqrt': return Math.sqrt(v);
    case 'rsqrt': return 1 / Math.sqrt(v);
    case 'exp': return Math.exp(v);
    case 'neg': return -v;
  }
}

/** One binary op on two values. */
export function binaryScalar(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case 'add': return a + b;
    case 'sub': return a - b;
    case 'mul': return a * b;
    case 'div': return a / b;
    case 'maximum': return a > b || a !== a ? a : b;
    case 'minimum': return a < b || a !== a ? a : b;
    case 'squaredDifference': return (a - b) * (a - b);
    case 'prelu': return a < 0 ? b * a : a;
  }
}

/** The broadcast shape of `a` and `b`; throws E_BAD_ARGUMENT naming `fn` when incompatible. */
export function broadcastShapes(a: readonly number[], b: readonly number[], fn: string): number[] {
  const r = Math.max(a.length, b.length);
  const out = new Array<number>(r);
  for (let i = 0; i < r; i++) {
    const da = a[a.length - r + i] ?? 1;
    const db = b[b.length - r + i] ?? 1;
    check(da === db || da === 1 || db === 1, fn, `shapes [${a.join(', ')}] and [${b.join(', ')}] cannot be broadcast together`);
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Strides of `shape` seen from an output of rank `outRank`: 0 on broadcast (size-1 or missing)
 * dims, so offset = sum(idx[d] * stride[d]) reads the right element.
 */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const r = outShape.length;
  const s = new Array<number>(r).fill(0);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = r - shape.length + i;
    s[d] = shape[i] === 1 && outShape[d] !== 1 ? 0 : acc;
    acc *= shape[i];
  }
  return s;
}
