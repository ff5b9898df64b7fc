/**
 * gpu.js reductions: one thread per output element; the reduced axes are walked as one flat
 * counter decomposed with their own strides (shapes padded to rank 8 like the element-wise kernels).
 */
import { make, sizeOf, stridesOf, type Tensor } from '../../tensor.js';
import { gpuRun, type GpuThis } from '../../kernels/gpujs-runtime.js';
import { REDUCE_OPS, type ReduceOp } from '../names.js';
import { rank8 } from '../elementwise/elementwise.gpu.js';

/** os: output (kept-axes) strides; ks: input strides of the kept axes; rs: strides of the reduced counter; ris: input strides of the reduced axes. */
export function reduceBody(this: GpuThis, x: Float32Array, os: Float32Array, ks: Float32Array, rs: Float32Array, ris: Float32Array): number {
  let r = this.thread.x;
  let base = 0;
  for (let d = 0; d < 8; d++) {
    const q = Math.floor((r + 0.5) / os[d]);
    r = r - q * os[d];
    base += q * ks[d];
  }
  let acc = 0;
  let m = -3.4e38;
  for (let j = 0; j < this.constants.count; j++) {
    let t = j;
    let off = base;
    for (let d = 0; d < 8; d++) {
      const q = Math.floor((t + 0.5) / rs[d]);
      t = t - q * rs[d];
      off += q * ris[d];
    }
    const v = x[off];
    acc += v;
    m = Math.max(m, v);
  }
  let y = acc;
  if (this.constants.op === 0) { y = acc / this.constants.count; }
  if (this.constants.op === 2) { y = m; }
  return y;
}

/** Same contract as reduceRef. */
export function reduceGpu(x: Tensor, axes: readonly number[], op: ReduceOp): Tensor {
  const keptAxes = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const outShape = keptAxes.map((d) => x.shape[d]);
  const n = sizeOf(outShape);
  if (n === 0) return make(outShape);
  const xs = stridesOf(x.shape);
  const redShape = axes.map((d) => x.shape[d]);
  const count = sizeOf(redShape);
  if (count === 0) return make(outShape);
  const args = [
    x.data,
    rank8(stridesOf(outShape), n),
    rank8(keptAxes.map((d) => xs[d]), 0),
    rank8(stridesOf(redShape), count),
    rank8(axes.map((d) => xs[d]), 0),
  ];
  return make(outShape, gpuRun('reduce', reduceBody, n, { count, op: REDUCE_OPS.indexOf(op) }, args));
}
