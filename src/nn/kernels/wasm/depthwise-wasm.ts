/**
 * 3x3 multiplier-1 depthwise conv on the emitted wasm SIMD kernel (depthwise-module.ts): the
 * input is copied into wasm memory once per image with channels padded to a multiple of 4 and a
 * zero border (only the border is cleared, not the whole buffer), so the kernel never tests
 * bounds; weights and bias are packed per group and kept resident per filter buffer; the Cp-wide
 * output is copied back.
 */
import type { Conv2DInfo } from '../../ops/names.js';
import { actSuffix, type EpilogueAct } from './encoder.js';
import { callSplit } from '../threads/cpu-threads.js';
import { align16, copyRowsOut, arenaAlloc, arenaLive, ensureBytes, scratchBase, wasmKernels, type WasmKernels } from './runtime.js';

interface Resident { ptr: number; gen: number; c: number; bias: Float32Array | null }
const resident = new WeakMap<Float32Array, Resident>();

/** Byte address of filter [3,3,C,1] + bias packed as G groups of [bias, w0 .. w8] x 4 lanes (zero channel padding). */
export function packedDepthwise(w: WasmKernels, filter: Float32Array, bias: Float32Array | null, c: number, g: number): number {
  const hit = resident.get(filter);
  if (hit && arenaLive(hit.gen) && hit.c === c && hit.bias === bias) return hit.ptr;
  const { ptr, gen } = arenaAlloc(w, g * 40 * 4);
  const heap = new Float32Array(w.memory.buffer), base = ptr >> 2;
  heap.fill(0, base, base + g * 40);
  for (let ch = 0; ch < c; ch++) {
    const o = base + (ch >> 2) * 40 + (ch & 3);
    if (bias) heap[o] = bias[ch];
    for (let t = 0; t < 9; t++) heap[o + 4 * (t + 1)] = filter[t * c + ch];
  }
  resident.set(filter, { ptr, gen, c, bias });
  return ptr;
}

/**
 * out = act(depthwise3x3(x) + bias) with act linear / relu / relu6 fused, NHWC.
 * requires: info.filterH === info.filterW === 3, info.outC === info.inC (multiplier 1); `filter`
 * and `bias` immutable (their packed copy is cached); out holds batch*outH*outW*C floats.
 * ensures: returns false (out untouched) when the wasm kernels are unavailable or memory cannot grow.
 * mutates: out.
 */
export function depthwise3x3Wasm(x: Float32Array, filter: Float32Array, bias: Float32Array | null, info: Conv2DInfo, act: EpilogueAct, out: Float32Array): boolean {
  const w = wasmKernels();
  if (w === null) return false;
  const { batch, inC: C, outH, outW } = info;
  const cp = (C + 3) & ~3, g = cp >> 2;
  const { hp, wp } = paddedExtent(info);
  try {
    const wPtr = packedDepthwise(w, filter, bias, C, g);
    let at = scratchBase();
    const xPtr = at; at += align16(hp * wp * cp * 4);
    const yPtr = at; at += outH * outW * cp * 4;
    ensureBytes(w, at);
    const yi = yPtr >> 2;
    for (let b = 0; b < batch; b++) {
      depthwiseIntoWasm(w, x, b, info, act, wPtr, xPtr, yPtr);
      const heap = new Float32Array(w.memory.buffer);
      const o = b * outH * outW * C;
      copyRowsOut(heap, yi, cp, out, o, outH * outW, C);
    }
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}

/** The zero-padded input extent (rows, columns) in which every tap of every output pixel lands. */
export function paddedExtent(info: Conv2DInfo): { hp: number; wp: number } {
  const { inH, inW, outH, outW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = info;
  return {
    hp: Math.max(inH + padTop, (outH - 1) * strideH + 2 * dilationH + 1),
    wp: Math.max(inW + padLeft, (outW - 1) * strideW + 2 * dilationW + 1),
  };
}

/**
 * Image `b` of x through the depthwise kernel: copies it into wasm memory at xPtr with its zero
 * border and channels padded to Cp, and writes outH x outW x Cp floats at yPtr.
 * requires: memory already holds xPtr + paddedExtent area x Cp floats and the output; wPtr from
 * packedDepthwise.
 */
export function depthwiseIntoWasm(w: WasmKernels, x: Float32Array, b: number, info: Conv2DInfo, act: EpilogueAct, wPtr: number, xPtr: number, yPtr: number): void {
  const { inH, inW, inC: C, outH, outW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = info;
  const cp = (C + 3) & ~3, g = cp >> 2;
  const { hp, wp } = paddedExtent(info);
  const heap = new Float32Array(w.memory.buffer);
  const xi = xPtr >> 2, pix = cp * 4, row = wp * cp;
  if (cp !== C) heap.fill(0, xi, xi + hp * row);
  else {
    // Zero only the border: top rows, bottom rows, and the left / right margins of the rest.
    heap.fill(0, xi, xi + padTop * row);
    heap.fill(0, xi + (padTop + inH) * row, xi + hp * row);
    const right = wp - padLeft - inW;
    for (let iy = 0; iy < inH; iy++) {
      const r = xi + (iy + padTop) * row;
      if (padLeft > 0) heap.fill(0, r, r + padLeft * cp);
      if (right > 0) heap.fill(0, r + (padLeft + inW) * cp, r + row);
    }
  }
  for (let iy = 0; iy < inH; iy++) {
    const src = (b * inH + iy) * inW * C, dst = xi + (iy + padTop) * row + padLeft * cp;
    if (cp === C) heap.set(x.subarray(src, src + inW * C), dst);
    else for (let ix = 0; ix < inW; ix++) for (let c = 0; c < C; c++) heap[dst + ix * cp + c] = x[src + ix * C + c];
  }
  // Split by output rows when cpu threads are on: chunk rows start strideH input rows further down.
  const args = [xPtr, wPtr, yPtr, outH, outW, g, strideW * pix, strideH * wp * pix, dilationW * pix, dilationH * wp * pix, pix];
  const step = [strideH * wp * pix, 0, outW * pix, 0, 0, 0, 0, 0, 0, 0, 0];
  callSplit(w, 'dw3x3' + actSuffix(act), args, step, 3, outH * outW * cp * 9);
}
