/**
 * The page's handle on the pipeline worker (pipeline-worker.ts): starts it, serves it webgpu
 * kernels (webgpu-host.ts) the first time a 'gpujs-webgpu' run is asked for, and turns its
 * replies back into results or FacetsErrors.
 */
import { FacetsError, type FacetsErrorCode } from '../core/errors.js';
import type { Image } from '../image/image.js';
import type { DemoBackend } from './backend-choice.js';
import type { PipelineResult } from './pipeline.js';
import { sharedMemoryUnavailableReason, type BridgeEndpoint } from './webgpu-bridge.js';
import { hostWebgpuKernels, type WebgpuHost } from './webgpu-host.js';

/** Page -> worker messages. */
export type WorkerRequest =
  | { type: 'bridge'; id: number; endpoint: BridgeEndpoint }
  | { type: 'run'; id: number; backend: DemoBackend; image: Image; weights: string; inputSize?: number };

/** Worker -> page messages. */
export type WorkerReply =
  | { type: 'ready'; id: number }
  | { type: 'result'; id: number; mode: string; result: PipelineResult }
  | { type: 'error'; id: number; code: FacetsErrorCode; message: string };

/** A running pipeline worker. */
export interface PipelineWorker {
  /**
   * Runs the pipeline on `img` with `backend` in the worker.
   * ensures: the worker's mode (e.g. 'webgpu') and its PipelineResult; its errors as FacetsErrors
   *   with their codes; 'gpujs-webgpu' on a page that is not cross-origin isolated: E_UNSUPPORTED.
   */
  run(img: Image, backend: DemoBackend, opts?: { inputSize?: number }): Promise<{ mode: string; result: PipelineResult }>;
  /** The webgpu host's counters, null before the first webgpu run. */
  webgpuStats(): ReturnType<WebgpuHost['stats']> | null;
  terminate(): void;
}

/**
 * Starts the worker script at `script` (an ES module), fetching weights from `weights`.
 * requires: both URLs same-origin with the page (or CORS/CORP-enabled).
 */
export function startPipelineWorker(script: URL, weights: URL): PipelineWorker {
  const worker = new Worker(script, { type: 'module' });
  const pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let dead: FacetsError | null = null;
  let host: WebgpuHost | null = null;
  let bridged: Promise<WorkerReply> | null = null;

  worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
    const p = pending.get(ev.data.id);
    pending.delete(ev.data.id);
    p?.resolve(ev.data);
  };
  // A worker that fails to load (e.g. blocked by COEP) or throws outside a request is gone for good.
  worker.onerror = (ev: ErrorEvent) => {
    dead = new FacetsError('E_BACKEND', `pipeline worker failed: ${ev.message || 'it could not start (see the console)'}`);
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };
  const send = (msg: WorkerRequest, transfer: Transferable[] = []): Promise<WorkerReply> => new Promise((resolve, reject) => {
    if (dead) { reject(dead); return; }
    pending.set(msg.id, { resolve, reject });
    worker.postMessage(msg, transfer);
  });

  const connectWebgpu = async (): Promise<void> => {
    if (!bridged) {
      const why = sharedMemoryUnavailableReason();
      if (why) throw new FacetsError('E_UNSUPPORTED', `gpujs-webgpu needs shared memory between the page and the worker, but ${why}`);
      host = hostWebgpuKernels();
      bridged = send({ type: 'bridge', id: nextId++, endpoint: host.endpoint }, [host.endpoint.port]);
    }
    const r = await bridged;
    if (r.type === 'error') throw new FacetsError(r.code, r.message);
  };

  return {
    async run(img, backend, opts = {}) {
      if (backend === 'gpujs-webgpu') await connectWebgpu();
      const r = await send({ type: 'run', id: nextId++, backend, image: img, weights: weights.href, inputSize: opts.inputSize });
      if (r.type === 'error') throw new FacetsError(r.code, r.message);
      if (r.type !== 'result') throw new FacetsError('E_BACKEND', `pipeline worker answered '${r.type}' to a run`);
      return { mode: r.mode, result: r.result };
    },
    webgpuStats: () => host?.stats() ?? null,
    terminate() {
      worker.terminate();
      host?.close();
    },
  };
}
