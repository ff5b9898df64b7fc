/**
 * SGEMM on the emitted wasm SIMD micro-kernel (gemm-module.ts): packs B into 8-wide panels inside
 * wasm memory (cached per weight buffer, so model weights are packed once), streams A through in
 * row blocks that a caller-supplied filler writes straight into wasm memory (im2col writes its
 * patches there, no extra copy), and copies each C block out. Accumulates in float32.
 * With cpu threads on and enough work, A is filled whole and the one kernel call is split by row
 * blocks over the threads (threads/), each chunk at most one cache block of rows.
 */
import { actSuffix, type EpilogueAct } from './encoder.js';
import { NR, MR } from './gemm-module.js';
import { runSplit, splitPool } from '../threads/cpu-threads.js';
import { align16, copyRowsOut, arenaAlloc, arenaLive, ensureBytes, scratchBase, wasmKernels, type WasmKernels } from './runtime.js';

/**
 * Writes rows [r0, r1) of A (k floats each, row-major, no gaps) into `heap` from index `base`.
 * `heap` is a view over the whole wasm memory; write nothing else.
 */
export type FillA = (heap: Float32Array, base: number, r0: number, r1: number) => void;

interface Resident { ptr: number; gen: number; k: number; n: number; transposed: boolean }
const resident = new WeakMap<Float32Array, Resident>();

/** Packs B [k, n] (or [n, k] when transposed) into panels of k x NR floats at heap index `at`, zero-padding columns past n. */
function packB8(heap: Float32Array, at: number, b: Float32Array, k: number, n: number, transposed: boolean): void {
  const panels = Math.ceil(n / NR);
  heap.fill(0, at, at + panels * k * NR);
  for (let p = 0; p < panels; p++) {
    const base = at + p * k * NR;
    const cols = Math.min(NR, n - p * NR);
    for (let kk = 0; kk < k; kk++) {
      const o = base + kk * NR;
      if (transposed) for (let j = 0; j < cols; j++) heap[o + j] = b[(p * NR + j) * k + kk];
      else {
        const s = kk * n + p * NR;
        for (let j = 0; j < cols; j++) heap[o + j] = b[s + j];
      }
    }
  }
}

/** Byte address of B packed in wasm memory, packing it (into the resident arena when `cache`). */
export function packedAddress(w: WasmKernels, b: Float32Array, k: number, n: number, transposed: boolean, cache: boolean, scratchAt: number): number {
  const bytes = Math.ceil(n / NR) * k * NR * 4;
  if (cache) {
    const hit = resident.get(b);
    if (hit && arenaLive(hit.gen) && hit.k === k && hit.n === n && hit.transposed === transposed) return hit.ptr;
    const { ptr, gen } = arenaAlloc(w, bytes);
    packB8(new Float32Array(w.memory.buffer), ptr >> 2, b, k, n, transposed);
    resident.set(b, { ptr, gen, k, n, transposed });
    return ptr;
  }
  ensureBytes(w, scratchAt + bytes);
  packB8(new Float32Array(w.memory.buffer), scratchAt >> 2, b, k, n, transposed);
  return scratchAt;
}

/** Rows per A block: about 128 KiB of A (L2-resident while a B panel sweeps it), a multiple of MR. */
export function blockRowsFor(k: number, rows: number): number {
  const r = Math.max(MR, Math.min(512, Math.floor(32768 / k / MR) * MR));
  return Math.min(r, Math.ceil(rows / MR) * MR);
}

/**
 * Writes the kernels' per-column epilogue data at heap index `at`: the bias zero-padded to np
 * floats, or with `prelu` slopes the PReLU kernels' layout of 8 biases then 8 slopes per panel
 * (gemm-module.ts gemmPreluFunc). Returns the floats written.
 * mutates: heap.
 */
export function writeEpilogue(heap: Float32Array, at: number, bias: Float32Array | null, prelu: Float32Array | null, n: number, np: number): number {
  if (prelu === null) {
    heap.fill(0, at, at + np);
    if (bias) heap.set(bias.subarray(0, n), at);
    return np;
  }
  heap.fill(0, at, at + 2 * np);
  for (let j = 0; j < n; j++) {
    const o = at + (j >> 3) * 16 + (j & 7);
    if (bias) heap[o] = bias[j];
    heap[o + 8] = prelu[j];
  }
  return 2 * np;
}

/**
 * c[r*n + j] = act(sum_p A[r, p] * B[p, j] + bias[j]) for r < rows, j < n (act: 0 linear, 1 relu, 2 relu6;
 * with `prelu` slopes (n floats) instead: v < 0 ? prelu[j] * v : v, and act ignored).
 * requires: k >= 1, n >= 1, rows >= 1; b holds k*n floats; bias null or n floats; `cache` only
 * for immutable buffers (weights), since packed copies are keyed by the buffer.
 * ensures: returns false (and writes nothing) when the wasm kernels are unavailable or memory
 * cannot grow; the caller then runs the TypeScript GEMM.
 * mutates: c.
 */
export function gemmWasm(
  b: Float32Array, k: number, n: number, transposedB: boolean, cacheB: boolean,
  bias: Float32Array | null, rows: number, fillA: FillA, c: Float32Array, act: EpilogueAct = 0, prelu: Float32Array | null = null,
): boolean {
  const w = wasmKernels();
  if (w === null || k < 1 || n < 1 || rows < 1) return false;
  const panels = Math.ceil(n / NR), np = panels * NR;
  const pool = splitPool(w, rows * k * n);
  const cacheRows = blockRowsFor(k, rows);
  const blockRows = pool ? Math.ceil(rows / MR) * MR : cacheRows;
  try {
    const bPtr = packedAddress(w, b, k, n, transposedB, cacheB, scratchBase());
    // Scratch layout above the arena (and above an uncached B): bias | A block | C block.
    let at = cacheB ? scratchBase() : align16(bPtr + panels * k * NR * 4);
    const biasPtr = at; at += (prelu ? 2 : 1) * np * 4;
    const aPtr = at; at += align16(blockRows * k * 4);
    const cPtr = at; at += blockRows * np * 4;
    ensureBytes(w, at);
    const heap = new Float32Array(w.memory.buffer);
    writeEpilogue(heap, biasPtr >> 2, bias, prelu, n, np);
    const aIdx = aPtr >> 2, cIdx = cPtr >> 2;
    const name = prelu ? 'gemmPrelu' : 'gemm' + actSuffix(act);
    for (let r0 = 0; r0 < rows; r0 += blockRows) {
      const r1 = Math.min(rows, r0 + blockRows), m = r1 - r0, mPad = Math.ceil(m / MR) * MR;
      fillA(heap, aIdx, r0, r1);
      if (mPad > m) heap.fill(0, aIdx + m * k, aIdx + mPad * k);
      if (pool) runSplit(pool, name, [aPtr, k * 4, bPtr, k, panels, biasPtr, cPtr, np * 4, mPad / MR], [MR * k * 4, 0, 0, 0, 0, 0, MR * np * 4, 0, 0], 8, cacheRows / MR);
      else w.exports[name](aPtr, k * 4, bPtr, k, panels, biasPtr, cPtr, np * 4, mPad / MR);
      const out = r0 * n;
      copyRowsOut(heap, cIdx, np, c, out, m, n);
    }
    return true;
  } catch (e) {
    // Memory could not grow (RangeError): let the caller take the TypeScript path.
    if (e instanceof RangeError) return false;
    throw e;
  }
}
