/**
 * Bundle entry of the demo's pipeline worker (dist/bundle/pipeline-worker.js): runs the pipeline
 * off the page's main thread on any backend. Every backend runs here, so the page stays
 * responsive and all backends share one code path; 'gpujs-webgl2' uses gpu.js on an
 * OffscreenCanvas, 'gpujs-webgpu' blocks on the webgpu bridge, which only a worker may do.
 * Protocol: pipeline-client.ts.
 */
import { FacetsError, isFacetsError } from '../core/errors.js';
import type { SyncKernelRunner } from '../nn/kernels/gpujs-runtime.js';
import { useBackend } from './backend-choice.js';
import { loadPipelineModels, runPipeline, type PipelineModels } from './pipeline.js';
import type { WorkerReply, WorkerRequest } from './pipeline-client.js';
import { webgpuBridgeRunner } from './webgpu-bridge.js';

let runner: SyncKernelRunner | undefined;
const models = new Map<string, Promise<PipelineModels>>();

async function handle(msg: WorkerRequest): Promise<WorkerReply> {
  if (msg.type === 'bridge') {
    runner = webgpuBridgeRunner(msg.endpoint);
    return { type: 'ready', id: msg.id };
  }
  const mode = useBackend(msg.backend, { webgpuRunner: runner });
  let m = models.get(msg.weights);
  if (!m) {
    m = loadPipelineModels({ dir: new URL(msg.weights) });
    models.set(msg.weights, m);
    m.catch(() => models.delete(msg.weights));
  }
  const result = await runPipeline(msg.image, await m, { inputSize: msg.inputSize });
  return { type: 'result', id: msg.id, mode, result };
}

// Requests are handled one at a time: the backend choice is process-global.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const msg = ev.data;
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = await handle(msg);
    } catch (e) {
      const err = isFacetsError(e) ? e : new FacetsError('E_BACKEND', e instanceof Error ? e.message : String(e));
      reply = { type: 'error', id: msg.id, code: err.code, message: err.message };
    }
    self.postMessage(reply);
  });
};
