/** Reference concat along `axis`: copies each input's slabs in order. */
import { make, sizeOf, type Tensor } from '../../tensor.js';

/** requires: xs non-empty, equal shapes except along `axis`. */
export function concatRef(xs: readonly Tensor[], axis: number): Tensor {
  const shape = [...xs[0].shape];
  shape[axis] = xs.reduce((s, t) => s + t.shape[axis], 0);
  const out = make(shape);
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis + 1));
  const rowOut = shape[axis] * inner;
  let off = 0;
  for (const t of xs) {
    const row = t.shape[axis] * inner;
    for (let o = 0; o < outer; o++)
      for (let i = 0; i < row; i++) out.data[o * rowOut + off + i] = t.data[o * row + i];
    off += row;
  }
  return out;
}
