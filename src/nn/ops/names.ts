/**
 * The op vocabulary, declared once (cf. tfjs-core `kernel_names.ts`, tinygrad `Ops`): the public
 * op names, the kernel names a backend must implement, and the normalised attribute records the
 * public ops hand to kernels. Public ops validate; kernels trust these records.
 */
import type { Tensor } from '../tensor.js';

/** Element-wise ops of one input. `leakyrelu` uses `alpha` (TF.js default 0.2). */
export const UNARY_OPS = ['relu', 'relu6', 'leakyrelu', 'tanh', 'sigmoid', 'abs', 'square', 'sqrt', 'rsqrt', 'exp', 'neg'] as const;
export type UnaryOp = (typeof UNARY_OPS)[number];

/** Element-wise ops of two inputs with NumPy broadcasting. `prelu(x, alpha)` = x > 0 ? x : alpha * x. */
export const BINARY_OPS = ['add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'squaredDifference', 'prelu'] as const;
export type BinaryOp = (typeof BINARY_OPS)[number];

/** Reductions over a set of axes. */
export const REDUCE_OPS = ['mean', 'sum', 'max'] as const;
export type ReduceOp = (typeof REDUCE_OPS)[number];

/** Activations a conv / matmul kernel can fuse into its epilogue. */
export type ActivationKind = 'linear' | 'relu' | 'relu6' | 'leakyrelu' | 'prelu' | 'tanh' | 'sigmoid';

/**
 * A fused activation. `alpha` is the leaky-relu slope; `preluAlpha` holds one slope per output
 * channel (shape [outC]) for `prelu`.
 */
export interface Activation {
  kind: ActivationKind;
  alpha?: number;
  preluAlpha?: Tensor;
}

/** Kernels every backend implements (the registry key; `Backend` in backend.ts is typed by it). */
export const KERNEL_NAMES = [
  'conv2d',
  'depthwiseConv2d',
  'matMul',
  'unary',
  'binary',
  'softmax',
  'pool',
  'reduce',
  'concat',
  'pad',
  'stridedSlice',
  'resizeBilinear',
] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

/** Public ops (ops/index.ts); several are compositions of kernels or pure shape changes. */
export type OpName =
  | 'conv2d' | 'depthwiseConv2d' | 'separableConv2d' | 'pointwiseConv2d'
  | 'matMul' | 'dense'
  | UnaryOp | BinaryOp | 'sigmoid' | 'softmax'
  | 'maxPool' | 'avgPool' | 'globalMeanPool' | 'mean' | 'sum' | 'max'
  | 'batchNorm' | 'concat' | 'pad' | 'reshape' | 'squeeze' | 'expandDims' | 'slice' | 'stridedSlice'
  | 'resizeBilinear';

/**
 * Normalised geometry of a 2-D convolution or pooling window over an NHWC input
 * (field names follow tfjs-core `conv_util.Conv2DInfo`).
 */
export interface Conv2DInfo {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  /** Output channels: outC for conv2d, inC * multiplier for depthwise, inC for pooling. */
  outC: number;
  filterH: number;
  filterW: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  padTop: number;
  padLeft: number;
  padBottom: number;
  padRight: number;
}

/** 'same' / 'valid' as in TF.js, one number for all four sides, or explicit sides. */
export type Padding = 'same' | 'valid' | number | { top: number; bottom: number; left: number; right: number };

export type PoolType = 'max' | 'avg';
