/**
 * The 'cpu' backend: fast plain TypeScript. Softmax and strided slice reuse the reference
 * kernels, which are already single linear passes with nothing to block.
 */
import type { Backend } from '../backend.js';
import { conv2dCpu } from '../ops/conv2d/conv2d.cpu.js';
import { depthwiseConv2dCpu } from '../ops/depthwise/depthwise.cpu.js';
import { matMulCpu } from '../ops/matmul/matmul.cpu.js';
import { binaryCpu, unaryCpu } from '../ops/elementwise/elementwise.cpu.js';
import { softmaxRef } from '../ops/softmax/softmax.ref.js';
import { poolCpu } from '../ops/pool/pool.cpu.js';
import { reduceCpu } from '../ops/reduce/reduce.cpu.js';
import { concatCpu } from '../ops/concat/concat.cpu.js';
import { padCpu } from '../ops/pad/pad.cpu.js';
import { stridedSliceRef } from '../ops/slice/slice.ref.js';
import { resizeBilinearCpu } from '../ops/resize/resize.cpu.js';

export function createCpuBackend(): Backend {
  return {
    name: 'cpu',
    unavailableReason: () => null,
    kernels: {
      conv2d: conv2dCpu,
      depthwiseConv2d: depthwiseConv2dCpu,
      matMul: matMulCpu,
      unary: unaryCpu,
      binary: binaryCpu,
      softmax: softmaxRef,
      pool: poolCpu,
      reduce: reduceCpu,
      concat: concatCpu,
      pad: padCpu,
      stridedSlice: stridedSliceRef,
      resizeBilinear: resizeBilinearCpu,
    },
  };
}
