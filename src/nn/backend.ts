/**
 * Compute backends: one typed kernel table per backend (every KernelName in ops/names.ts must be
 * present, so a backend cannot silently miss an op), a registry, and the current choice.
 * - 'reference': obvious loops, the oracle; never optimised.
 * - 'cpu': fast plain TypeScript (packed, register-blocked GEMM; direct depthwise).
 * - 'gpujs': gpu.js 2.24.1 kernels (webgl2/webgl/headlessgl in a browser or with `gl`,
 *   else webasm, else cpu mode); see kernels/gpujs.ts.
 * Not thread-safe by design: the choice is process-global, like tf.setBackend. A later
 * worker_threads backend registers here like any other. The built-in backends are registered by
 * importing src/nn/ops/index.ts (or src/nn/index.ts), which every op user does anyway.
 */
import { FacetsError } from '../core/errors.js';
import type { Tensor } from './tensor.js';
import type { Activation, BinaryOp, Conv2DInfo, KernelName, PoolType, ReduceOp, UnaryOp } from './ops/names.js';

export type BackendName = 'reference' | 'cpu' | 'gpujs';

/** The kernel signatures. Kernels trust their `requires` (the public ops in ops/ validate). */
export interface KernelFns {
  /** x [b,h,w,inC], filter [fh,fw,inC,outC] (HWIO), bias [outC] | null -> [b,outH,outW,outC]. */
  conv2d(x: Tensor, filter: Tensor, bias: Tensor | null, info: Conv2DInfo, act: Activation): Tensor;
  /** x [b,h,w,inC], filter [fh,fw,inC,mult], bias [inC*mult] | null -> [b,outH,outW,inC*mult]. */
  depthwiseConv2d(x: Tensor, filter: Tensor, bias: Tensor | null, info: Conv2DInfo, act: Activation): Tensor;
  /** rank-2 op(a) [m,k] @ op(b) [k,n] + bias [n] -> [m,n]. */
  matMul(a: Tensor, b: Tensor, bias: Tensor | null, transposeA: boolean, transposeB: boolean, act: Activation): Tensor;
  unary(x: Tensor, op: UnaryOp, alpha: number): Tensor;
  /** outShape = broadcast of a.shape and b.shape. */
  binary(a: Tensor, b: Tensor, op: BinaryOp, outShape: readonly number[]): Tensor;
  /** Softmax over the last axis. */
  softmax(x: Tensor): Tensor;
  pool(x: Tensor, info: Conv2DInfo, type: PoolType): Tensor;
  /** axes sorted and unique; reduced axes are dropped from the shape. */
  reduce(x: Tensor, axes: readonly number[], op: ReduceOp): Tensor;
  concat(xs: readonly Tensor[], axis: number): Tensor;
  pad(x: Tensor, paddings: readonly (readonly [number, number])[], value: number): Tensor;
  stridedSlice(x: Tensor, begin: readonly number[], strides: readonly number[], outShape: readonly number[]): Tensor;
  resizeBilinear(x: Tensor, outH: number, outW: number, alignCorners: boolean, halfPixelCenters: boolean): Tensor;
}

// Compile-time proof that KernelFns and the KERNEL_NAMES vocabulary list the same kernels.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kernelTableMatchesVocabulary: Exact<keyof KernelFns, KernelName> = true;
void kernelTableMatchesVocabulary;

export interface Backend {
  readonly name: BackendName;
  readonly kernels: KernelFns;
  /** Why the backend cannot run here, or null when it can (checked by setBackend). */
  unavailableReason(): string | null;
}

const registry = new Map<BackendName, () => Backend>();
let current: Backend | null = null;
let defaultName: BackendName = 'cpu';

/** Registers a backend factory (called lazily on first use). Re-registering replaces it. */
export function registerBackend(name: BackendName, factory: () => Backend): void {
  registry.set(name, factory);
  if (current?.name === name) current = null;
}

const instances = new Map<BackendName, Backend>();

function instance(name: BackendName): Backend {
  let b = instances.get(name);
  if (!b) {
    const f = registry.get(name);
    if (!f) throw new FacetsError('E_BAD_ARGUMENT', `setBackend: unknown backend ${JSON.stringify(name)}; expected one of ${[...registry.keys()].join(', ')}`);
    b = f();
    instances.set(name, b);
  }
  return b;
}

/**
 * Chooses the backend every op uses from now on.
 * ensures: getBackend() === name. Throws E_BAD_ARGUMENT for an unknown name and E_BACKEND when
 * the backend cannot run in this environment.
 */
export function setBackend(name: BackendName): void {
  const b = instance(name);
  const why = b.unavailableReason();
  if (why !== null) throw new FacetsError('E_BACKEND', `setBackend: backend '${name}' is unavailable: ${why}`);
  current = b;
}

/** The name of the current backend ('cpu' until setBackend is called). */
export function getBackend(): BackendName {
  return currentBackend().name;
}

/** The current backend object (ops dispatch through it). */
export function currentBackend(): Backend {
  if (!current) current = instance(defaultName);
  return current;
}

/** The named backend without making it current (tests compare backends side by side). */
export function backendByName(name: BackendName): Backend {
  return instance(name);
}

/** Names of the registered backends. */
export function listBackends(): BackendName[] {
  return [...registry.keys()];
}

/** Sets which backend is used before any setBackend call. */
export function setDefaultBackend(name: BackendName): void {
  defaultName = name;
}
