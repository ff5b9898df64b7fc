/**
 * Fast CPU element-wise kernels: the op switch is hoisted out of the loop, and the broadcasts the
 * models use (same shape, scalar, per-channel vector over the last axis) get flat loops; other
 * broadcasts fall back to the reference index maths.
 */
import { make, sizeOf, type Tensor } from '../../tensor.js';
import type { BinaryOp, UnaryOp } from '../names.js';
import { binaryScalar, unaryScalar } from './defs.js';
import { binaryRef } from './elementwise.ref.js';

export function unaryCpu(x: Tensor, op: UnaryOp, alpha: number): Tensor {
  const out = make(x.shape);
  const s = x.data, d = out.data, n = s.length;
  switch (op) {
    case 'relu': for (let i = 0; i < n; i++) { const v = s[i]; d[i] = v < 0 ? 0 : v; } break;
    case 'relu6': for (let i = 0; i < n; i++) { const v = s[i]; d[i] = v < 0 ? 0 : v > 6 ? 6 : v; } break;
    case 'leakyrelu': for (let i = 0; i < n; i++) { const v = s[i]; d[i] = v < 0 ? alpha * v : v; } break;
    case 'square': for (let i = 0; i < n; i++) d[i] = s[i] * s[i]; break;
    case 'neg': for (let i = 0; i < n; i++) d[i] = -s[i]; break;
    case 'abs': for (let i = 0; i < n; i++) d[i] = Math.abs(s[i]); break;
    default: for (let i = 0; i < n; i++) d[i] = unaryScalar(op, s[i], alpha);
  }
  return out;
}

type Fn2 = (a: number, b: number) => number;
const FNS: Record<BinaryOp, Fn2> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  maximum: (a, b) => binaryScalar('maximum', a, b),
  minimum: (a, b) => binaryScalar('minimum', a, b),
  squaredDifference: (a, b) => (a - b) * (a - b),
  prelu: (a, b) => (a < 0 ? b * a : a),
};

/** Same contract as binaryRef. */
export function binaryCpu(a: Tensor, b: Tensor, op: BinaryOp, outShape: readonly number[]): Tensor {
  const n = sizeOf(outShape);
  const an = a.data.length, bn = b.data.length;
  const f = FNS[op];
  const last = outShape.length === 0 ? 1 : outShape[outShape.length - 1];
  const trailing = (t: Tensor): boolean => t.data.length === last && (t.shape.length === 0 || t.shape[t.shape.length - 1] === last);
  if (an === n && bn === n) {
    const out = make(outShape), A = a.data, B = b.data, d = out.data;
    if (op === 'add') for (let i = 0; i < n; i++) d[i] = A[i] + B[i];
    else if (op === 'mul') for (let i = 0; i < n; i++) d[i] = A[i] * B[i];
    else for (let i = 0; i < n; i++) d[i] = f(A[i], B[i]);
    return out;
  }
  if (an === n && (bn === 1 || trailing(b)) && last > 0) {
    const out = make(outShape), A = a.data, B = b.data, d = out.data;
    if (bn === 1) { const s = B[0]; for (let i = 0; i < n; i++) d[i] = f(A[i], s); }
    else for (let i = 0; i < n; i += last) for (let c = 0; c < last; c++) d[i + c] = f(A[i + c], B[c]);
    return out;
  }
  if (bn === n && (an === 1 || trailing(a)) && last > 0) {
    const out = make(outShape), A = a.data, B = b.data, d = out.data;
    if (an === 1) { const s = A[0]; for (let i = 0; i < n; i++) d[i] = f(s, B[i]); }
    else for (let i = 0; i < n; i += last) for (let c = 0; c < last; c++) d[i + c] = f(A[c], B[i + c]);
    return out;
  }
  return binaryRef(a, b, op, outShape);
}
