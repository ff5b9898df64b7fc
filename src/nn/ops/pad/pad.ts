import { check } from '../../../core/errors.js';
import { currentBackend } from '../../backend.js';
import { assertTensor, checkShape, type Tensor } from '../../tensor.js';

/**
 * Constant padding (TF.js pad): paddings[d] = [before, after] for every axis.
 * requires: non-negative integer paddings. ensures: shape[d] = x.shape[d] + before + after.
 */
export function pad(x: Tensor, paddings: readonly (readonly [number, number])[], value = 0): Tensor {
  const fn = 'pad';
  assertTensor(x, fn, 'x');
  check(Array.isArray(paddings) && paddings.length === x.shape.length, fn, `paddings must have one [before, after] pair per axis (${x.shape.length}), got ${JSON.stringify(paddings)}`);
  for (const p of paddings) {
    check(Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0), fn, `paddings must be non-negative integer pairs, got ${JSON.stringify(paddings)}`);
  }
  check(typeof value === 'number', fn, `value must be a number, got ${String(value)}`);
  checkShape(x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]), fn);
  return currentBackend().kernels.pad(x, paddings, value);
}
