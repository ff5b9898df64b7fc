/** Reference softmax over the last axis, max-subtracted for range safety (as TF.js does). */
import { make, type Tensor } from '../../tensor.js';

export function softmaxRef(x: Tensor): Tensor {
  const out = make(x.shape);
  const c = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1];
  if (c === 0) return out;
  for (let o = 0; o < x.data.length; o += c) {
    let m = -Infinity;
    for (let i = 0; i < c; i++) m = Math.max(m, x.data[o + i]);
    let s = 0;
    for (let i = 0; i < c; i++) s += Math.exp(x.data[o + i] - m);
    for (let i = 0; i < c; i++) out.data[o + i] = Math.exp(x.data[o + i] - m) / s;
  }
  return out;
}
