import { check } from '../../../core/errors.js';
import { currentBackend } from '../../backend.js';
import { assertTensor, type Tensor } from '../../tensor.js';

/**
 * Concatenates along `axis` (negative counts from the end; TF.js concat).
 * requires: at least one tensor; equal ranks and dims except along `axis`.
 */
export function concat(xs: readonly Tensor[], axis = -1): Tensor {
  const fn = 'concat';
  check(Array.isArray(xs) && xs.length > 0, fn, 'needs a non-empty array of tensors');
  xs.forEach((t, i) => assertTensor(t, fn, `xs[${i}]`));
  const rank = xs[0].shape.length;
  check(rank >= 1, fn, 'tensors must have rank >= 1');
  check(Number.isInteger(axis) && axis >= -rank && axis < rank, fn, `axis ${axis} is out of range for rank ${rank}`);
  const ax = axis < 0 ? axis + rank : axis;
  xs.forEach((t: Tensor, i: number) => {
    check(
      t.shape.length === rank && t.shape.every((d: number, k: number) => k === ax || d === xs[0].shape[k]),
      fn,
      `xs[${i}] has shape [${t.shape.join(', ')}], incompatible with [${xs[0].shape.join(', ')}] along axis ${ax}`,
    );
  });
  return currentBackend().kernels.concat(xs, ax);
}
