/**
 * conv2d on the indirect wasm SIMD GEMM (gemm-module.ts, `gemmIndirect`): the input is copied
 * into wasm memory once per image with its zero border, and instead of an im2col matrix the
 * kernel gets a table of output-pixel base addresses plus a table of per-tap offsets (Dukhan
 * 2019, "The Indirect Convolution Algorithm"). An HWIO filter viewed as [fh*fw*inC, outC] is GEMM's
 * B in (tap, channel) order, which is exactly the order the kernel walks taps and channels.
 * With cpu threads on and enough work, one kernel call covers all output pixels of an image and
 * is split by row blocks over the threads (threads/).
 */
import type { Conv2DInfo } from '../../ops/names.js';
import { NR, MR } from './gemm-module.js';
import { blockRowsFor, packedAddress, writeEpilogue } from './gemm-wasm.js';
import { align16, copyRowsOut, ensureBytes, scratchBase, wasmKernels } from './runtime.js';
import { actSuffix, type EpilogueAct } from './encoder.js';
import { runSplit, splitPool } from '../threads/cpu-threads.js';

/**
 * out = act(conv2d(x, filter) + bias) with act linear / relu / relu6 fused (or, given `prelu`
 * slopes, one per output channel, the PReLU epilogue instead), NHWC, any strides, dilations and paddings.
 * requires: info.inC >= 1; `filter` immutable (its packed copy is cached); out holds
 * batch*outH*outW*outC floats.
 * ensures: returns false (out untouched) when the wasm kernels are unavailable or memory cannot grow.
 * mutates: out.
 */
export function conv2dWasm(x: Float32Array, filter: Float32Array, bias: Float32Array | null, info: Conv2DInfo, act: EpilogueAct, out: Float32Array, prelu: Float32Array | null = null): boolean {
  const w = wasmKernels();
  const { batch, inH, inW, inC, outH, outW, outC, filterH, filterW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = info;
  if (w === null || inC < 1) return false;
  // With dilationW 1 the filterW taps of one filter row read filterW*inC consecutive floats of
  // the padded input, in the same (kx, channel) order as B's rows: one indirect segment per
  // filter row instead of one per tap (3x longer inner loops for 3x3, 7x for 7x7; this is what
  // makes the 3-channel first layers fast).
  const rowSegments = dilationW === 1;
  const taps = rowSegments ? filterH : filterH * filterW, seg = rowSegments ? filterW * inC : inC;
  const K = filterH * filterW * inC, rows = outH * outW;
  const panels = Math.ceil(outC / NR), np = panels * NR;
  const hp = Math.max(inH + padTop, (outH - 1) * strideH + (filterH - 1) * dilationH + 1);
  const wp = Math.max(inW + padLeft, (outW - 1) * strideW + (filterW - 1) * dilationW + 1);
  const pool = splitPool(w, batch * rows * K * outC);
  const cacheRows = blockRowsFor(K, rows);
  const blockRows = pool ? Math.ceil(rows / MR) * MR : cacheRows;
  try {
    const bPtr = packedAddress(w, filter, K, outC, false, true, scratchBase());
    let at = scratchBase();
    const biasPtr = at; at += (prelu ? 2 : 1) * np * 4;
    const tapPtr = at; at += align16((taps + 1) * 4);
    const pixPtr = at; at += align16(blockRows * 4);
    const xPtr = at; at += align16(hp * wp * inC * 4);
    const cPtr = at; at += blockRows * np * 4;
    ensureBytes(w, at);
    const buf = w.memory.buffer, heap = new Float32Array(buf), ints = new Int32Array(buf);
    writeEpilogue(heap, biasPtr >> 2, bias, prelu, outC, np);
    const name = prelu ? 'gemmIndirectPrelu' : 'gemmIndirect' + actSuffix(act);
    const ti = tapPtr >> 2;
    ints[ti] = taps;
    if (rowSegments) for (let ky = 0; ky < filterH; ky++) ints[ti + 1 + ky] = ky * dilationH * wp * inC * 4;
    else for (let ky = 0; ky < filterH; ky++)
      for (let kx = 0; kx < filterW; kx++) ints[ti + 1 + ky * filterW + kx] = (ky * dilationH * wp + kx * dilationW) * inC * 4;
    const xi = xPtr >> 2, pi = pixPtr >> 2, ci = cPtr >> 2;
    for (let b = 0; b < batch; b++) {
      heap.fill(0, xi, xi + hp * wp * inC);
      for (let iy = 0; iy < inH; iy++) {
        const src = (b * inH + iy) * inW * inC;
        heap.set(x.subarray(src, src + inW * inC), xi + ((iy + padTop) * wp + padLeft) * inC);
      }
      for (let r0 = 0; r0 < rows; r0 += blockRows) {
        const r1 = Math.min(rows, r0 + blockRows), m = r1 - r0, mPad = Math.ceil(m / MR) * MR;
        for (let r = r0; r < r1; r++) {
          const oy = Math.floor(r / outW), ox = r - oy * outW;
          ints[pi + r - r0] = xPtr + (oy * strideH * wp + ox * strideW) * inC * 4;
        }
        for (let r = m; r < mPad; r++) ints[pi + r] = xPtr; // padding rows: any valid address, results dropped
        if (pool) runSplit(pool, name, [pixPtr, tapPtr, bPtr, seg, panels, biasPtr, cPtr, np * 4, mPad / MR], [MR * 4, 0, 0, 0, 0, 0, MR * np * 4, 0, 0], 8, cacheRows / MR);
        else w.exports[name](pixPtr, tapPtr, bPtr, seg, panels, biasPtr, cPtr, np * 4, mPad / MR);
        const o = (b * rows + r0) * outC;
        copyRowsOut(heap, ci, np, out, o, m, outC);
      }
    }
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}
