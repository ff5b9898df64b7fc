/** Reference element-wise kernels: one scalar definition per element, broadcasting by index maths. */
import { make, sizeOf, stridesOf, type Tensor } from '../../tensor.js';
import type { BinaryOp, UnaryOp } from '../names.js';
import { binaryScalar, broadcastStrides, unaryScalar } from './defs.js';

export function unaryRef(x: Tensor, op: UnaryOp, alpha: number): Tensor {
  const out = make(x.shape);
  for (let i = 0; i < x.data.length; i++) out.data[i] = unaryScalar(op, x.data[i], alpha);
  return out;
}

/** requires: outShape = broadcastShapes(a.shape, b.shape). */
export function binaryRef(a: Tensor, b: Tensor, op: BinaryOp, outShape: readonly number[]): Tensor {
  const out = make(outShape);
  const n = sizeOf(outShape);
  const os = stridesOf(outShape);
  const as = broadcastStrides(a.shape, outShape);
  const bs = broadcastStrides(b.shape, outShape);
  for (let i = 0; i < n; i++) {
    let r = i, ia = 0, ib = 0;
    for (let d = 0; d < outShape.length; d++) {
      const q = Math.floor(r / os[d]);
      r -= q * os[d];
      ia += q * as[d];
      ib += q * bs[d];
    }
    out.data[i] = binaryScalar(op, a.data[ia], b.data[ib]);
  }
  return out;
}
