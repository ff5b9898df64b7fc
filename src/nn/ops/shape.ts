/** Shape-only ops: they share `data` with their input (no copy, no kernel). */
import { check } from '../../core/errors.js';
import { assertTensor, checkShape, sizeOf, type Tensor } from '../tensor.js';

/**
 * Same data, new shape; one dim may be -1 (inferred).
 * requires: product(shape) === x.data.length. ensures: result.data === x.data.
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const fn = 'reshape';
  assertTensor(x, fn, 'x');
  const infer = shape.filter((d) => d === -1).length;
  check(infer <= 1, fn, `at most one dim may be -1, got [${shape.join(', ')}]`);
  let s = [...shape];
  if (infer === 1) {
    const known = sizeOf(s.filter((d) => d !== -1));
    check(known > 0 && x.data.length % known === 0, fn, `cannot infer -1 in [${shape.join(', ')}] for ${x.data.length} values`);
    s = s.map((d) => (d === -1 ? x.data.length / known : d));
  }
  const n = checkShape(s, fn);
  check(n === x.data.length, fn, `cannot reshape [${x.shape.join(', ')}] (${x.data.length} values) to [${shape.join(', ')}]`);
  return { shape: s, data: x.data };
}

/** Drops size-1 axes (all, or the listed ones, which must have size 1). */
export function squeeze(x: Tensor, axes?: readonly number[]): Tensor {
  assertTensor(x, 'squeeze', 'x');
  const r = x.shape.length;
  const ax = (axes ?? x.shape.map((_, i) => i).filter((i) => x.shape[i] === 1)).map((a) => (a < 0 ? a + r : a));
  for (const a of ax) check(Number.isInteger(a) && a >= 0 && a < r && x.shape[a] === 1, 'squeeze', `axis ${a} of shape [${x.shape.join(', ')}] is not of size 1`);
  return { shape: x.shape.filter((_, i) => !ax.includes(i)), data: x.data };
}

/** Inserts a size-1 axis at `axis` (negative counts from the end of the new shape). */
export function expandDims(x: Tensor, axis = 0): Tensor {
  assertTensor(x, 'expandDims', 'x');
  const r = x.shape.length + 1;
  check(Number.isInteger(axis) && axis >= -r && axis < r, 'expandDims', `axis ${axis} is out of range for rank ${x.shape.length}`);
  const a = axis < 0 ? axis + r : axis;
  return { shape: [...x.shape.slice(0, a), 1, ...x.shape.slice(a)], data: x.data };
}
