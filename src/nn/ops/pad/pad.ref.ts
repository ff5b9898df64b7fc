/** Reference constant padding: out[idx] = x[idx - before] inside, `value` outside. */
import { make, sizeOf, stridesOf, type Tensor } from '../../tensor.js';

/** requires: paddings.length === rank, entries non-negative integers. */
export function padRef(x: Tensor, paddings: readonly (readonly [number, number])[], value: number): Tensor {
  const shape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  const out = make(shape);
  const os = stridesOf(shape);
  const xs = stridesOf(x.shape);
  for (let i = 0; i < sizeOf(shape); i++) {
    let r = i, src = 0, inside = true;
    for (let d = 0; d < shape.length; d++) {
      const q = Math.floor(r / os[d]);
      r -= q * os[d];
      const s = q - paddings[d][0];
      if (s < 0 || s >= x.shape[d]) inside = false;
      src += s * xs[d];
    }
    out.data[i] = inside ? x.data[src] : value;
  }
  return out;
}
