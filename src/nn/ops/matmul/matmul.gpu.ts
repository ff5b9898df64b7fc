/** gpu.js matMul: one thread per output element, transposes folded into the index strides. */
import { make, type Tensor } from '../../tensor.js';
import { activationCode } from '../activation.js';
import { gpuRun, type GpuThis } from '../../kernels/gpujs-runtime.js';
import type { Activation } from '../names.js';

/** Kernel body: a, b, bias [n], slopes [n]; a[i, p] = a[i*aRow + p*aCol], b[p, j] = b[p*bRow + j*bCol]. */
export function matMulBody(this: GpuThis, a: Float32Array, b: Float32Array, bias: Float32Array, slope: Float32Array): number {
  const idx = this.thread.x;
  const n = this.constants.n;
  const i = Math.floor((idx + 0.5) / n);
  const j = idx - i * n;
  let s = 0;
  if (this.constants.hasBias === 1) {
    s = bias[j];
  }
  for (let p = 0; p < this.constants.k; p++) {
    s += a[i * this.constants.aRow + p * this.constants.aCol] * b[p * this.constants.bRow + j * this.constants.bCol];
  }
  const act = this.constants.act;
  if (act === 1) { s = Math.max(s, 0); }
  if (act === 2) { s = Math.min(Math.max(s, 0), 6); }
  if (act === 3 && s < 0) { s = s * this.constants.alpha; }
  if (act === 4 && s < 0) { s = s * slope[j]; }
  if (act === 5) {
    const e = Math.exp(-2 * Math.abs(s));
    const t = (1 - e) / (1 + e);
    s = s < 0 ? -t : t;
  }
  if (act === 6) { s = 1 / (1 + Math.exp(-s)); }
  return s;
}

/** Same contract as matMulRef. */
export function matMulGpu(a: Tensor, b: Tensor, bias: Tensor | null, transposeA: boolean, transposeB: boolean, act: Activation): Tensor {
  const m = transposeA ? a.shape[1] : a.shape[0];
  const k = transposeA ? a.shape[0] : a.shape[1];
  const n = transposeB ? b.shape[0] : b.shape[1];
  if (m * n === 0) return make([m, n]);
  const constants = {
    n, k,
    aRow: transposeA ? 1 : k, aCol: transposeA ? m : 1,
    bRow: transposeB ? 1 : n, bCol: transposeB ? k : 1,
    act: activationCode(act), alpha: act.alpha ?? 0, hasBias: bias ? 1 : 0,
  };
  const slope = act.preluAlpha ? act.preluAlpha.data : new Float32Array(0);
  return make([m, n], gpuRun('matMul', matMulBody, m * n, constants, [a.data, b.data, bias ? bias.data : new Float32Array(0), slope]));
}
