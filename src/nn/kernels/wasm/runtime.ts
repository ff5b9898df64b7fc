/**
 * The wasm kernel runtime: detects WebAssembly SIMD (and relaxed-SIMD FMA) by validating the
 * kernels facets emits itself, instantiates them once over one growable linear memory, and
 * manages that memory as a bump arena for packed weights plus a per-call scratch region above it.
 * Not thread-safe and not re-entrant (one scratch region), like the rest of the cpu backend.
 * With cpu threads on (threads/cpu-threads.ts) the memory is a shared one and worker threads run
 * slices of single kernel calls over it; the calling thread still owns the arena and scratch.
 */
import { encodeModule, type EpilogueAct } from './encoder.js';
import { gemmFunc, gemmPreluFunc } from './gemm-module.js';
import { depthwiseFunc } from './depthwise-module.js';
import { EW_OPS, activationFunc, elementwiseFunc, leakyMixFunc } from './elementwise-module.js';
import { maxPoolFunc } from './pool-module.js';

export interface WasmKernels {
  readonly memory: WebAssembly.Memory;
  /** The compiled module (worker threads instantiate it over the same shared memory). */
  readonly module: WebAssembly.Module;
  /** True when `memory` is a shared memory (threads proposal) that workers may run on. */
  readonly shared: boolean;
  /**
   * Every kernel by export name, arguments byte addresses and counts: gemm<Act> / gemmPrelu and
   * gemmIndirect<Act> / gemmIndirectPrelu (gemm-module.ts), dw3x3<Act> (depthwise-module.ts),
   * ew<Op><Act>, act<Act>, leakyMix (elementwise-module.ts), maxPool (pool-module.ts); <Act> is
   * actSuffix(EpilogueAct). Called by name so the thread pool can run any of them split.
   */
  readonly exports: Readonly<Record<string, (...args: number[]) => void>>;
  /** True when the micro-kernel uses relaxed-SIMD f32x4.relaxed_madd. */
  readonly fma: boolean;
}

const ACTS: readonly EpilogueAct[] = [0, 1, 2];
const PAGE = 65536;
/** 1 GiB: the most the arena + scratch may grow to (wasm32 allows 4 GiB; facets tensors stay far below). */
const MAX_PAGES = 16384;
/** Packed weights kept resident up to this many bytes; beyond it the arena is recycled. */
const WEIGHT_ARENA_BYTES = 256 * 1024 * 1024;

let enabled = typeof process === 'undefined' || process.env.FACETS_WASM !== '0';
let kernels: WasmKernels | null | undefined;
let failure: string | null = null;
/** Whether the next instantiation uses a shared memory (set by the thread pool, see useSharedMemory). */
let wantShared = false;

function build(fma: boolean, shared: boolean): { bytes: Uint8Array<ArrayBuffer>; ok: boolean } {
  const funcs = [
    ...ACTS.flatMap((a) => [gemmFunc(fma, false, a), gemmFunc(fma, true, a), depthwiseFunc(a), ...EW_OPS.map((o) => elementwiseFunc(o, a))]),
    activationFunc(1), activationFunc(2), maxPoolFunc(), gemmPreluFunc(fma, false), gemmPreluFunc(fma, true), leakyMixFunc(),
  ];
  const bytes = encodeModule(funcs, { minPages: 1, maxPages: MAX_PAGES, shared });
  return { bytes, ok: WebAssembly.validate(bytes) };
}

function instantiate(shared: boolean): WasmKernels | null {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') {
    failure = 'WebAssembly is not available in this runtime';
    return null;
  }
  try {
    const relaxed = build(true, shared);
    const plain = relaxed.ok ? relaxed : build(false, shared);
    if (!plain.ok) {
      failure = 'this engine does not validate WebAssembly SIMD (fixed-width SIMD proposal)';
      return null;
    }
    const memory = new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES, shared });
    const module = new WebAssembly.Module(plain.bytes);
    const inst = new WebAssembly.Instance(module, { env: { memory } });
    const exports = inst.exports as Record<string, (...args: number[]) => void>;
    return { memory, module, shared, exports, fma: relaxed.ok };
  } catch (e) {
    failure = `instantiating the wasm kernels failed: ${(e as Error).message}`;
    return null;
  }
}

/** The instantiated kernels, or null when disabled or unsupported (callers use the TS kernels). */
export function wasmKernels(): WasmKernels | null {
  if (!enabled) return null;
  if (kernels === undefined) kernels = instantiate(wantShared);
  return kernels;
}

