/**
 * The synchronous side of the webgpu bridge. facets kernels are synchronous (KernelFns returns a
 * Tensor), gpu.js 2.24.1 webgpu kernels resolve a Promise (readback is GPUBuffer.mapAsync), and
 * only a worker may block. So the pipeline runs in a Web Worker whose gpuRun posts each kernel
 * call to the thread that owns the GPU (webgpu-host.ts) and sleeps in Atomics.wait until that
 * thread has written the output into shared memory and bumped the control word.
 *
 * Shared memory (needs cross-origin isolation: COOP same-origin + COEP require-corp):
 *   control  Int32Array(4): [ANSWERED] seq of the last answered call, [STATUS] 0 ok / 1 error,
 *            [ERROR_BYTES] UTF-8 length of the error text
 *   errors   UTF-8 JSON {code, message} of a failed call (truncated to its size)
 *   result   Float32 output, allocated by the worker (it knows the size) and posted per call
 * The host answers calls one at a time in order, and writes ANSWERED last (an SC Atomics.store,
 * which orders the plain writes before it), so a late answer to a timed-out call can never be
 * read as the answer to a later one.
 */
import { FacetsError, type FacetsErrorCode } from '../core/errors.js';
import type { KernelCall, SyncKernelRunner } from '../nn/kernels/gpujs-runtime.js';

/** Slots of the control word array. */
export const ANSWERED = 0;
export const STATUS = 1;
export const ERROR_BYTES = 2;
const CONTROL_INTS = 4;
const ERROR_CAPACITY = 4096;

/** What the page hands a worker (post it with `port` in the transfer list). */
export interface BridgeEndpoint {
  port: MessagePort;
  control: SharedArrayBuffer;
  errors: SharedArrayBuffer;
}

/** One request on the bridge's port. */
export interface BridgeRequest {
  seq: number;
  call: KernelCall;
  /** At least call.size * 4 bytes; the host writes the output at offset 0. */
  result: SharedArrayBuffer;
}

/** Why this context cannot share memory with another thread, or null when it can. */
export function sharedMemoryUnavailableReason(): string | null {
  // Browsers hide SharedArrayBuffer from pages that are not isolated; runtimes without the flag
  // (Node, Deno) always share memory.
  if (globalThis.crossOriginIsolated === false) {
    return 'the page is not cross-origin isolated (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';
  }
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return 'this runtime has no SharedArrayBuffer';
  return null;
}

/** Fresh shared buffers and a channel; `host` stays with the GPU thread, `endpoint` goes to the worker. */
export function createBridgeChannel(): { host: BridgeEndpoint; endpoint: BridgeEndpoint } {
  const why = sharedMemoryUnavailableReason();
  if (why) throw new FacetsError('E_UNSUPPORTED', `webgpu bridge: ${why}`);
  const { port1, port2 } = new MessageChannel();
  const control = new SharedArrayBuffer(CONTROL_INTS * 4);
  const errors = new SharedArrayBuffer(ERROR_CAPACITY);
  return { host: { port: port1, control, errors }, endpoint: { port: port2, control, errors } };
}

/** Writes a failed call's code and message where the waiting worker reads them (the message cut to fit). */
export function writeError(errors: SharedArrayBuffer, control: Int32Array, code: FacetsErrorCode, message: string): void {
  const encode = (m: string): Uint8Array => new TextEncoder().encode(JSON.stringify({ code, message: m }));
  let text = message;
  let bytes = encode(text);
  // gpu.js appends the whole generated WGSL to compile errors; the head says what went wrong.
  while (bytes.length > errors.byteLength) {
    text = `${text.slice(0, Math.floor(text.length / 2))}...`;
    bytes = encode(text);
  }
  new Uint8Array(errors).set(bytes);
  Atomics.store(control, ERROR_BYTES, bytes.length);
}

function readError(endpoint: BridgeEndpoint, control: Int32Array): { code: FacetsErrorCode; message: string } {
  const n = Atomics.load(control, ERROR_BYTES);
  // TextDecoder refuses views of shared memory; copy first.
  const text = new TextDecoder().decode(new Uint8Array(endpoint.errors, 0, n).slice());
  try {
    const e = JSON.parse(text) as { code?: FacetsErrorCode; message?: string };
    return { code: e.code ?? 'E_BACKEND', message: e.message ?? text };
  } catch {
    return { code: 'E_BACKEND', message: text };
  }
}

/** Arrays posted by structured clone copy their whole ArrayBuffer, so views of big buffers (weights) are cut out first. */
function compact(a: Float32Array): Float32Array {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : a.slice();
}

/**
 * The worker side: a runner for configureGpujs({ mode: 'webgpu', runner }).
 * requires: called in a worker (Atomics.wait may not block a page's main thread); a host serving
 *   the other end (webgpu-host.ts).
 * ensures: each call blocks until the host answers; a host-side failure becomes a FacetsError
 *   with the host's code (E_BACKEND for gpu.js / WGSL errors), no answer within `timeoutMs`
 *   E_BACKEND. Not reentrant (one call in flight per endpoint).
 */
export function webgpuBridgeRunner(endpoint: BridgeEndpoint, opts: { timeoutMs?: number } = {}): SyncKernelRunner {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const control = new Int32Array(endpoint.control);
  let seq = Atomics.load(control, ANSWERED);
  let result = new SharedArrayBuffer(4);
  return (call) => {
    if (result.byteLength < call.size * 4) result = new SharedArrayBuffer(Math.max(call.size * 4, result.byteLength * 2));
    seq += 1;
    const request: BridgeRequest = { seq, call: { ...call, args: call.args.map(compact) }, result };
    endpoint.port.postMessage(request);
    const deadline = performance.now() + timeoutMs;
    for (let seen = Atomics.load(control, ANSWERED); seen !== seq; seen = Atomics.load(control, ANSWERED)) {
      const left = deadline - performance.now();
      if (left <= 0) throw new FacetsError('E_BACKEND', `webgpu bridge: no answer to kernel '${call.name}' within ${timeoutMs} ms (is the page serving the bridge?)`);
      Atomics.wait(control, ANSWERED, seen, left);
    }
    if (Atomics.load(control, STATUS) !== 0) {
      const e = readError(endpoint, control);
      throw new FacetsError(e.code, `webgpu bridge: kernel '${call.name}': ${e.message}`);
    }
    const out = new Float32Array(call.size);
    out.set(new Float32Array(result, 0, call.size));
    return out;
  };
}
