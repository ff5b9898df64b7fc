/** Fast CPU concat: one typed-array `set` per input slab. */
import { make, sizeOf, type Tensor } from '../../tensor.js';

/** Same contract as concatRef. */
export function concatCpu(xs: readonly Tensor[], axis: number): Tensor {
  const shape = [...xs[0].shape];
  shape[axis] = xs.reduce((s, t) => s + t.shape[axis], 0);
  const out = make(shape);
  const outer = sizeOf(shape.slice(0, axis));
  const rowOut = shape[axis] * sizeOf(shape.slice(axis + 1));
  let off = 0;
  for (const t of xs) {
    const row = t.data.length / Math.max(1, outer);
    if (row > 0) for (let o = 0; o < outer; o++) out.data.set(t.data.subarray(o * row, (o + 1) * row), o * rowOut + off);
    off += row;
  }
  return out;
}
