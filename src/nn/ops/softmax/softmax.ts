import { check } from '../../../core/errors.js';
import { currentBackend } from '../../backend.js';
import { assertTensor, type Tensor } from '../../tensor.js';

/** Softmax over the last axis. requires: rank >= 1. ensures: each row sums to 1 (for finite input). */
export function softmax(x: Tensor): Tensor {
  assertTensor(x, 'softmax', 'x');
  check(x.shape.length >= 1, 'softmax', 'x must have rank >= 1');
  return currentBackend().kernels.softmax(x);
}
