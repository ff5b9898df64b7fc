/**
 * How many threads the cpu backend's wasm kernels use, and the one place that decides whether a
 * kernel call is worth splitting. One thread (the default) is the single-thread path exactly; with
 * n > 1 the kernels move to a shared memory (and stay there when n goes back to 1: same code and
 * results, no second repack) and big calls are split by output rows or element ranges over a
 * ThreadPool (pool.ts). Split results are bit-identical to one thread (protocol.ts).
 */
import { FacetsError } from '../../../core/errors.js';
import { useSharedMemory, type WasmKernels } from '../wasm/runtime.js';
import { ThreadPool, webWorkerFactory, type WorkerFactory } from './pool.js';

let threads = 1;
let pool: ThreadPool | null = null;
let poolMemory: WebAssembly.Memory | null = null;

/** Most threads setCpuThreads accepts (facets' layers stop scaling long before). */
export const MAX_CPU_THREADS = 64;

/**
 * Work (multiply-adds) below which a call stays on one thread. Handing a job to a polling worker
 * and collecting it costs ~4 us; waking a sleeping one 20-60 us, and on a loaded machine a split
 * of a 1 M multiply-add GEMM (~75-100 us on one thread of the 2-core dev EPYC) already ran slower
 * than the unsplit call (93 vs 74 us). Layers under ~1 M multiply-adds gain little either way.
 */
export const SPLIT_MIN_WORK = 1 << 20;
let splitMinWork = SPLIT_MIN_WORK;

/** Chunks per thread a split aims for, so that a thread that started late still gets a share. */
const CHUNKS_PER_THREAD = 4;

/** Options of setCpuThreads. */
export interface CpuThreadsOptions {
  /**
   * Starts the worker threads. Default: the Web Worker API where the runtime has one (browsers,
   * Deno, Bun); Node has none, so there the main entry's setCpuThreads passes worker_threads.
   */
  workerFactory?: WorkerFactory;
  /** How long an idle worker polls for the next call before it sleeps, in microseconds (default SPIN_MICROS). */
  spinMicros?: number;
}

/**
 * Sets the number of threads of the cpu backend's wasm kernels (1 = no workers).
 * requires: n an integer in 1..MAX_CPU_THREADS; with n > 1 a runtime with SharedArrayBuffer and
 * workers (a browser page must be cross-origin isolated).
 * ensures: resolves once every worker is up; results are bit-identical for every n. Calls made
 * before it resolves are correct too (the calling thread runs the chunks no worker took).
 * throws: E_BAD_ARGUMENT for a bad n or spinMicros; E_UNSUPPORTED (synchronously, threads left at 1) when the
 * runtime cannot run them; the promise rejects with E_UNSUPPORTED if a worker fails to start
 * (threads fall back to 1).
 * mutates: process-wide cpu backend state; rebuilding the kernels over a shared memory repacks the
 * weights once. Not thread-safe: call it from the thread that runs the models.
 */
export function setCpuThreads(n: number, options: CpuThreadsOptions = {}): Promise<void> {
  if (!Number.isInteger(n) || n < 1 || n > MAX_CPU_THREADS) {
    throw new FacetsError('E_BAD_ARGUMENT', `setCpuThreads: n must be an integer in 1..${MAX_CPU_THREADS}, got ${String(n)}`);
  }
  const spin = options.spinMicros;
  if (spin !== undefined && !(spin >= 0 && spin <= 1e6)) {
    throw new FacetsError('E_BAD_ARGUMENT', `setCpuThreads: spinMicros must be in 0..1e6, got ${String(spin)}`);
  }
  closePool();
  if (n === 1) return Promise.resolve();
  const factory = options.workerFactory ?? webWorkerFactory();
  if (factory === null) {
    throw new FacetsError('E_UNSUPPORTED', 'setCpuThreads: this runtime has no Worker; under Node use setCpuThreads from the main entry (worker_threads) or pass options.workerFactory');
  }
  const { kernels, why } = useSharedMemory();
  if (kernels === null) throw new FacetsError('E_UNSUPPORTED', `setCpuThreads: no multi-thread wasm kernels here: ${why ?? 'unknown reason'}`);
  const p = new ThreadPool(factory, kernels.module, kernels.memory, kernels.exports, n, spin);
  pool = p;
  poolMemory = kernels.memory;
  threads = n;
  return p.ready.catch((e: unknown) => {
    if (pool === p) closePool();
    throw e;
  });
}

/**
 * Sets the work below which calls stay on one thread (default SPLIT_MIN_WORK); 0 splits every
 * call, which the tests use to put every shape through the split path. Returns the old value.
 */
export function setSplitMinWork(work: number): number {
  const old = splitMinWork;
  splitMinWork = work;
  return old;
}

/** Chunks the worker threads have run since setCpuThreads started them (0 with one thread). */
export function workerChunkCount(): number {
  return pool?.workerChunks() ?? 0;
}

/** The thread count set by setCpuThreads (1 by default). */
export function getCpuThreads(): number {
  return threads;
}

function closePool(): void {
  pool?.close();
  pool = null;
  poolMemory = null;
  threads = 1;
}

/**
 * The pool to split a call of `work` multiply-adds on, or null to run it as one call: one thread,
 * too little work, or kernels other than the ones the pool was built on.
 */
export function splitPool(w: WasmKernels, work: number): ThreadPool | null {
  if (pool === null || work < splitMinWork || w.memory !== poolMemory) return null;
  return pool;
}

/**
 * Units per chunk when `units` units are split over the pool: about CHUNKS_PER_THREAD chunks per
 * thread, at most `maxUnits` (a cache block) unless that is below `multiple`, at least 1, and a
 * multiple of `multiple` (so that every chunk starts at the same phase of a repeating operand).
 */
export function chunkUnitsFor(p: ThreadPool, units: number, maxUnits: number, multiple = 1): number {
  const u = Math.max(1, Math.min(maxUnits, Math.ceil(units / (p.threads * CHUNKS_PER_THREAD))));
  return Math.ceil(u / multiple) * multiple;
}

/**
 * Runs export `name` with `args`, split along argument `countArg` (units) when `work` is worth it
 * (see protocol.ts for the meaning of `step`), else as one call.
 * requires: the call as given is valid; chunks of it are independent (disjoint outputs).
 */
export function callSplit(w: WasmKernels, name: string, args: number[], step: number[], countArg: number, work: number, maxChunkUnits = Infinity): void {
  const p = splitPool(w, work);
  if (p === null) w.exports[name](...args);
  else runSplit(p, name, args, step, countArg, maxChunkUnits);
}

/** callSplit once the pool is chosen (splitPool): always splits. */
export function runSplit(p: ThreadPool, name: string, args: number[], step: number[], countArg: number, maxChunkUnits = Infinity, unitMultiple = 1): void {
  p.run({ fn: p.fnIndex(name), args, step, countArg, chunkUnits: chunkUnitsFor(p, args[countArg], maxChunkUnits, unitMultiple) });
}