/**
 * Rebuilds the kernels over a shared memory (once; later calls return the same kernels), for the
 * thread pool. Everything packed in the old memory dies: the arena restarts at a new generation,
 * so the packed-weight caches (keyed by generation) repack on next use.
 * ensures: null when wasm is disabled, unsupported, or shared memories are not (no
 * SharedArrayBuffer, e.g. a page without cross-origin isolation); `why` says which.
 */
export function useSharedMemory(): { kernels: WasmKernels | null; why: string | null } {
  if (!enabled) return { kernels: null, why: 'the wasm kernels are disabled (setWasmKernelsEnabled(false) or FACETS_WASM=0)' };
  if (kernels?.shared) return { kernels, why: null };
  if (typeof SharedArrayBuffer !== 'function') return { kernels: null, why: 'this runtime has no SharedArrayBuffer (a browser page needs cross-origin isolation)' };
  const next = instantiate(true);
  if (next === null) return { kernels: null, why: failure };
  kernels = next;
  wantShared = true;
  generation++;
  arenaTop = 0;
  return { kernels, why: null };
}

/**
 * Turns the wasm kernels on or off for this process (tests force the TypeScript fallback this
 * way; FACETS_WASM=0 in the environment starts with them off).
 */
export function setWasmKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** Whether the wasm kernels are switched on (they may still be unsupported; see wasmKernelMode). */
export function wasmKernelsEnabled(): boolean {
  return enabled;
}

/** Which path the cpu backend's GEMM takes now: 'wasm-simd', 'wasm-simd-fma' or 'ts'. */
export function wasmKernelMode(): 'wasm-simd' | 'wasm-simd-fma' | 'ts' {
  const k = wasmKernels();
  return k === null ? 'ts' : k.fma ? 'wasm-simd-fma' : 'wasm-simd';
}

/** Why the wasm kernels are not in use (null when they are). */
export function wasmUnavailableReason(): string | null {
  if (!enabled) return 'disabled by setWasmKernelsEnabled(false) or FACETS_WASM=0';
  return wasmKernels() === null ? failure : null;
}

// ---- memory arena ------------------------------------------------------------------------------

let arenaTop = 0;
let generation = 0;

/** Bytes rounded up to 16 so every region is v128-aligned. */
export const align16 = (bytes: number): number => (bytes + 15) & ~15;

/**
 * Reserves `bytes` of resident arena (for packed weights) and returns its byte address and the
 * arena generation; when the arena is full it is recycled (generation bumps, older regions die).
 */
export function arenaAlloc(k: WasmKernels, bytes: number): { ptr: number; gen: number } {
  const size = align16(bytes);
  if (arenaTop + size > WEIGHT_ARENA_BYTES) { generation++; arenaTop = 0; }
  const ptr = arenaTop;
  arenaTop += size;
  ensureBytes(k, arenaTop);
  return { ptr, gen: generation };
}

/** True while a region from arenaAlloc with this generation is still valid. */
export function arenaLive(gen: number): boolean {
  return gen === generation;
}

/** Byte address where per-call scratch starts (just above the resident weights). */
export function scratchBase(): number {
  return arenaTop;
}

/**
 * Copies `rows` rows of `width` floats out of wasm memory into `out` at `to`, packed; in the heap
 * the rows start `stride` floats apart (channels padded to whole vectors or panels).
 * mutates: out.
 */
export function copyRowsOut(heap: Float32Array, from: number, stride: number, out: Float32Array, to: number, rows: number, width: number): void {
  if (stride === width) {
    out.set(heap.subarray(from, from + rows * width), to);
    return;
  }
  for (let i = 0; i < rows; i++) {
    const s = from + i * stride, d = to + i * width;
    for (let j = 0; j < width; j++) out[d + j] = heap[s + j];
  }
}

/** Grows the memory to hold `bytes`. Throws a RangeError past MAX_PAGES (the caller falls back). */
export function ensureBytes(k: WasmKernels, bytes: number): void {
  const have = k.memory.buffer.byteLength;
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / PAGE));
}

/** The fused epilogue code of an activation kind, or null when the kernels cannot fuse it. */
export function epilogueOf(kind: string): EpilogueAct | null {
  return kind === 'linear' ? 0 : kind === 'relu' ? 1 : kind === 'relu6' ? 2 : null;
}
