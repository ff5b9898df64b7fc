/**
 * facets nn ops: the public op set. Tensors are float32, NHWC, `{ shape, data: Float32Array }`
 * (tensor.ts). Every op validates its arguments (FacetsError E_BAD_ARGUMENT naming the op) and
 * dispatches to the current backend (backend.ts: setBackend('reference' | 'cpu' | 'gpujs')).
 * Geometry and numerics follow TF.js 4.22 so face-api / Human weights run unchanged.
 *
 * Signatures (x is [batch, h, w, c]; rank 3 [h, w, c] is accepted as batch 1 by the image ops):
 *   conv2d(x, filter[fh,fw,inC,outC], { strides?, pad?, dilations?, bias?[outC], activation? })
 *   depthwiseConv2d(x, filter[fh,fw,inC,mult], { same options }) -> channels inC*mult (ci*mult+m)
 *   separableConv2d(x, dwFilter[fh,fw,inC,mult], pwFilter[1,1,inC*mult,outC], { same options })
 *   pointwiseConv2d(x, filter[inC,outC] | [1,1,inC,outC], { strides?, bias?, activation? })
 *     strides: number | [h, w] (default 1); dilations likewise; pad: 'same' | 'valid' (default) |
 *     number | { top, bottom, left, right }; 'same' puts the odd pixel bottom/right like TF.js.
 *     activation: 'linear' | 'relu' | 'relu6' | 'leakyrelu' | 'tanh' | 'sigmoid' or
 *     { kind: 'leakyrelu', alpha } | { kind: 'prelu', preluAlpha: Tensor[outC] }.
 *   matMul(a[m,k], b[k,n], { transposeA?, transposeB?, bias?[n], activation? }) -> [m,n]
 *   dense(x[batch,...], weights[k,n], bias?[n], activation?) -> [batch,n]
 *   relu relu6 tanh sigmoid abs square sqrt rsqrt exp neg (x); leakyRelu(x, alpha = 0.2)
 *   add sub mul div maximum minimum squaredDifference (a, b) with broadcasting (numbers allowed);
 *   prelu(x, alpha[C])
 *   softmax(x) over the last axis
 *   maxPool / avgPool(x, { filterSize, strides?, pad? }); globalMeanPool(x, keepDims = false) -> [batch, c]
 *   mean / sum / max(x, axes?, keepDims = false)
 *   batchNorm(x, { mean, variance, scale?, offset?, epsilon = 1e-3 }) over the last axis
 *   foldBatchNorm(filter, bias?, params) / foldBatchNormDepthwise(filter, bias?, params) -> { filter, bias }
 *   concat(xs, axis = -1); pad(x, [[before, after], ...], value = 0)
 *   reshape(x, shape with one -1 allowed); squeeze(x, axes?); expandDims(x, axis = 0)
 *   slice(x, begin, size with -1 = rest); stridedSlice(x, begin, end, strides?, { beginMask?, endMask?, shrinkAxisMask? })
 *   resizeBilinear(x, [newH, newW], { alignCorners = false, halfPixelCenters = false })
 */
import '../kernels/register.js';

export { conv2d, pointwiseConv2d, type ConvOptions } from './conv2d/conv2d.js';
export { depthwiseConv2d, separableConv2d } from './depthwise/depthwise.js';
export { matMul, dense, type MatMulOptions } from './matmul/matmul.js';
export {
  relu, relu6, leakyRelu, tanh, sigmoid, abs, square, sqrt, rsqrt, exp, neg,
  add, sub, mul, div, maximum, minimum, squaredDifference, prelu,
} from './elementwise/elementwise.js';
export { softmax } from './softmax/softmax.js';
export { maxPool, avgPool, globalMeanPool, type PoolOptions } from './pool/pool.js';
export { mean, sum, max } from './reduce/reduce.js';
export { batchNorm, foldBatchNorm, foldBatchNormDepthwise, type BatchNormParams } from './batchnorm.js';
export { concat } from './concat/concat.js';
export { pad } from './pad/pad.js';
export { reshape, squeeze, expandDims } from './shape.js';
export { slice, stridedSlice, type StridedSliceOptions } from './slice/slice.js';
export { resizeBilinear, type ResizeOptions } from './resize/resize.js';
export type { Activation, ActivationKind, Padding, Conv2DInfo, OpName, KernelName, UnaryOp, BinaryOp, ReduceOp } from './names.js';
