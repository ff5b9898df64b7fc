/**
 * The backends the demo page offers and how each is switched on. 'gpujs-webgpu' needs a
 * synchronous kernel runner: facets kernels are synchronous (KernelFns returns a Tensor) while
 * gpu.js 2.24.1 webgpu kernels resolve a Promise (GPUBuffer.mapAsync), so it runs only in a
 * worker connected to the page by the webgpu bridge (webgpu-bridge.ts, webgpu-host.ts).
 * {@link probeWebgpu} runs one raw gpu.js webgpu kernel to show the browser's WebGPU works.
 */
import { GPU } from 'gpu.js';
import { FacetsError } from '../core/errors.js';
import { setBackend } from '../nn/backend.js';
import { configureGpujs, gpujsActiveMode, type SyncKernelRunner } from '../nn/kernels/gpujs-runtime.js';
import '../nn/ops/index.js';

export type DemoBackend = 'gpujs-webgl2' | 'gpujs-webgpu' | 'cpu' | 'reference';
export const DEMO_BACKENDS: readonly DemoBackend[] = ['gpujs-webgl2', 'gpujs-webgpu', 'cpu', 'reference'];

/**
 * Makes `choice` the backend of every following op.
 * requires: `opts.webgpuRunner` for 'gpujs-webgpu' (e.g. webgpuBridgeRunner in a worker).
 * ensures: returns the mode that actually runs (e.g. 'webgl2', 'webgpu', 'cpu'); throws E_BACKEND
 *   when the browser cannot run it and E_UNSUPPORTED for 'gpujs-webgpu' without a runner.
 */
export function useBackend(choice: DemoBackend, opts: { webgpuRunner?: SyncKernelRunner } = {}): string {
  switch (choice) {
    case 'gpujs-webgl2': {
      if (!GPU.isWebGL2Supported) throw new FacetsError('E_BACKEND', 'useBackend: this browser has no WebGL2 context');
      configureGpujs({ mode: 'webgl2' });
      setBackend('gpujs');
      // gpu.js names every GL kernel class's mode 'gpu'; anything else means it fell back.
      const active = gpujsActiveMode();
      if (active !== 'gpu') throw new FacetsError('E_BACKEND', `useBackend: gpu.js asked for webgl2 but runs '${active}' kernels`);
      return 'webgl2';
    }
    case 'gpujs-webgpu': {
      if (!opts.webgpuRunner) {
        throw new FacetsError('E_UNSUPPORTED', 'useBackend: gpu.js webgpu kernels resolve Promises (mapAsync readback) but facets kernels are synchronous; run the pipeline in a worker with a webgpu bridge runner (webgpuBridgeRunner)');
      }
      configureGpujs({ mode: 'webgpu', runner: opts.webgpuRunner });
      // Probes through the runner: a missing adapter or a broken bridge fails here, not mid-pipeline.
      setBackend('gpujs');
      return 'webgpu';
    }
    case 'cpu':
    case 'reference':
      setBackend(choice);
      return choice;
    default:
      throw new FacetsError('E_BAD_ARGUMENT', `useBackend: backend must be one of ${DEMO_BACKENDS.join(', ')}, got ${String(choice)}`);
  }
}

/** Result of {@link probeWebgpu}: whether a real gpu.js webgpu kernel ran and what it returned. */
export interface WebgpuProbe {
  ok: boolean;
  /** Largest |gpu - expected| over the probe's outputs (NaN when it did not run). */
  maxError: number;
  reason: string | null;
}

/**
 * Runs a small gpu.js kernel on webgpu (a 3x3 box filter over 1,000 values, edges clamped) and
 * compares it with the same sum in JavaScript.
 * ensures: never throws; ok === false with the reason when webgpu is missing or wrong.
 */
export async function probeWebgpu(): Promise<WebgpuProbe> {
  const n = 1000;
  const a = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 10);
  const want = Array.from(a, (_, i) => a[Math.max(0, i - 1)] + a[i] + a[Math.min(n - 1, i + 1)]);
  try {
    if (!(await GPU.isWebGPUAvailable())) return { ok: false, maxError: NaN, reason: 'no WebGPU adapter' };
    const gpu = new GPU({ mode: 'webgpu' });
    const k = gpu.createKernel(function box3(this: { thread: { x: number }; constants: { n: number } }, x: number[]) {
      const i = this.thread.x;
      return x[Math.max(0, i - 1)] + x[i] + x[Math.min(this.constants.n - 1, i + 1)];
    }, { output: [n], constants: { n } });
    const got = (await k(a)) as unknown;
    gpu.destroy();
    if (!(got instanceof Float32Array) || got.length !== n) return { ok: false, maxError: NaN, reason: `kernel returned ${Object.prototype.toString.call(got)}` };
    const maxError = want.reduce((m, w, i) => Math.max(m, Math.abs(w - got[i])), 0);
    return { ok: maxError <= 1e-4, maxError, reason: maxError <= 1e-4 ? null : `max error ${maxError}` };
  } catch (e) {
    return { ok: false, maxError: NaN, reason: e instanceof Error ? e.message : String(e) };
  }
}
