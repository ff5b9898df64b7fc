/** facets nn runtime: tensors, ops, backends, plans. (Weights and models live in nn/weights, nn/models.) */
export * from './tensor.js';
export * from './ops/index.js';
export { setBackend, getBackend, listBackends, backendByName, registerBackend, type Backend, type BackendName, type KernelFns } from './backend.js';
export * from './plan.js';
export { configureGpujs, gpujsActiveMode, type GpujsMode } from './kernels/gpujs-runtime.js';
export * from './weights/index.js';
export * from './models/index.js';
export * from './graph/index.js';
export * from './human/index.js';
export { setWasmKernelsEnabled, wasmKernelsEnabled, wasmKernelMode, wasmUnavailableReason } from './kernels/wasm/runtime.js';
export { setCpuThreads, getCpuThreads, MAX_CPU_THREADS, type CpuThreadsOptions } from './kernels/threads/cpu-threads.js';
export { webWorkerFactory, type WorkerFactory, type WorkerEvents, type ThreadWorker } from './kernels/threads/pool.js';
