/** gpu.js constant pad: each output index is decomposed (rank-8 strides) and mapped back to the input. */
import { make, sizeOf, stridesOf, type Tensor } from '../../tensor.js';
import { gpuRun, type GpuThis } from '../../kernels/gpujs-runtime.js';
import { rank8 } from '../elementwise/elementwise.gpu.js';

export function padBody(this: GpuThis, x: Float32Array, os: Float32Array, xs: Float32Array, before: Float32Array, dims: Float32Array): number {
  let r = this.thread.x;
  let src = 0;
  let inside = 1;
  for (let d = 0; d < 8; d++) {
    const q = Math.floor((r + 0.5) / os[d]);
    r = r - q * os[d];
    const s = q - before[d];
    if (s < 0 || s >= dims[d]) {
      inside = 0;
    }
    src += s * xs[d];
  }
  let v = this.constants.value;
  if (inside === 1) {
    v = x[src];
  }
  return v;
}

/** Same contract as padRef. */
export function padGpu(x: Tensor, paddings: readonly (readonly [number, number])[], value: number): Tensor {
  const shape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  const n = sizeOf(shape);
  if (n === 0) return make(shape);
  const args = [x.data, rank8(stridesOf(shape), n), rank8(stridesOf(x.shape), 0), rank8(paddings.map((p) => p[0]), 0), rank8(x.shape, 1)];
  return make(shape, gpuRun('pad', padBody, n, { value }, args));
}
