/** Reference reductions (mean / sum / max) over a sorted set of axes; reduced axes are dropped. */
import { make, sizeOf, stridesOf, type Tensor } from '../../tensor.js';
import type { ReduceOp } from '../names.js';

/** requires: axes sorted, unique, in range. ensures: shape = x.shape without `axes`. */
export function reduceRef(x: Tensor, axes: readonly number[], op: ReduceOp): Tensor {
  const outShape = x.shape.filter((_, d) => !axes.includes(d));
  const out = make(outShape);
  const count = sizeOf(axes.map((d) => x.shape[d]));
  const acc = new Float64Array(out.data.length).fill(op === 'max' ? -Infinity : 0);
  const xs = stridesOf(x.shape);
  const os = stridesOf(outShape);
  for (let i = 0; i < x.data.length; i++) {
    let r = i, o = 0, k = 0;
    for (let d = 0; d < x.shape.length; d++) {
      const q = Math.floor(r / xs[d]);
      r -= q * xs[d];
      if (!axes.includes(d)) o += q * os[k++];
    }
    const v = x.data[i];
    if (op === 'max') { if (v > acc[o] || v !== v) acc[o] = v; } else acc[o] += v;
  }
  for (let o = 0; o < acc.length; o++) out.data[o] = op === 'mean' ? acc[o] / count : acc[o];
  return out;
}
