/** Fast CPU pad: fill with the value, then copy the input's innermost rows with `set`. */
import { make, sizeOf, stridesOf, type Tensor } from '../../tensor.js';

/** Same contract as padRef. */
export function padCpu(x: Tensor, paddings: readonly (readonly [number, number])[], value: number): Tensor {
  const r = x.shape.length;
  const shape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  const out = make(shape);
  if (value !== 0) out.data.fill(value);
  if (x.data.length === 0) return out;
  if (r === 0) { out.data[0] = x.data[0]; return out; }
  const row = x.shape[r - 1];
  const rows = sizeOf(x.shape.slice(0, r - 1));
  const os = stridesOf(shape);
  const xs = stridesOf(x.shape);
  for (let i = 0; i < rows; i++) {
    let rem = i * row, dst = paddings[r - 1][0];
    for (let d = 0; d < r - 1; d++) {
      const q = Math.floor(rem / xs[d]);
      rem -= q * xs[d];
      dst += (q + paddings[d][0]) * os[d];
    }
    out.data.set(x.data.subarray(i * row, (i + 1) * row), dst);
  }
  return out;
}
