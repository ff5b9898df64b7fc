/**
 * Fast CPU reductions: reducing a contiguous block of leading-or-middle axes (e.g. global mean
 * pooling, axes [1, 2] of NHWC) is a flat [outer, reduced, inner] loop; other axis sets use
 * the reference kernel.
 */
import { make, sizeOf, type Tensor } from '../../tensor.js';
import type { ReduceOp } from '../names.js';
import { reduceRef } from './reduce.ref.js';

/** Same contract as reduceRef. */
export function reduceCpu(x: Tensor, axes: readonly number[], op: ReduceOp): Tensor {
  const contiguous = axes.length > 0 && axes.every((a, i) => i === 0 || a === axes[i - 1] + 1);
  if (!contiguous) return reduceRef(x, axes, op);
  const first = axes[0], lastAx = axes[axes.length - 1];
  const outer = sizeOf(x.shape.slice(0, first));
  const red = sizeOf(x.shape.slice(first, lastAx + 1));
  const inner = sizeOf(x.shape.slice(lastAx + 1));
  const out = make(x.shape.filter((_, d) => !axes.includes(d)));
  const acc = new Float64Array(inner);
  const xd = x.data;
  for (let o = 0; o < outer; o++) {
    acc.fill(op === 'max' ? -Infinity : 0);
    for (let r = 0; r < red; r++) {
      const base = (o * red + r) * inner;
      if (op === 'max') for (let i = 0; i < inner; i++) { const v = xd[base + i]; if (v > acc[i] || v !== v) acc[i] = v; }
      else for (let i = 0; i < inner; i++) acc[i] += xd[base + i];
    }
    for (let i = 0; i < inner; i++) out.data[o * inner + i] = op === 'mean' ? acc[i] / red : acc[i];
  }
  return out;
}
