/**
 * Max pooling on the emitted wasm SIMD kernel (pool-module.ts): each image is copied into wasm
 * memory once with a -Infinity border and channels padded to a multiple of 4, the kernel writes
 * outH x outW x Cp floats, and those are copied back. With cpu threads on, the call is split by
 * output rows (bit-identical: every row runs the same instructions).
 */
import type { Conv2DInfo } from '../../ops/names.js';
import { callSplit } from '../threads/cpu-threads.js';
import { align16, copyRowsOut, ensureBytes, scratchBase, wasmKernels } from './runtime.js';

/**
 * out = maxPool(x) with the geometry of `info` (filter = window, no dilation), NHWC.
 * requires: every window holds at least one in-image tap (pool.ts checks padding < window);
 * info.dilationH === info.dilationW === 1; out holds batch*outH*outW*C floats.
 * ensures: the values of pool.ref.ts, bit for bit; returns false (out untouched) when the wasm
 * kernels are unavailable or memory cannot grow.
 * mutates: out.
 */
export function maxPoolWasm(x: Float32Array, info: Conv2DInfo, out: Float32Array): boolean {
  const w = wasmKernels();
  if (w === null) return false;
  const { batch, inH, inW, inC: C, outH, outW, strideH, strideW, filterH, filterW, padTop, padLeft } = info;
  if (outH * outW * C === 0) return true;
  const cp = (C + 3) & ~3, g = cp >> 2, pix = cp * 4;
  const hp = Math.max(inH + padTop, (outH - 1) * strideH + filterH);
  const wp = Math.max(inW + padLeft, (outW - 1) * strideW + filterW);
  try {
    let at = scratchBase();
    const xPtr = at; at += align16(hp * wp * pix);
    const yPtr = at; at += outH * outW * pix;
    ensureBytes(w, at);
    const heap = new Float32Array(w.memory.buffer);
    const xi = xPtr >> 2, yi = yPtr >> 2, row = wp * cp;
    for (let b = 0; b < batch; b++) {
      // The whole padded image: border and padding channels read -Infinity, which never wins.
      heap.fill(-Infinity, xi, xi + hp * row);
      for (let iy = 0; iy < inH; iy++) {
        const src = (b * inH + iy) * inW * C, dst = xi + (iy + padTop) * row + padLeft * cp;
        if (cp === C) heap.set(x.subarray(src, src + inW * C), dst);
        else for (let ix = 0; ix < inW; ix++) for (let c = 0; c < C; c++) heap[dst + ix * cp + c] = x[src + ix * C + c];
      }
      const args = [xPtr, yPtr, outH, outW, g, strideW * pix, strideH * wp * pix, filterH, filterW, wp * pix, pix];
      const step = [strideH * wp * pix, outW * pix, 0, 0, 0, 0, 0, 0, 0, 0, 0];
      callSplit(w, 'maxPool', args, step, 2, outH * outW * cp * filterH * filterW);
      const o = b * outH * outW * C;
      copyRowsOut(heap, yi, cp, out, o, outH * outW, C);
    }
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}
