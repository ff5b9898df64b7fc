/**
 * A depthwise-separable conv (3x3 multiplier-1 depthwise, then a 1x1 conv with bias and
 * activation) in one trip through wasm memory: the depthwise output stays in wasm memory and is
 * the pointwise GEMM's A as it lies (NHWC rows of C floats), so neither its JS array, nor its
 * copy out and back in, nor the garbage collection of that array happen. Same kernels, same
 * float operations as the two ops one after the other, so the results are bit-identical.
 */
import type { Conv2DInfo } from '../../ops/names.js';
import { actSuffix, type EpilogueAct } from './encoder.js';
import { runSplit, splitPool } from '../threads/cpu-threads.js';
import { MR, NR } from './gemm-module.js';
import { blockRowsFor, packedAddress, writeEpilogue } from './gemm-wasm.js';
import { depthwiseIntoWasm, packedDepthwise, paddedExtent } from './depthwise-wasm.js';
import { align16, copyRowsOut, ensureBytes, scratchBase, wasmKernels } from './runtime.js';

/** The depthwise half: 3x3 multiplier-1 filter [3, 3, C, 1], optional bias [C], fused activation. */
export interface DepthwisePart { filter: Float32Array; bias: Float32Array | null; act: EpilogueAct }

/**
 * out = act(conv1x1(dwAct(depthwise3x3(x) + dwBias), pointwise) + bias).
 * requires: info is the depthwise geometry with batch 1, inC = outC = C a multiple of 4, 3x3;
 * pointwise holds C x n floats ([1, 1, C, n]); bias null or n floats; out holds outH*outW*n
 * floats; the filters immutable (their packed copies are cached).
 * ensures: returns false (out untouched) when the wasm kernels are unavailable or memory cannot grow.
 * mutates: out.
 */
export function separableWasm(x: Float32Array, depthwise: DepthwisePart, info: Conv2DInfo, pointwise: Float32Array, n: number, bias: Float32Array | null, act: EpilogueAct, out: Float32Array): boolean {
  const w = wasmKernels();
  const C = info.inC, rows = info.outH * info.outW;
  if (w === null || info.batch !== 1 || C % 4 !== 0 || rows === 0 || n < 1) return false;
  const panels = Math.ceil(n / NR), np = panels * NR;
  const { hp, wp } = paddedExtent(info);
  try {
    // Pack both filters before laying out scratch (packing may move the scratch base up); the
    // second round is a cache hit unless the weight arena was recycled in between.
    let bPtr = 0, dwPtr = 0;
    for (let round = 0; round < 2; round++) {
      bPtr = packedAddress(w, pointwise, C, n, false, true, scratchBase());
      dwPtr = packedDepthwise(w, depthwise.filter, depthwise.bias, C, C >> 2);
    }
    let at = scratchBase();
    const biasPtr = at; at += np * 4;
    const xPtr = at; at += align16(hp * wp * C * 4);
    // The depthwise output, plus MR - 1 rows of slack that the last GEMM row block may read.
    const yPtr = at; at += align16((rows + MR) * C * 4);
    const pool = splitPool(w, rows * C * n);
    const cacheRows = blockRowsFor(C, rows);
    const blockRows = pool ? Math.ceil(rows / MR) * MR : cacheRows;
    const cPtr = at; at += blockRows * np * 4;
    ensureBytes(w, at);
    depthwiseIntoWasm(w, x, 0, info, depthwise.act, dwPtr, xPtr, yPtr);
    const heap = new Float32Array(w.memory.buffer);
    writeEpilogue(heap, biasPtr >> 2, bias, null, n, np);
    const ci = cPtr >> 2;
    for (let r0 = 0; r0 < rows; r0 += blockRows) {
      const m = Math.min(rows, r0 + blockRows) - r0;
      // Rows past m read the slack (finite or not, their results are dropped).
      const name = 'gemm' + actSuffix(act), args = [yPtr + r0 * C * 4, C * 4, bPtr, C, panels, biasPtr, cPtr, np * 4, Math.ceil(m / MR)];
      if (pool) runSplit(pool, name, args, [MR * C * 4, 0, 0, 0, 0, 0, MR * np * 4, 0, 0], 8, cacheRows / MR);
      else w.exports[name](...args);
      copyRowsOut(heap, ci, np, out, r0 * n, m, n);
    }
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}
