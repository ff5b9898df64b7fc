/**
 * A fused chain of element-wise steps for the model plans: x -> act(x op operand) -> ... with
 * each operand the same shape as x, one value per channel of the last axis, or a scalar (a conv
 * bias, a scale layer, a residual add, then relu). On the `cpu` backend with the wasm kernels the
 * whole chain is one trip through wasm memory (no intermediate tensors, no scalar loops); any
 * other backend, or an operand that needs general broadcasting, runs the same public ops one by
 * one. Both give bit-identical results: each step is one IEEE float32 operation per element.
 */
import { currentBackend } from '../../backend.js';
import { assertTensor, make, scalar, type Tensor } from '../../tensor.js';
import { chainWasm, type EwStep } from '../../kernels/wasm/elementwise-wasm.js';
import { add, div, mul, relu, relu6, sub } from './elementwise.js';

/** One step: acc = activation(acc op operand). */
export interface ChainStep {
  op: 'add' | 'sub' | 'mul' | 'div';
  operand: Tensor | number;
  activation?: 'relu' | 'relu6';
}

const PUBLIC = { add, sub, mul, div } as const;

/** The repeat period of an operand over x's elements, or 0 when it needs general broadcasting. */
function periodOf(x: Tensor, t: Tensor): number {
  const n = x.data.length, last = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1];
  if (t.shape.length > x.shape.length) return 0;
  if (t.data.length === 1) return 1;
  if (t.data.length === n && t.shape.every((d, i) => d === x.shape[i + x.shape.length - t.shape.length])) return n;
  if (t.data.length === last && t.shape[t.shape.length - 1] === last) return last;
  return 0;
}

/**
 * Applies `steps` to x in order, i.e. the same as
 * `steps.reduce((acc, s) => act_s(PUBLIC_OP_s(acc, s.operand)), x)` with the public ops.
 * requires: x and every tensor operand valid (checked; E_BAD_ARGUMENT otherwise).
 * ensures: the public ops' result, bit for bit, and their broadcasting.
 */
export function elementwiseChain(x: Tensor, steps: readonly ChainStep[]): Tensor {
  assertTensor(x, 'elementwiseChain', 'x');
  const operands = steps.map((s) => (typeof s.operand === 'number' ? scalar(s.operand) : s.operand));
  operands.forEach((t) => assertTensor(t, 'elementwiseChain', 'operand'));
  const periods = operands.map((t) => periodOf(x, t));
  if (currentBackend().name === 'cpu' && steps.length > 0 && periods.every((p) => p > 0)) {
    const ew: EwStep[] = steps.map((s, k) => ({ op: s.op, p: operands[k].data, period: periods[k], act: s.activation === 'relu' ? 1 : s.activation === 'relu6' ? 2 : 0 }));
    const out = make(x.shape);
    if (chainWasm(x.data, ew, out.data)) return out;
  }
  let acc = x;
  steps.forEach((s, k) => {
    acc = PUBLIC[s.op](acc, operands[k]);
    if (s.activation === 'relu') acc = relu(acc);
    else if (s.activation === 'relu6') acc = relu6(acc);
  });
  return acc;
}
