/**
 * A pool of worker threads that run chunks of single wasm kernel calls over one shared
 * WebAssembly memory (the protocol in protocol.ts). The core knows no threading API: workers come
 * from an injected WorkerFactory (node.ts has Node's worker_threads; webWorkerFactory below uses
 * the Web Worker API of browsers, Deno and Bun).
 *
 * The calling thread takes part: it claims chunks like any worker, then waits for the rest. It
 * blocks in Atomics.wait where the runtime allows it (Node's main thread, any worker) and spins on
 * Atomics.load where it does not (a browser page's main thread, where Atomics.wait throws): there
 * a run keeps the page busy until it ends, as the one-thread path does anyway.
 * Not re-entrant: one job at a time, from the thread that created the pool.
 */
import { FacetsError } from '../../../core/errors.js';
import { CONTROL_SLOTS, SLOT, chunkArgs, type SplitJob } from './protocol.js';
import { SPIN_MICROS, WORKER_SOURCE } from './worker-source.js';

/** What the pool needs of a started worker. */
export interface ThreadWorker {
  /** Sends the one start message (it holds a WebAssembly.Module, a shared memory and a SharedArrayBuffer). */
  postMessage(message: unknown): void;
  /** Stops the thread (a worker blocked in Atomics.wait included). */
  terminate(): void;
}

/** Callbacks a factory wires to the worker's events. */
export interface WorkerEvents {
  /** The worker's messages ('ready' once it has instantiated the kernels). */
  onMessage(message: unknown): void;
  /** The worker failed to start or died. */
  onError(error: unknown): void;
}

/**
 * Starts one worker running `source` (plain JavaScript that defines `facetsWorkerMain(init, post)`)
 * followed by the runtime's glue: on the first message `m`, call facetsWorkerMain(m, post) where
 * post sends a message back. The worker must not keep its process alive on its own (Node: unref).
 */
export type WorkerFactory = (source: string, events: WorkerEvents) => ThreadWorker;

/** A WorkerFactory over the Web Worker API (browsers, Deno, Bun), or null where there is none. */
export function webWorkerFactory(): WorkerFactory | null {
  const g = globalThis as { Worker?: new (url: string | URL, options?: { type?: 'classic' | 'module' }) => Worker };
  const W = g.Worker;
  if (typeof W !== 'function' || typeof Blob !== 'function' || typeof URL?.createObjectURL !== 'function') return null;
  return (source, events) => {
    const glue = 'self.onmessage = function (e) { self.onmessage = null; facetsWorkerMain(e.data, function (m) { self.postMessage(m); }); };';
    const url = URL.createObjectURL(new Blob([source, '\n', glue], { type: 'text/javascript' }));
    // Deno only runs module workers; the script is valid as either kind.
    const w = new W(url, { type: 'module' });
    w.onmessage = (e: MessageEvent) => events.onMessage(e.data);
    w.onerror = (e: ErrorEvent) => events.onError(e);
    return { postMessage: (m) => w.postMessage(m), terminate: () => { w.terminate(); URL.revokeObjectURL(url); } };
  };
}

/** Whether this thread may block in Atomics.wait (false on a browser page's main thread). */
function canBlock(ctl: Int32Array): boolean {
  try {
    Atomics.wait(ctl, SLOT.QUIT, 1, 0); // QUIT is 0, so this returns 'not-equal' at once where allowed
    return true;
  } catch {
    return false;
  }
}

/** Polls of DONE before the calling thread sleeps (the workers' chunks are at most a cache block each). */
const CALLER_SPIN_POLLS = 2000;

/**
 * How long the calling thread waits for the workers' chunks of one call. A chunk is at most a cache
 * block (milliseconds), so only a dead or stopped worker gets near this, even on a loaded machine.
 */
export const WORKER_STALL_MS = 30_000;

export class ThreadPool {
  /** Threads that run chunks, the calling thread included. */
  readonly threads: number;
  /** Resolves when every worker has instantiated the kernels; rejects if one fails to start. */
  readonly ready: Promise<void>;
  private readonly ctl: Int32Array;
  private readonly workers: ThreadWorker[] = [];
  private readonly fns: ReadonlyArray<(...args: number[]) => void>;
  private readonly index: ReadonlyMap<string, number>;
  private readonly block: boolean;
  private readonly scratchArgs: number[] = [];
  /** Resolvers of the workers' start promises: close() settles them, so nobody waits on a closed pool. */
  private readonly pendingStarts: Array<() => void> = [];
  private closed = false;
  private readonly stallMs: number;

