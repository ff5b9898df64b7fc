/**
 * Reference matMul of rank-2 tensors with optional transposes, fused bias (broadcast over rows)
 * and activation: y = act(op(a) @ op(b) + bias).
 */
import { make, type Tensor } from '../../tensor.js';
import { activate } from '../activation.js';
import type { Activation } from '../names.js';

/** requires: op(a) is [m, k], op(b) is [k, n], bias [n] or null. */
export function matMulRef(a: Tensor, b: Tensor, bias: Tensor | null, transposeA: boolean, transposeB: boolean, act: Activation): Tensor {
  const m = transposeA ? a.shape[1] : a.shape[0];
  const k = transposeA ? a.shape[0] : a.shape[1];
  const n = transposeB ? b.shape[0] : b.shape[1];
  const out = make([m, n]);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = bias ? bias.data[j] : 0;
      for (let p = 0; p < k; p++) {
        const av = transposeA ? a.data[p * m + i] : a.data[i * k + p];
        const bv = transposeB ? b.data[j * k + p] : b.data[p * n + j];
        s += av * bv;
      }
      out.data[i * n + j] = activate(s, j, act);
    }
  return out;
}
