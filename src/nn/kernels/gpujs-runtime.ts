/**
 * gpu.js 2.24.1 plumbing for the 'gpujs' backend: one GPU instance, a kernel cache keyed by the
 * full shape signature (gpu.js bakes argument sizes and constants into the compiled shader /
 * wasm module, so a new shape means a new kernel), and a typed `gpuRun`.
 * Kernel bodies (ops/<op>/<op>.gpu.ts) are plain functions with no closures: everything they
 * read comes from arguments or `this.constants`, loop bounds are constants, and integer division
 * is written floor((i + 0.5) / n) because GL evaluates it in float (gpu.js
 * `isIntegerDivisionAccurate` is false on some GPUs).
 * Modes: 'gpu' picks the best available (webgl2 / webgl / headlessgl, else webasm, else cpu);
 * in Node without the `gl` package that is webasm. 'webgpu' is different: gpu.js webgpu kernels
 * resolve a Promise (readback is GPUBuffer.mapAsync) while facets kernels are synchronous, so in
 * that mode gpuRun hands each call, as plain data, to a caller-supplied {@link SyncKernelRunner}
 * that blocks until the output is back (the browser's runner is a worker-to-page bridge, see
 * src/browser/webgpu-bridge.ts). Not thread-safe (one global instance).
 */
import { GPU, type IKernelRunShortcut } from 'gpu.js';
import { FacetsError } from '../../core/errors.js';

export type GpujsMode = 'gpu' | 'webgl' | 'webgl2' | 'headlessgl' | 'webasm' | 'cpu' | 'webgpu';

/** What a kernel body may read: its flat output index and integer constants. */
export interface GpuThis {
  thread: { x: number };
  constants: Record<string, number>;
}
export type KernelBody = (this: GpuThis, ...args: Float32Array[]) => number;

/** One kernel call as plain, cloneable data: what a {@link SyncKernelRunner} receives. */
export interface KernelCall {
  name: string;
  /** gpuRun's cache key: calls with equal keys compile to the same gpu.js kernel. */
  key: string;
  /** The body's source text (gpu.js parses and translates it; bodies have no closures). */
  source: string;
  size: number;
  constants: Record<string, number>;
  /** Never empty arrays (gpuRun passes one zero instead). */
  args: Float32Array[];
}

/**
 * Runs a kernel call to completion before returning (e.g. by blocking on Atomics.wait while
 * another thread awaits the gpu.js webgpu kernel).
 * ensures: `call.size` floats, or throws a FacetsError.
 */
export type SyncKernelRunner = (call: KernelCall) => Float32Array;

let requested: GpujsMode = 'gpu';
let runner: SyncKernelRunner | null = null;
let gpu: GPU | null = null;
let initError: string | null = null;
const cache = new Map<string, IKernelRunShortcut>();
/** Compiled kernels kept; the oldest are dropped beyond this (each holds a module or shader). */
const MAX_CACHED = 512;

/**
 * Chooses the gpu.js mode for the 'gpujs' backend and drops compiled kernels.
 * requires: `runner` exactly when mode is 'webgpu' (E_BAD_ARGUMENT otherwise).
 * ensures: the next kernel runs in `mode` (or E_BACKEND says why it cannot).
 */
export function configureGpujs(opts: { mode?: GpujsMode; runner?: SyncKernelRunner }): void {
  const mode = opts.mode ?? 'gpu';
  if ((mode === 'webgpu') !== (opts.runner !== undefined)) {
    throw new FacetsError('E_BAD_ARGUMENT', mode === 'webgpu'
      ? "configureGpujs: mode 'webgpu' needs a synchronous runner (gpu.js webgpu kernels resolve Promises; in a browser use the webgpu bridge from a worker)"
      : `configureGpujs: a runner is only used in mode 'webgpu', got mode '${mode}'`);
  }
  requested = mode;
  runner = opts.runner ?? null;
  for (const k of cache.values()) k.destroy();
  cache.clear();
  gpu = null;
  initError = null;
}

