/** Fast CPU matMul: transposes A when asked, then the packed GEMM (wasm SIMD, else TypeScript) with fused bias. */
import { make, type Tensor } from '../../tensor.js';
import { activateInPlace } from '../activation.js';
import { gemm, packB, packedWeights } from '../../kernels/gemm.js';
import { gemmWasm } from '../../kernels/wasm/gemm-wasm.js';
import { epilogueOf } from '../../kernels/wasm/runtime.js';
import type { Activation } from '../names.js';

/** Same contract as matMulRef. */
export function matMulCpu(a: Tensor, b: Tensor, bias: Tensor | null, transposeA: boolean, transposeB: boolean, act: Activation): Tensor {
  const m = transposeA ? a.shape[1] : a.shape[0];
  const k = transposeA ? a.shape[0] : a.shape[1];
  const n = transposeB ? b.shape[0] : b.shape[1];
  const out = make([m, n]);
  if (m === 0 || n === 0) return out;
  let ad = a.data;
  if (transposeA) {
    ad = new Float32Array(m * k);
    for (let p = 0; p < k; p++) for (let i = 0; i < m; i++) ad[i * k + p] = a.data[p * m + i];
  }
  const src = ad;
  const fused = epilogueOf(act.kind);
  // B is cached packed only when untransposed (weights); a transposed B is a runtime operand.
  const viaWasm = gemmWasm(b.data, k, n, transposeB, !transposeB, bias ? bias.data : null, m,
    (heap, base, r0, r1) => heap.set(src.subarray(r0 * k, r1 * k), base), out.data, fused ?? 0);
  if (viaWasm && fused !== null) return out;
  if (!viaWasm) {
    const bp = transposeB ? packB(b.data, k, n, true) : packedWeights(b.data, k, n);
    gemm(ad, 0, k, bp, bias ? bias.data : null, out.data, 0, m);
  }
  activateInPlace(out.data, n, act);
  return out;
}
