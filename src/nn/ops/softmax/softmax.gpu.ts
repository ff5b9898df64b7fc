/** gpu.js softmax over the last axis: each thread recomputes its row's max and sum (rows are short: class scores). */
import { make, type Tensor } from '../../tensor.js';
import { gpuRun, type GpuThis } from '../../kernels/gpujs-runtime.js';

export function softmaxBody(this: GpuThis, x: Float32Array): number {
  const c = this.constants.c;
  const row = Math.floor((this.thread.x + 0.5) / c) * c;
  let m = x[row];
  for (let k = 1; k < this.constants.c; k++) {
    m = Math.max(m, x[row + k]);
  }
  let s = 0;
  for (let k = 0; k < this.constants.c; k++) {
    s += Math.exp(x[row + k] - m);
  }
  return Math.exp(x[this.thread.x] - m) / s;
}

/** Same contract as softmaxRef. */
export function softmaxGpu(x: Tensor): Tensor {
  const c = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1];
  if (x.data.length === 0) return make(x.shape);
  return make(x.shape, gpuRun('softmax', softmaxBody, x.data.length, { c }, [x.data]));
}
