/** Public matMul and dense (fully connected) layers. */
import { check } from '../../../core/errors.js';
import { currentBackend } from '../../backend.js';
import { assertTensor, sizeOf, type Tensor } from '../../tensor.js';
import { normalizeActivation } from '../activation.js';
import { checkBias } from '../conv2d/conv2d.js';
import type { Activation, ActivationKind } from '../names.js';

export interface MatMulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  /** [n], added to every row. */
  bias?: Tensor;
  activation?: ActivationKind | Activation;
}

/**
 * Matrix product of rank-2 tensors with optional transposes and fused bias + activation.
 * requires: op(a) [m, k], op(b) [k, n]. ensures: result [m, n].
 */
export function matMul(a: Tensor, b: Tensor, opts: MatMulOptions = {}): Tensor {
  const fn = 'matMul';
  assertTensor(a, fn, 'a', 2);
  assertTensor(b, fn, 'b', 2);
  const ta = opts.transposeA ?? false, tb = opts.transposeB ?? false;
  const k1 = ta ? a.shape[0] : a.shape[1];
  const k2 = tb ? b.shape[1] : b.shape[0];
  check(k1 === k2, fn, `inner dimensions differ: a [${a.shape.join(', ')}]${ta ? '^T' : ''} and b [${b.shape.join(', ')}]${tb ? '^T' : ''}`);
  const n = tb ? b.shape[0] : b.shape[1];
  const bias = checkBias(opts.bias, n, fn);
  return currentBackend().kernels.matMul(a, b, bias, ta, tb, normalizeActivation(opts.activation, n, fn));
}

/**
 * Fully connected layer y = act(x @ weights + bias); x of any rank is flattened to [batch, k]
 * (batch = first dim). requires: weights [k, n]. ensures: result [batch, n].
 */
export function dense(x: Tensor, weights: Tensor, bias?: Tensor, activation?: ActivationKind | Activation): Tensor {
  assertTensor(x, 'dense', 'x');
  check(x.shape.length >= 1, 'dense', 'x must have rank >= 1');
  const batch = x.shape.length === 1 ? 1 : x.shape[0];
  const k = x.shape.length === 1 ? x.shape[0] : sizeOf(x.shape.slice(1));
  return matMul({ shape: [batch, k], data: x.data }, weights, { bias, activation });
}
