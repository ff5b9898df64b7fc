/**
 * Public element-wise ops. Binary ops broadcast like NumPy / TF.js; a plain number operand is a
 * scalar tensor.
 */
import { check } from '../../../core/errors.js';
import { currentBackend } from '../../backend.js';
import { assertTensor, scalar, type Tensor } from '../../tensor.js';
import type { BinaryOp, UnaryOp } from '../names.js';
import { broadcastShapes } from './defs.js';

function unary(op: UnaryOp, x: Tensor, alpha = 0): Tensor {
  assertTensor(x, op, 'x');
  return currentBackend().kernels.unary(x, op, alpha);
}

function binary(op: BinaryOp, a: Tensor | number, b: Tensor | number): Tensor {
  const ta = typeof a === 'number' ? scalar(a) : a;
  const tb = typeof b === 'number' ? scalar(b) : b;
  assertTensor(ta, op, 'a');
  assertTensor(tb, op, 'b');
  return currentBackend().kernels.binary(ta, tb, op, broadcastShapes(ta.shape, tb.shape, op));
}

/** max(x, 0). */
export const relu = (x: Tensor): Tensor => unary('relu', x);
/** min(max(x, 0), 6). */
export const relu6 = (x: Tensor): Tensor => unary('relu6', x);
/** x < 0 ? alpha * x : x; TF.js default alpha 0.2. */
export function leakyRelu(x: Tensor, alpha = 0.2): Tensor {
  check(Number.isFinite(alpha), 'leakyrelu', `alpha must be finite, got ${alpha}`);
  return unary('leakyrelu', x, alpha);
}
export const tanh = (x: Tensor): Tensor => unary('tanh', x);
/** 1 / (1 + exp(-x)). */
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x);
export const abs = (x: Tensor): Tensor => unary('abs', x);
export const square = (x: Tensor): Tensor => unary('square', x);
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x);
/** 1 / sqrt(x). */
export const rsqrt = (x: Tensor): Tensor => unary('rsqrt', x);
export const exp = (x: Tensor): Tensor => unary('exp', x);
export const neg = (x: Tensor): Tensor => unary('neg', x);

export const add = (a: Tensor | number, b: Tensor | number): Tensor => binary('add', a, b);
export const sub = (a: Tensor | number, b: Tensor | number): Tensor => binary('sub', a, b);
export const mul = (a: Tensor | number, b: Tensor | number): Tensor => binary('mul', a, b);
export const div = (a: Tensor | number, b: Tensor | number): Tensor => binary('div', a, b);
export const maximum = (a: Tensor | number, b: Tensor | number): Tensor => binary('maximum', a, b);
export const minimum = (a: Tensor | number, b: Tensor | number): Tensor => binary('minimum', a, b);
/** (a - b)^2. */
export const squaredDifference = (a: Tensor | number, b: Tensor | number): Tensor => binary('squaredDifference', a, b);
/** x < 0 ? alpha * x : x, alpha broadcast against x (usually one slope per channel, shape [C]). */
export const prelu = (x: Tensor, alpha: Tensor | number): Tensor => binary('prelu', x, alpha);
