/**
 * The Node side of the cpu thread pool: workers from node:worker_threads. Kept out of the
 * runtime-neutral core (like align/node.ts); the main entry and the CLI import it.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerFactory } from './pool.js';
import { setCpuThreads as setCpuThreadsWith, type CpuThreadsOptions } from './cpu-threads.js';

/** A WorkerFactory over worker_threads; the workers are unref'd so they never keep Node alive. */
export const nodeWorkerFactory: WorkerFactory = (source, events) => {
  const glue = "const { parentPort } = require('node:worker_threads');\n" +
    'parentPort.once("message", (m) => facetsWorkerMain(m, (x) => parentPort.postMessage(x)));';
  const w = new Worker(`${source}\n${glue}`, { eval: true });
  w.unref();
  w.on('message', (m: unknown) => events.onMessage(m));
  w.on('error', (e: unknown) => events.onError(e));
  return { postMessage: (m) => w.postMessage(m), terminate: () => { void w.terminate(); } };
};

/**
 * setCpuThreads with Node's worker_threads (see cpu-threads.ts for the contract).
 * requires: n an integer in 1..64.
 */
export function setCpuThreads(n: number, options: Omit<CpuThreadsOptions, 'workerFactory'> = {}): Promise<void> {
  return setCpuThreadsWith(n, { ...options, workerFactory: nodeWorkerFactory });
}
