/**
 * facets for browsers (and other runtimes without Node built-ins): everything of the main entry
 * except file decoding/encoding (pngjs needs Node's Buffer and zlib; the platform decodes here,
 * see decode.ts), plus the smoke pipeline, the demo's backend switch and the webgpu bridge
 * (run the pipeline in a worker on gpu.js webgpu kernels: webgpu-bridge.ts).
 */
export * from '../core/errors.js';
export * from '../image/image.js';
export * from '../image/limits.js';
export * from '../image/sniff.js';
export * from '../image/orientation.js';
export * from '../image/gray.js';
export * from '../image/resize.js';
export * from '../image/warp.js';
export * from '../image/integral.js';
export * from '../image/equalize.js';
export * from '../image/geometry.js';
export * from '../image/draw.js';
export * from '../lbp/index.js';
export * from '../align/index.js';
export * as nn from '../nn/index.js';
export { setBackend, getBackend, type BackendName } from '../nn/backend.js';
export { configureGpujs, type GpujsMode, type KernelCall, type SyncKernelRunner } from '../nn/kernels/gpujs-runtime.js';
export type { Tensor } from '../nn/tensor.js';
export { browserImage, imageFromImageData, type BrowserImageSource } from './decode.js';
export { loadPipelineModels, runPipeline, type PipelineModels, type PipelineOptions, type PipelineResult, type PipelineStage } from './pipeline.js';
export { useBackend, probeWebgpu, DEMO_BACKENDS, type DemoBackend, type WebgpuProbe } from './backend-choice.js';
export { webgpuBridgeRunner, sharedMemoryUnavailableReason, type BridgeEndpoint } from './webgpu-bridge.js';
export { hostWebgpuKernels, type WebgpuHost } from './webgpu-host.js';
export { startPipelineWorker, type PipelineWorker } from './pipeline-client.js';
