/**
 * Element-wise ops on the emitted wasm SIMD kernels (elementwise-module.ts): the operands are
 * copied into wasm scratch memory (memcpy), the kernel writes the result over the first operand
 * in place, and that is copied back. Results are bit-identical to the scalar TypeScript loops.
 * With cpu threads on, each kernel pass over a long enough operand is split into vector ranges
 * (the copies stay on the calling thread: workers see only wasm memory).
 */
import type { EpilogueAct } from './encoder.js';
import type { EwOp } from './elementwise-module.js';
import { actSuffix } from './encoder.js';
import { align16, ensureBytes, scratchBase, wasmKernels } from './runtime.js';
import { callSplit, runSplit, splitPool } from '../threads/cpu-threads.js';

/** Below this many elements the call and copies cost more than the scalar loop saves. */
export const EW_MIN_ELEMENTS = 256;

/**
 * Weight of one element of a kernel pass against one GEMM multiply-add when deciding to split
 * (threads/cpu-threads.ts SPLIT_MIN_WORK): the pass streams memory at ~1-2 G elements/s, the
 * GEMM runs ~10-15 G multiply-adds/s.
 */
const EW_WORK_PER_ELEMENT = 8;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** One step of a fused chain: acc = act(acc op p[i mod period]) (rsub / rdiv: p[..] op acc). */
export interface EwStep { op: EwOp; p: Float32Array; period: number; act: EpilogueAct }

/**
 * out = the steps applied in order to x, in one trip through wasm memory: x is copied in once,
 * each operand once, the result out once (no intermediate arrays).
 * requires: every period >= 1 divides x.length and its p holds >= period values; out holds
 * x.length values (out may be x).
 * ensures: bit-identical to applying the steps one by one with the scalar loops; returns false
 * (out untouched) when the wasm kernels are unavailable, x is shorter than EW_MIN_ELEMENTS or
 * memory cannot grow.
 * mutates: out.
 */
export function chainWasm(x: Float32Array, steps: readonly EwStep[], out: Float32Array): boolean {
  const w = wasmKernels();
  const n = x.length;
  if (w === null || n < EW_MIN_ELEMENTS || steps.some((s) => s.period < 1)) return false;
  const n4 = Math.ceil(n / 4);
  try {
    const xPtr = scratchBase(), pPtr = xPtr + n4 * 16;
    // Each operand is laid out with a period of whole vectors: the whole operand when it is as
    // long as x, else `period` floats replicated up to lcm(period, 4).
    const spans = steps.map((s) => (s.period === n ? n4 * 4 : (s.period * 4) / gcd(s.period, 4)));
    ensureBytes(w, pPtr + align16(Math.max(...spans, 4) * 4));
    const heap = new Float32Array(w.memory.buffer);
    const xi = xPtr >> 2, pi = pPtr >> 2;
    heap.set(x, xi);
    const pool = splitPool(w, n * EW_WORK_PER_ELEMENT);
    steps.forEach((s, k) => {
      const q = spans[k];
      if (s.period === n) heap.set(s.p.subarray(0, n), pi);
      else for (let r = 0; r < q; r += s.period) heap.set(s.p.subarray(0, s.period), pi + r);
      const name = `ew${s.op[0].toUpperCase()}${s.op.slice(1)}${actSuffix(s.act)}`, args = [xPtr, pPtr, pPtr + q * 4, xPtr, n4];
      // A whole operand advances with the chunk; a repeating one restarts at its period, so the
      // chunks are whole periods (q / 4 vectors) and each starts at phase 0.
      if (pool === null) w.exports[name](...args);
      else if (s.period === n) runSplit(pool, name, args, [16, 16, 0, 16, 0], 4);
      else runSplit(pool, name, args, [16, 0, 0, 16, 0], 4, Infinity, q / 4);
    });
    out.set(heap.subarray(xi, xi + n));
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}

/** chainWasm with one step: out[i] = act(x[i] op p[i mod period]). Same contract. */
export function elementwiseWasm(x: Float32Array, p: Float32Array, period: number, o: EwOp, act: EpilogueAct, out: Float32Array): boolean {
  return chainWasm(x, [{ op: o, p, period, act }], out);
}

/**
 * out[i] = relu(x[i]) (act 1) or relu6(x[i]) (act 2), exactly as the scalar loops.
 * ensures: false (out untouched) under the same conditions as elementwiseWasm.
 * mutates: out.
 */
export function activationWasm(x: Float32Array, act: 1 | 2, out: Float32Array): boolean {
  const w = wasmKernels();
  const n = x.length;
  if (w === null || n < EW_MIN_ELEMENTS) return false;
  try {
    const xPtr = scratchBase(), n4 = Math.ceil(n / 4);
    ensureBytes(w, xPtr + n4 * 16);
    const heap = new Float32Array(w.memory.buffer);
    heap.set(x, xPtr >> 2);
    callSplit(w, `act${actSuffix(act)}`, [xPtr, 0, 0, xPtr, n4], [16, 0, 0, 16, 0], 4, n * EW_WORK_PER_ELEMENT);
    out.set(heap.subarray(xPtr >> 2, (xPtr >> 2) + n));
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}

/**
 * out[i] = relu(x[i] - m) + m with m = slope * x[i], each step in float32 (face-api.js's leaky
 * ReLU, elementwise-module.ts leakyMixFunc): bit for bit the four scalar ops.
 * ensures: false (out untouched) under the same conditions as elementwiseWasm.
 * mutates: out.
 */
export function leakyMixWasm(x: Float32Array, slope: number, out: Float32Array): boolean {
  const w = wasmKernels();
  const n = x.length;
  if (w === null || n < EW_MIN_ELEMENTS) return false;
  try {
    const sPtr = scratchBase(), xPtr = sPtr + 16, n4 = Math.ceil(n / 4);
    ensureBytes(w, xPtr + n4 * 16);
    const heap = new Float32Array(w.memory.buffer);
    heap.fill(slope, sPtr >> 2, (sPtr >> 2) + 4);
    heap.set(x, xPtr >> 2);
    const pool = splitPool(w, n * EW_WORK_PER_ELEMENT);
    if (pool === null) w.exports.leakyMix(xPtr, sPtr, 0, xPtr, n4);
    else runSplit(pool, 'leakyMix', [xPtr, sPtr, 0, xPtr, n4], [16, 0, 0, 16, 0], 4);
    out.set(heap.subarray(xPtr >> 2, (xPtr >> 2) + n));
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}
