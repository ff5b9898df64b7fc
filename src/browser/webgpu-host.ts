/**
 * The GPU-owning side of the webgpu bridge (protocol in webgpu-bridge.ts): receives kernel calls
 * from a worker, compiles each as a gpu.js 2.24.1 webgpu kernel (cached under gpuRun's key, the
 * oldest dropped past MAX_CACHED like gpuRun's own cache), awaits its output, writes it into the
 * worker's shared result buffer and wakes the worker. Runs on a page's main thread (which must
 * never block, so it awaits) or in another worker.
 */
import { GPU, type IKernelRunShortcut } from 'gpu.js';
import { FacetsError, isFacetsError } from '../core/errors.js';
import type { KernelCall } from '../nn/kernels/gpujs-runtime.js';
import { ANSWERED, createBridgeChannel, STATUS, writeError, type BridgeEndpoint, type BridgeRequest } from './webgpu-bridge.js';

const MAX_CACHED = 512;

/** A served bridge: give `endpoint` to the worker, `close()` when done. */
export interface WebgpuHost {
  endpoint: BridgeEndpoint;
  /**
   * Counters so far (the demo's status line, the tests): kernels compiled, calls answered,
   * `firstRunMs` spent in calls that compiled a kernel (gpu.js builds on the first run, so this
   * is compile + one run), `kernelMs` spent answering all calls (compile, upload, dispatch,
   * readback); the rest of a stage's time is the worker's side and the messaging.
   */
  stats(): { compiled: number; calls: number; firstRunMs: number; kernelMs: number };
  close(): void;
}

/**
 * Serves gpu.js webgpu kernels to one worker.
 * requires: cross-origin isolation (E_UNSUPPORTED otherwise, from createBridgeChannel).
 * ensures: calls are answered one at a time, in arrival order; a missing adapter or a kernel that
 *   fails to compile or run is answered as an E_BACKEND error for that call, never thrown here.
 */
export function hostWebgpuKernels(): WebgpuHost {
  const { host, endpoint } = createBridgeChannel();
  const control = new Int32Array(host.control);
  const cache = new Map<string, IKernelRunShortcut>();
  let gpu: Promise<GPU> | null = null;
  let queue: Promise<void> = Promise.resolve();
  const stats = { compiled: 0, calls: 0, firstRunMs: 0, kernelMs: 0 };

  const device = (): Promise<GPU> => {
    if (!gpu) {
      const started = GPU.isWebGPUAvailable().then((ok) => {
        if (!ok) throw new FacetsError('E_BACKEND', 'this browser has no WebGPU adapter (navigator.gpu missing, or requestAdapter() gave null)');
        return new GPU({ mode: 'webgpu' });
      });
      // A failed start is retried by the next call (e.g. after the browser's GPU process restarts).
      started.catch(() => { if (gpu === started) gpu = null; });
      gpu = started;
    }
    return gpu;
  };

  const kernel = async (call: KernelCall): Promise<IKernelRunShortcut> => {
    const hit = cache.get(call.key);
    if (hit) {
      cache.delete(call.key);
      cache.set(call.key, hit);
      return hit;
    }
    if (cache.size >= MAX_CACHED) {
      const oldest = cache.keys().next().value as string;
      cache.get(oldest)?.destroy();
      cache.delete(oldest);
    }
    const k = (await device()).createKernel(call.source, { output: [call.size], constants: call.constants, precision: 'single', tactic: 'precision' });
    cache.set(call.key, k);
    stats.compiled += 1;
    return k;
  };

  const answer = async (req: BridgeRequest): Promise<void> => {
    const { call } = req;
    const t0 = performance.now();
    try {
      const isNew = !cache.has(call.key);
      const k = await kernel(call);
      // gpu.js webgpu kernels build (WGSL compile + pipeline) on their first run.
      const out = (await k(...call.args)) as unknown;
      if (isNew) stats.firstRunMs += performance.now() - t0;
      if (!(out instanceof Float32Array) || out.length !== call.size) {
        throw new FacetsError('E_BACKEND', `gpu.js returned ${Object.prototype.toString.call(out)} instead of ${call.size} floats`);
      }
      // gpu.js may swap a kernel for a fallback (onRequestFallback); webgpu must mean webgpu.
      const ran = (k.kernel?.constructor as { mode?: string } | undefined)?.mode;
      if (ran !== 'webgpu') throw new FacetsError('E_BACKEND', `gpu.js ran the kernel in mode '${String(ran)}' instead of webgpu`);
      new Float32Array(req.result, 0, call.size).set(out);
      Atomics.store(control, STATUS, 0);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      writeError(host.errors, control, isFacetsError(e) ? e.code : 'E_BACKEND', message);
      Atomics.store(control, STATUS, 1);
      forget(call.key);
    } finally {
      // Always answered, or the worker would sleep until its timeout.
      stats.calls += 1;
      stats.kernelMs += performance.now() - t0;
      Atomics.store(control, ANSWERED, req.seq);
      Atomics.notify(control, ANSWERED);
    }
  };

  /** A kernel that failed is rebuilt next time rather than kept (the failure may have been the device's). */
  const forget = (key: string): void => {
    const k = cache.get(key);
    cache.delete(key);
    try {
      k?.destroy();
    } catch {
      // Already broken; nothing more to release.
    }
  };

  host.port.onmessage = (ev: MessageEvent<BridgeRequest>) => {
    queue = queue.then(() => answer(ev.data));
  };
  return {
    endpoint,
    stats: () => ({ ...stats }),
    close: () => {
      host.port.close();
      for (const k of cache.values()) k.destroy();
      cache.clear();
      void gpu?.then((g) => g.destroy(), () => undefined);
      gpu = null;
    },
  };
}
