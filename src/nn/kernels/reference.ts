/** The 'reference' backend: the oracle every other backend is property-tested against. */
import type { Backend } from '../backend.js';
import { conv2dRef } from '../ops/conv2d/conv2d.ref.js';
import { depthwiseConv2dRef } from '../ops/depthwise/depthwise.ref.js';
import { matMulRef } from '../ops/matmul/matmul.ref.js';
import { binaryRef, unaryRef } from '../ops/elementwise/elementwise.ref.js';
import { softmaxRef } from '../ops/softmax/softmax.ref.js';
import { poolRef } from '../ops/pool/pool.ref.js';
import { reduceRef } from '../ops/reduce/reduce.ref.js';
import { concatRef } from '../ops/concat/concat.ref.js';
import { padRef } from '../ops/pad/pad.ref.js';
import { stridedSliceRef } from '../ops/slice/slice.ref.js';
import { resizeBilinearRef } from '../ops/resize/resize.ref.js';

export function createReferenceBackend(): Backend {
  return {
    name: 'reference',
    unavailableReason: () => null,
    kernels: {
      conv2d: conv2dRef,
      depthwiseConv2d: depthwiseConv2dRef,
      matMul: matMulRef,
      unary: unaryRef,
      binary: binaryRef,
      softmax: softmaxRef,
      pool: poolRef,
      reduce: reduceRef,
      concat: concatRef,
      pad: padRef,
      stridedSlice: stridedSliceRef,
      resizeBilinear: resizeBilinearRef,
    },
  };
}
