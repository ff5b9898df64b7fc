export * from './core/errors.js';
export * from './image/index.js';
export * from './lbp/index.js';
export * from './align/index.js';
// nn's op names (pad, resize, max, ...) would clash with the image layer's: keep them in a namespace.
export * as nn from './nn/index.js';
export { setBackend, getBackend, type BackendName } from './nn/backend.js';
export type { Tensor } from './nn/tensor.js';
export { loadModel } from './nn/models/load-model.js';
// Node entry: cpu threads on worker_threads (nn.setCpuThreads is the runtime-neutral one).
export { setCpuThreads, nodeWorkerFactory } from './nn/kernels/threads/node.js';
export { getCpuThreads } from './nn/kernels/threads/cpu-threads.js';
export * from './tasks/index.js';
