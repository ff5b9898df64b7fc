/**
 * Multiply-accumulates of one forward pass, counted from the shapes the conv / depthwise / matmul
 * kernels actually receive (so every model family, face-api nets and graph models alike, is
 * counted the same way and nothing is hand-tallied). FLOPs = 2 * MACs, the convention TF.js and
 * the papers quote. Element-wise ops, pooling and resizes are left out: they are a few per cent
 * of the work in these nets and are not multiply-accumulates.
 */
import { currentBackend } from '../../nn/backend.js';
import { setWasmKernelsEnabled, wasmKernelsEnabled } from '../../nn/kernels/wasm/runtime.js';
import type { Conv2DInfo } from '../../nn/ops/names.js';

/** MACs of a conv2d: every output value sums filterH * filterW * inC products. */
export function conv2dMacs(info: Conv2DInfo): number {
  return info.batch * info.outH * info.outW * info.outC * info.filterH * info.filterW * info.inC;
}

/** MACs of a depthwise conv: every output value sums filterH * filterW products of one channel. */
export function depthwiseMacs(info: Conv2DInfo): number {
  return info.batch * info.outH * info.outW * info.outC * info.filterH * info.filterW;
}

/** MACs of op(a) [m, k] @ op(b) [k, n] (the kernel's rank-2 contract). */
export function matMulMacs(aShape: readonly number[], bShape: readonly number[], transposeA: boolean, transposeB: boolean): number {
  const m = transposeA ? aShape[1]! : aShape[0]!;
  const k = transposeA ? aShape[0]! : aShape[1]!;
  const n = transposeB ? bShape[0]! : bShape[1]!;
  return m * k * n;
}

/**
 * Runs `forward` once on the current backend while counting the MACs its conv, depthwise and
 * matmul kernels perform. The cpu backend's fused wasm paths (depthwise -> pointwise blocks,
 * element-wise chains) bypass the kernel table, so the count runs with the wasm kernels off,
 * where every fused op falls back to the public ops (same arithmetic, bit for bit).
 * Mutates the current backend's kernel table and the wasm switch for the duration of the call
 * and restores both afterwards, also on a throw; not re-entrant.
 * ensures: a non-negative integer.
 */
export async function countMacs(forward: () => unknown): Promise<number> {
  const k = currentBackend().kernels;
  const { conv2d, depthwiseConv2d, matMul } = k;
  let macs = 0;
  k.conv2d = (x, f, bias, info, act) => { macs += conv2dMacs(info); return conv2d(x, f, bias, info, act); };
  k.depthwiseConv2d = (x, f, bias, info, act) => { macs += depthwiseMacs(info); return depthwiseConv2d(x, f, bias, info, act); };
  k.matMul = (a, b, bias, ta, tb, act) => {
    macs += matMulMacs(a.shape, b.shape, ta, tb);
    return matMul(a, b, bias, ta, tb, act);
  };
  const wasm = wasmKernelsEnabled();
  setWasmKernelsEnabled(false);
  try {
    await forward();
  } finally {
    setWasmKernelsEnabled(wasm);
    Object.assign(k, { conv2d, depthwiseConv2d, matMul });
  }
  return macs;
}
