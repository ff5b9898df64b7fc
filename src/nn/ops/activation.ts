/**
 * Fused activations: validation for the public ops and the scalar definition every kernel
 * epilogue must reproduce (TF.js `fused_util.applyActivation` semantics: relu6 clamps to [0, 6],
 * leakyrelu default slope 0.2, prelu one slope per output channel).
 */
import { check } from '../../core/errors.js';
import { assertTensor, type Tensor } from '../tensor.js';
import type { Activation, ActivationKind } from './names.js';

const KINDS: readonly ActivationKind[] = ['linear', 'relu', 'relu6', 'leakyrelu', 'prelu', 'tanh', 'sigmoid'];

export const LINEAR: Activation = Object.freeze({ kind: 'linear' });

/** Normalises an activation option (a kind name or an Activation) for `outC` output channels. */
export function normalizeActivation(
  act: ActivationKind | Activation | undefined,
  outC: number,
  fn: string,
): Activation {
  if (act === undefined) return LINEAR;
  const a: Activation = typeof act === 'string' ? { kind: act } : act;
  check(a !== null && typeof a === 'object' && KINDS.includes(a.kind), fn, `activation must be one of ${KINDS.join(', ')}, got ${JSON.stringify(act)}`);
  if (a.kind === 'leakyrelu') {
    const alpha = a.alpha ?? 0.2;
    check(Number.isFinite(alpha), fn, `leakyrelu alpha must be finite, got ${alpha}`);
    return { kind: 'leakyrelu', alpha };
  }
  if (a.kind === 'prelu') {
    check(a.preluAlpha !== undefined, fn, 'prelu activation needs preluAlpha (one slope per output channel)');
    const p = a.preluAlpha as Tensor;
    assertTensor(p, fn, 'preluAlpha');
    check(p.data.length === outC, fn, `preluAlpha must hold ${outC} values (one per output channel), got shape [${p.shape.join(', ')}]`);
    return { kind: 'prelu', preluAlpha: p };
  }
  return { kind: a.kind };
}

/** Small integer code of an activation, for kernels that switch on a number (gpu.js). */
export function activationCode(a: Activation): number {
  return KINDS.indexOf(a.kind);
}

/** The activation of one value `v` in output channel `c`: the definition kernels must match. */
export function activate(v: number, c: number, a: Activation): number {
  switch (a.kind) {
    case 'linear': return v;
    case 'relu': return v < 0 ? 0 : v;
    case 'relu6': return v < 0 ? 0 : v > 6 ? 6 : v;
    case 'leakyrelu': return v < 0 ? (a.alpha ?? 0.2) * v : v;
    case 'prelu': return v < 0 ? (a.preluAlpha as Tensor).data[c] * v : v;
    case 'tanh': return Math.tanh(v);
    case 'sigmoid': return 1 / (1 + Math.exp(-v));
  }
}

/**
 * Applies `a` in place over `out`, whose last axis has `outC` channels (kernel epilogues share it).
 * mutates: out.
 */
export function activateInPlace(out: Float32Array, outC: number, a: Activation): void {
  const n = out.length;
  switch (a.kind) {
    case 'linear': return;
    case 'relu': for (let i = 0; i < n; i++) if (out[i] < 0) out[i] = 0; return;
    case 'relu6': for (let i = 0; i < n; i++) { const v = out[i]; out[i] = v < 0 ? 0 : v > 6 ? 6 : v; } return;
    case 'leakyrelu': { const s = a.alpha ?? 0.2; for (let i = 0; i < n; i++) { const v = out[i]; if (v < 0) out[i] = s * v; } return; }
    case 'prelu': {
      const al = (a.preluAlpha as Tensor).data;
      // Pixel by pixel: no channel counter to test per element (about 1.8x faster in V8).
      for (let i = 0; i < n; i += outC) for (let c = 0; c < outC; c++) { const v = out[i + c]; if (v < 0) out[i + c] = al[c] * v; }
      return;
    }
    case 'tanh': for (let i = 0; i < n; i++) out[i] = Math.tanh(out[i]); return;
    case 'sigmoid': for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-out[i])); return;
  }
}
