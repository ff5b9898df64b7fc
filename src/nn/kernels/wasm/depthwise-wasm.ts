/**
 * 3x3 multiplier-1 depthwise conv on the emitted wasm SIMD kernel (depthwise-module.ts): the
 * input is copied into wasm memory once per image with its zero border and channels padded to a
 * multiple of 4 (so the kernel never tests bounds), weights are padded and kept resident per
 * filter buffer, and the Cp-wide output is copied back.
 */
import type { Conv2DInfo } from '../../ops/names.js';
import type { EpilogueAct } from './encoder.js';
import { align16, arenaAlloc, arenaLive, ensureBytes, scratchBase, wasmKernels, type WasmKernels } from './runtime.js';

interface Resident { ptr: number; gen: number; c: number }
const resident = new WeakMap<Float32Array, Resident>();

/** Byte address of the filter [3,3,C,1] laid out as 9 x Cp floats (zero channel padding). */
function filterAddress(w: WasmKernels, filter: Float32Array, c: number, cp: number): number {
  const hit = resident.get(filter);
  if (hit && arenaLive(hit.gen) && hit.c === c) return hit.ptr;
  const { ptr, gen } = arenaAlloc(w, 9 * cp * 4);
  const heap = new Float32Array(w.memory.buffer);
  heap.fill(0, ptr >> 2, (ptr >> 2) + 9 * cp);
  for (let t = 0; t < 9; t++) heap.set(filter.subarray(t * c, t * c + c), (ptr >> 2) + t * cp);
  resident.set(filter, { ptr, gen, c });
  return ptr;
}

/**
 * out = act(depthwise3x3(x) + bias) with act linear / relu / relu6 fused, NHWC.
 * requires: info.filterH === info.filterW === 3, info.outC === info.inC (multiplier 1); `filter`
 * immutable (its padded copy is cached); out holds batch*outH*outW*C floats.
 * ensures: returns false (out untouched) when the wasm kernels are unavailable or memory cannot grow.
 * mutates: out.
 */
export function depthwise3x3Wasm(x: Float32Array, filter: Float32Array, bias: Float32Array | null, info: Conv2DInfo, act: EpilogueAct, out: Float32Array): boolean {
  const w = wasmKernels();
  if (w === null) return false;
  const { batch, inH, inW, inC: C, outH, outW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = info;
  const cp = (C + 3) & ~3, g = cp >> 2;
  // Padded input extent: every tap of every output pixel lands inside it.
  const hp = Math.max(inH + padTop, (outH - 1) * strideH + 2 * dilationH + 1);
  const wp = Math.max(inW + padLeft, (outW - 1) * strideW + 2 * dilationW + 1);
  try {
    const wPtr = filterAddress(w, filter, C, cp);
    let at = scratchBase();
    const biasPtr = at; at += cp * 4;
    const xPtr = at; at += align16(hp * wp * cp * 4);
    const yPtr = at; at += outH * outW * cp * 4;
    ensureBytes(w, at);
    const heap = new Float32Array(w.memory.buffer);
    heap.fill(0, biasPtr >> 2, (biasPtr >> 2) + cp);
    if (bias) heap.set(bias.subarray(0, C), biasPtr >> 2);
    const xi = xPtr >> 2, yi = yPtr >> 2, pix = cp * 4;
    for (let b = 0; b < batch; b++) {
      heap.fill(0, xi, xi + hp * wp * cp);
      for (let iy = 0; iy < inH; iy++) {
        const src = (b * inH + iy) * inW * C, dst = xi + ((iy + padTop) * wp + padLeft) * cp;
        if (cp === C) heap.set(x.subarray(src, src + inW * C), dst);
        else for (let ix = 0; ix < inW; ix++) for (let c = 0; c < C; c++) heap[dst + ix * cp + c] = x[src + ix * C + c];
      }
      w.dw3x3[act](xPtr, wPtr, biasPtr, yPtr, outH, outW, g, strideW * pix, strideH * wp * pix, dilationW * pix, dilationH * wp * pix, pix);
      const o = b * outH * outW * C;
      if (cp === C) out.set(heap.subarray(yi, yi + outH * outW * C), o);
      else for (let p = 0; p < outH * outW; p++) for (let c = 0; c < C; c++) out[o + p * C + c] = heap[yi + p * cp + c];
    }
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}
