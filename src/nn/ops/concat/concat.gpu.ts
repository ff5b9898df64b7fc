/** gpu.js concat: inputs joined two at a time; each thread reads from the side its index falls in. */
import { make, sizeOf, type Tensor } from '../../tensor.js';
import { gpuRun, type GpuThis } from '../../kernels/gpujs-runtime.js';

/** Rows of `rowA` then `rowB` values, `outer` times (the axis and everything inside it, flattened). */
export function concat2Body(this: GpuThis, a: Float32Array, b: Float32Array): number {
  const row = this.constants.rowA + this.constants.rowB;
  const o = Math.floor((this.thread.x + 0.5) / row);
  const k = this.thread.x - o * row;
  let v = 0;
  if (k < this.constants.rowA) {
    v = a[o * this.constants.rowA + k];
  } else {
    v = b[o * this.constants.rowB + k - this.constants.rowA];
  }
  return v;
}

/** Same contract as concatRef. */
export function concatGpu(xs: readonly Tensor[], axis: number): Tensor {
  let acc = xs[0];
  for (let i = 1; i < xs.length; i++) {
    const b = xs[i];
    const shape = [...acc.shape];
    shape[axis] += b.shape[axis];
    const n = sizeOf(shape);
    if (n === 0) { acc = make(shape); continue; }
    const inner = sizeOf(shape.slice(axis + 1));
    acc = make(shape, gpuRun('concat', concat2Body, n, { rowA: acc.shape[axis] * inner, rowB: b.shape[axis] * inner }, [acc.data, b.data]));
  }
  return xs.length === 1 ? make(acc.shape, Float32Array.from(acc.data)) : acc;
}