function instance(): GPU {
  if (gpu) return gpu;
  // Never reached in webgpu mode (gpuRun goes to the runner), but a GPU in that mode would hand
  // back Promises where Float32Arrays are expected.
  if (requested === 'webgpu') throw new FacetsError('E_BACKEND', "gpujs: mode 'webgpu' runs kernels through its runner only");
  if (initError === null) {
    try {
      gpu = new GPU({ mode: requested });
      return gpu;
    } catch (e) {
      initError = e instanceof Error ? e.message : String(e);
    }
  }
  throw new FacetsError('E_BACKEND', `gpujs: gpu.js cannot start in mode '${requested}': ${initError}`);
}

/** Why the configured mode cannot run here, or null (probes with a one-element kernel). */
export function gpujsUnavailableReason(): string | null {
  try {
    const y = gpuRun('probe', probe, 1, {}, [new Float32Array([2])]);
    return y[0] === 4 ? null : `probe kernel returned ${y[0]}, expected 4`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function probe(this: GpuThis, a: Float32Array): number {
  return a[this.thread.x] * 2;
}

/** The gpu.js mode the kernels actually run in (e.g. 'webasm'), for reports and benchmarks. */
export function gpujsActiveMode(): string {
  if (requested === 'webgpu') return 'webgpu';
  const g = instance();
  const k = cache.values().next().value;
  const m = k?.kernel?.constructor && (k.kernel.constructor as { mode?: string }).mode;
  return typeof m === 'string' ? m : String(g.mode);
}

/**
 * Runs `body` over a flat output of `size` elements. Empty arguments are passed as one zero so
 * gpu.js never sees a zero-length array.
 * requires: size >= 1; constants integers (they are part of the cache key).
 * ensures: a fresh Float32Array of `size` values.
 */
export function gpuRun(name: string, body: KernelBody, size: number, constants: Record<string, number>, args: Float32Array[]): Float32Array {
  const safe = args.map((a) => (a.length === 0 ? new Float32Array(1) : a));
  const key = `${name}|${size}|${JSON.stringify(constants)}|${safe.map((a) => a.length).join(',')}`;
  if (runner) return runThrough(runner, { name, key, source: body.toString(), size, constants, args: safe });
  let k = cache.get(key);
  if (!k) {
    if (cache.size >= MAX_CACHED) {
      const oldest = cache.keys().next().value as string;
      cache.get(oldest)?.destroy();
      cache.delete(oldest);
    }
    try {
      k = instance().createKernel(body.toString(), {
        output: [size],
        constants,
        precision: 'single',
        tactic: 'precision',
      });
    } catch (e) {
      throw new FacetsError('E_BACKEND', `gpujs: cannot compile kernel '${name}': ${e instanceof Error ? e.message : String(e)}`);
    }
    cache.set(key, k);
  } else {
    cache.delete(key);
    cache.set(key, k);
  }
  let out: unknown;
  try {
    out = k(...safe);
  } catch (e) {
    throw new FacetsError('E_BACKEND', `gpujs: kernel '${name}' failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!(out instanceof Float32Array) || out.length !== size) {
    throw new FacetsError('E_BACKEND', `gpujs: kernel '${name}' returned ${Object.prototype.toString.call(out)} instead of ${size} floats`);
  }
  return out;
}

function runThrough(run: SyncKernelRunner, call: KernelCall): Float32Array {
  let out: Float32Array;
  try {
    out = run(call);
  } catch (e) {
    if (e instanceof FacetsError) throw e;
    throw new FacetsError('E_BACKEND', `gpujs: kernel '${call.name}' failed in its runner: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (!(out instanceof Float32Array) || out.length !== call.size) {
    throw new FacetsError('E_BACKEND', `gpujs: kernel '${call.name}' runner returned ${Object.prototype.toString.call(out)} instead of ${call.size} floats`);
  }
  return out;
}
