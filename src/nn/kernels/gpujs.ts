/**
 * The 'gpujs' backend: every kernel is a gpu.js 2.24.1 kernel (ops/<op>/<op>.gpu.ts), run in the
 * mode chosen with configureGpujs (default 'gpu': best available; webasm in Node without `gl`).
 */
import type { Backend } from '../backend.js';
import { conv2dGpu } from '../ops/conv2d/conv2d.gpu.js';
import { depthwiseConv2dGpu } from '../ops/depthwise/depthwise.gpu.js';
import { matMulGpu } from '../ops/matmul/matmul.gpu.js';
import { binaryGpu, unaryGpu } from '../ops/elementwise/elementwise.gpu.js';
import { softmaxGpu } from '../ops/softmax/softmax.gpu.js';
import { poolGpu } from '../ops/pool/pool.gpu.js';
import { reduceGpu } from '../ops/reduce/reduce.gpu.js';
import { concatGpu } from '../ops/concat/concat.gpu.js';
import { padGpu } from '../ops/pad/pad.gpu.js';
import { stridedSliceGpu } from '../ops/slice/slice.gpu.js';
import { resizeBilinearGpu } from '../ops/resize/resize.gpu.js';
import { gpujsUnavailableReason } from './gpujs-runtime.js';

export function createGpujsBackend(): Backend {
  return {
    name: 'gpujs',
    unavailableReason: gpujsUnavailableReason,
    kernels: {
      conv2d: conv2dGpu,
      depthwiseConv2d: depthwiseConv2dGpu,
      matMul: matMulGpu,
      unary: unaryGpu,
      binary: binaryGpu,
      softmax: softmaxGpu,
      pool: poolGpu,
      reduce: reduceGpu,
      concat: concatGpu,
      pad: padGpu,
      stridedSlice: stridedSliceGpu,
      resizeBilinear: resizeBilinearGpu,
    },
  };
}
