/** Public reductions mean / sum / max over axes (negative axes count from the end). */
import { check } from '../../../core/errors.js';
import { currentBackend } from '../../backend.js';
import { assertTensor, type Tensor } from '../../tensor.js';
import type { ReduceOp } from '../names.js';

/** Normalises an axis list (negative allowed) into sorted unique axes; names `fn` in errors. */
export function normalizeAxes(axes: number | readonly number[] | undefined, rank: number, fn: string): number[] {
  const list = axes === undefined ? [...Array(rank).keys()] : typeof axes === 'number' ? [axes] : [...axes];
  const out = list.map((a) => {
    check(Number.isInteger(a) && a >= -rank && a < rank, fn, `axis ${a} is out of range for rank ${rank}`);
    return a < 0 ? a + rank : a;
  });
  return [...new Set(out)].sort((p, q) => p - q);
}

function reduce(op: ReduceOp, x: Tensor, axes: number | readonly number[] | undefined, keepDims: boolean): Tensor {
  assertTensor(x, op, 'x');
  const ax = normalizeAxes(axes, x.shape.length, op);
  if (op !== 'sum') check(ax.every((d) => x.shape[d] > 0), op, `cannot reduce over an empty axis of shape [${x.shape.join(', ')}]`);
  const y = currentBackend().kernels.reduce(x, ax, op);
  return keepDims ? { shape: x.shape.map((d, i) => (ax.includes(i) ? 1 : d)), data: y.data } : y;
}

/** Mean over `axes` (default all). */
export const mean = (x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor => reduce('mean', x, axes, keepDims);
/** Sum over `axes` (default all). */
export const sum = (x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor => reduce('sum', x, axes, keepDims);
/** Max over `axes` (default all). */
export const max = (x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor => reduce('max', x, axes, keepDims);