  /**
   * Starts `threads - 1` workers over `module` and the shared `memory`; `exports` are the calling
   * thread's own instance of the same module; idle workers poll `spinMicros` before they sleep; a
   * call whose chunks are not all done `stallMs` after the caller ran out of its own fails.
   * requires: threads >= 2; memory shared; module imports it as env.memory.
   */
  constructor(factory: WorkerFactory, module: WebAssembly.Module, memory: WebAssembly.Memory, exports: Readonly<Record<string, (...args: number[]) => void>>, threads: number, spinMicros = SPIN_MICROS, stallMs = WORKER_STALL_MS) {
    this.threads = threads;
    this.stallMs = stallMs;
    this.ctl = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
    const names = Object.keys(exports).sort();
    this.fns = names.map((n) => exports[n]);
    this.index = new Map(names.map((n, i) => [n, i]));
    this.block = canBlock(this.ctl);
    const starts: Promise<void>[] = [];
    for (let i = 1; i < threads; i++) {
      starts.push(new Promise<void>((resolve, reject) => {
        this.pendingStarts.push(resolve);
        const w = factory(WORKER_SOURCE, {
          onMessage: (m) => { if (m === 'ready') resolve(); },
          onError: (e) => reject(new FacetsError('E_UNSUPPORTED', `setCpuThreads: a worker thread failed: ${e instanceof Error ? e.message : String(e)}`)),
        });
        this.workers.push(w);
        w.postMessage({ module, memory, control: this.ctl.buffer, names, spinMicros });
      }));
    }
    this.ready = Promise.all(starts).then(() => undefined);
    // A failed start is reported through `ready`; until then (and after) the calling thread runs
    // every chunk no worker claims, so a missing worker costs speed, never results.
    this.ready.catch(() => undefined);
  }

  /** Index of export `name` for SplitJob.fn. requires: the module exports it. */
  fnIndex(name: string): number {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`ThreadPool: no export ${name}`);
    return i;
  }

  /** Workers that have started and take chunks. */
  readyWorkers(): number {
    return Atomics.load(this.ctl, SLOT.READY);
  }

  /** Chunks the workers (not the calling thread) have run since the pool started. */
  workerChunks(): number {
    return Atomics.load(this.ctl, SLOT.WORKER_CHUNKS);
  }

  /**
   * Runs every chunk of `job` (on the workers and this thread) and returns when all are done.
   * ensures: the same memory writes as one call with job.args, whatever the split.
   */
  run(job: SplitJob): void {
    const ctl = this.ctl, units = job.args[job.countArg];
    const chunks = Math.ceil(units / job.chunkUnits);
    if (this.closed || chunks <= 1) { this.runChunks(job, chunks); return; }
    Atomics.store(ctl, SLOT.FN, job.fn);
    Atomics.store(ctl, SLOT.COUNT_ARG, job.countArg);
    Atomics.store(ctl, SLOT.CHUNK_UNITS, job.chunkUnits);
    Atomics.store(ctl, SLOT.NARGS, job.args.length);
    for (let i = 0; i < job.args.length; i++) {
      Atomics.store(ctl, SLOT.ARGS + i, job.args[i]);
      Atomics.store(ctl, SLOT.STEPS + i, job.step[i]);
    }
    Atomics.store(ctl, SLOT.CHUNKS, chunks);
    Atomics.store(ctl, SLOT.DONE, 0);
    Atomics.store(ctl, SLOT.REMAIN, chunks); // the job is published: chunks may be claimed from here on
    Atomics.add(ctl, SLOT.SEQ, 1);
    Atomics.notify(ctl, SLOT.SEQ);
    const f = this.fns[job.fn], a = this.scratchArgs;
    let failure: unknown = null;
    for (let r = Atomics.sub(ctl, SLOT.REMAIN, 1); r > 0; r = Atomics.sub(ctl, SLOT.REMAIN, 1)) {
      try { f(...chunkArgs(job, r - 1, a)); } catch (e) { failure ??= e; }
      Atomics.add(ctl, SLOT.DONE, 1);
    }
    let done = Atomics.load(ctl, SLOT.DONE);
    for (let i = 0; done < chunks && i < CALLER_SPIN_POLLS; i++) done = Atomics.load(ctl, SLOT.DONE);
    const deadline = done < chunks ? Date.now() + this.stallMs : 0;
    while (done < chunks) {
      if (this.block) Atomics.wait(ctl, SLOT.DONE, done, 1000);
      done = Atomics.load(ctl, SLOT.DONE);
      // A worker that died (or was killed) holding a chunk never counts it: fail instead of hanging.
      if (done < chunks && Date.now() > deadline) {
        this.close();
        throw new FacetsError('E_BACKEND', `ThreadPool: ${chunks - done} chunk(s) of a kernel call were not finished within ${this.stallMs / 1000} s; a worker thread stopped (the pool is closed, later calls run on one thread)`);
      }
    }
    if (failure !== null) throw failure;
    if (Atomics.exchange(ctl, SLOT.ERROR, 0) !== 0) throw new FacetsError('E_BACKEND', 'ThreadPool: a kernel call failed on a worker thread');
  }

  /** The chunks one after the other on this thread. */
  private runChunks(job: SplitJob, chunks: number): void {
    const f = this.fns[job.fn], a = this.scratchArgs;
    for (let c = 0; c < chunks; c++) f(...chunkArgs(job, c, a));
  }

  /** Stops the workers; later runs execute on the calling thread only; `ready` resolves. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const resolve of this.pendingStarts) resolve();
    Atomics.store(this.ctl, SLOT.QUIT, 1);
    Atomics.add(this.ctl, SLOT.SEQ, 1);
    Atomics.notify(this.ctl, SLOT.SEQ);
    for (const w of this.workers) w.terminate();
  }
}
