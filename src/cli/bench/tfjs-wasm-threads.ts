/**
 * The TF.js wasm backend of `facets bench` with a chosen thread count. tfjs-backend-wasm reads
 * its thread count and build (single-threaded SIMD or threaded SIMD) once, when the backend
 * initialises, so this replaces the registered 'wasm' factory with one that initialises for
 * `threads`: 1 runs the single-threaded SIMD build (what TF.js runs under Node by default),
 * 2 or more the threaded-SIMD build through the Node shim in tfjs-node-threads.ts.
 */
import { withNodeThreads } from './tfjs-node-threads.js';

/** A backend factory as tfjs-core registers it. */
type BackendFactory = () => unknown;

/** The tfjs-core calls that (re)register a backend. */
export interface TfjsBackendRegistry {
  env(): { set(flag: string, value: boolean): void };
  findBackendFactory(name: string): BackendFactory | null;
  registerBackend(name: string, factory: BackendFactory, priority?: number): boolean;
  removeBackend(name: string): void;
}

/** The tfjs-backend-wasm exports the bench calls. */
export interface WasmModule {
  setWasmPaths(prefix: string): void;
  setThreadsCount(n: number): void;
  getThreadsCount(): number;
}

/** What the bench touches of a BackendWasm: its emscripten module (null once disposed). */
interface WasmBackend {
  wasm: { PThread?: { runningWorkers: Array<{ unref(): void }> } } | null;
}

/** The wasm backend's thread count, once it ran, and how to stop its threads. */
export interface WasmThreads {
  /** Threads the live backend's XNNPACK pool runs (tfjs-backend-wasm's getThreadsCount); 1 before it initialised. */
  threads(): number;
  /** Why the last initialisation failed (the first line of its error), or null. */
  failure(): string | null;
  /** Disposes the live wasm backend, ending its pthread workers; the next setBackend('wasm') starts it again. */
  dispose(): void;
}

/** tfjs-backend-wasm 4.22 registers 'wasm' with WASM_PRIORITY = 2 (above cpu's 1). */
const WASM_PRIORITY = 2;
/** The package's own factory, kept on each replacement so a second call wraps the original. */
const ORIGINAL = Symbol('tfjs-backend-wasm factory');
type Wrapped = BackendFactory & { [ORIGINAL]?: BackendFactory };

/** The first line of what a failed initialisation threw (TF.js rejects with a plain { message } on abort). */
function firstLine(e: unknown): string {
  const m = e !== null && typeof e === 'object' && 'message' in e ? e.message : e;
  return String(m).split('\n')[0]!;
}

/**
 * Registers the 'wasm' backend to initialise with `threads` threads, disposing one that already
 * ran (a backend keeps the thread count it started with).
 * requires: threads >= 1 integer; tfjs-backend-wasm loaded (it registers 'wasm'); bundlePath is
 * its Node bundle.
 * ensures: the next tf.setBackend('wasm') starts a backend running `threads` threads; throws when
 * 'wasm' is not registered. Mutates tfjs-core's global backend registry.
 */
export function registerWasmThreads(tf: TfjsBackendRegistry, wasm: WasmModule, threads: number, bundlePath: string): WasmThreads {
  const found: Wrapped | null = tf.findBackendFactory('wasm');
  if (found === null) throw new Error("tfjs-core has no 'wasm' backend registered");
  const original = found[ORIGINAL] ?? found;
  let live: WasmBackend | null = null;
  let failure: string | null = null;
  const factory: Wrapped = async () => {
    // Both are read while the backend initialises: the flag picks the build, the count the pool size.
    wasm.setThreadsCount(threads);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threads > 1);
    const init = async (): Promise<WasmBackend> => (await original()) as WasmBackend;
    let backend: WasmBackend;
    try {
      backend = threads > 1 ? await withNodeThreads(threads, bundlePath, init) : await init();
    } catch (e) {
      // tfjs-core only logs this and reports the backend as failed; keep it for the bench's note.
      failure = firstLine(e);
      throw e;
    }
    failure = null;
    // Emscripten refs a worker while its pthread runs, and XNNPACK's pool threads run until the
    // backend is disposed: unref them so they do not keep Node alive after the bench.
    for (const w of backend.wasm?.PThread?.runningWorkers ?? []) w.unref();
    live = backend;
    return backend;
  };
  factory[ORIGINAL] = original;
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', factory, WASM_PRIORITY);
  return {
    threads: () => (live?.wasm ? wasm.getThreadsCount() : 1),
    failure: () => failure,
    dispose: () => {
      // Only while our factory is the registered one: otherwise a later call already removed it.
      if (live === null || tf.findBackendFactory('wasm') !== factory) return;
      tf.removeBackend('wasm');
      live = null;
      tf.registerBackend('wasm', factory, WASM_PRIORITY);
    },
  };
}
