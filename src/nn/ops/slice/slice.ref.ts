/**
 * Reference strided slice on normalised arguments: out[idx] = x[begin + idx * stride] per axis
 * (strides may be negative; the public op resolves TF.js masks and negative indices).
 */
import { make, sizeOf, stridesOf, type Tensor } from '../../tensor.js';

/** requires: every begin[d] + (outShape[d]-1)*strides[d] within [0, x.shape[d]) when outShape[d] > 0. */
export function stridedSliceRef(x: Tensor, begin: readonly number[], strides: readonly number[], outShape: readonly number[]): Tensor {
  const out = make(outShape);
  const os = stridesOf(outShape);
  const xs = stridesOf(x.shape);
  for (let i = 0; i < sizeOf(outShape); i++) {
    let r = i, src = 0;
    for (let d = 0; d < outShape.length; d++) {
      const q = Math.floor(r / os[d]);
      r -= q * os[d];
      src += (begin[d] + q * strides[d]) * xs[d];
    }
    out.data[i] = x.data[src];
  }
  return out;
}
