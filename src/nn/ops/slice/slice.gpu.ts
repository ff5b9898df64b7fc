/** gpu.js strided slice on normalised arguments: src = sum((begin + idx * stride) * inStride). */
import { make, sizeOf, stridesOf, type Tensor } from '../../tensor.js';
import { gpuRun, type GpuThis } from '../../kernels/gpujs-runtime.js';
import { rank8 } from '../elementwise/elementwise.gpu.js';

export function sliceBody(this: GpuThis, x: Float32Array, os: Float32Array, xs: Float32Array, begin: Float32Array, step: Float32Array): number {
  let r = this.thread.x;
  let src = 0;
  for (let d = 0; d < 8; d++) {
    const q = Math.floor((r + 0.5) / os[d]);
    r = r - q * os[d];
    src += (begin[d] + q * step[d]) * xs[d];
  }
  return x[src];
}

/** Same contract as stridedSliceRef. */
export function stridedSliceGpu(x: Tensor, begin: readonly number[], strides: readonly number[], outShape: readonly number[]): Tensor {
  const n = sizeOf(outShape);
  if (n === 0) return make(outShape);
  const args = [x.data, rank8(stridesOf(outShape), n), rank8(stridesOf(x.shape), 0), rank8(begin, 0), rank8(strides, 0)];
  return make(outShape, gpuRun('stridedSlice', sliceBody, n, {}, args));
}
