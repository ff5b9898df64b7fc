/**
 * TF.js's chained tensor methods (`t.div(x)`, `t.as3D(h, w, c)`), which face-api.js calls. The
 * '@tensorflow/tfjs' umbrella adds them by importing tfjs-core's public/chained_ops/*.js, but
 * those files are ES modules with extensionless imports that plain Node cannot load; the
 * CommonJS build of tfjs-core leaves them out. This adds the same methods, defined as
 * tfjs-core 4.22 defines them (src/public/chained_ops/<name>.ts).
 */

/**
 * The chained ops whose method is `op(this, ...args)` with the same op name: every
 * `prototype.<name> = function (args) { return <name>(this, args) }` in tfjs-core 4.22's
 * dist/public/chained_ops/ (122 of its 137 files; the others are special-cased below).
 */
const PLAIN = [
  'abs', 'acos', 'acosh', 'add', 'all', 'any', 'argMax', 'argMin', 'asin', 'asinh', 'atan', 'atan2',
  'atanh', 'avgPool', 'batchToSpaceND', 'batchNorm', 'broadcastTo', 'cast', 'ceil', 'clipByValue',
  'conv1d', 'conv2d', 'conv2dTranspose', 'cos', 'cosh', 'cumprod', 'cumsum', 'depthToSpace',
  'depthwiseConv2d', 'dilation2d', 'div', 'divNoNan', 'dot', 'elu', 'equal', 'erf', 'euclideanNorm',
  'exp', 'expandDims', 'expm1', 'fft', 'floor', 'floorDiv', 'gather', 'greater', 'greaterEqual',
  'ifft', 'irfft', 'isFinite', 'isInf', 'isNaN', 'leakyRelu', 'less', 'lessEqual',
  'localResponseNormalization', 'log', 'log1p', 'logSigmoid', 'logSoftmax', 'logSumExp', 'logicalAnd',
  'logicalNot', 'logicalOr', 'logicalXor', 'matMul', 'max', 'maxPool', 'maximum', 'mean', 'min',
  'minimum', 'mirrorPad', 'mod', 'mul', 'neg', 'norm', 'notEqual', 'oneHot', 'onesLike', 'pad',
  'pool', 'pow', 'prelu', 'prod', 'reciprocal', 'relu', 'relu6', 'reshape', 'resizeBilinear',
  'resizeNearestNeighbor', 'reverse', 'rfft', 'round', 'rsqrt', 'selu', 'separableConv2d', 'sigmoid',
  'sign', 'sin', 'sinh', 'slice', 'softmax', 'softplus', 'spaceToBatchND', 'split', 'sqrt', 'square',
  'squaredDifference', 'squeeze', 'step', 'stridedSlice', 'sub', 'sum', 'tan', 'tanh', 'tile', 'topk',
  'transpose', 'unique', 'unsortedSegmentSum', 'unstack', 'zerosLike',
] as const;

type Op = (...args: unknown[]) => unknown;
interface TensorLike { size: number; shape: number[] }

/**
 * Defines the chained methods missing on `core.Tensor.prototype` (existing ones are kept).
 * Mutates the TF.js Tensor class of `core`; idempotent.
 */
export function registerChainedOps(core: Record<string, unknown>): void {
  const Tensor = core.Tensor;
  if (typeof Tensor !== 'function') return;
  const proto = Tensor.prototype as Record<string, unknown>;
  const op = (name: string): Op => core[name] as Op;
  const define = (name: string, fn: (this: TensorLike, ...a: never[]) => unknown): void => {
    if (!(name in proto)) proto[name] = fn;
  };
  for (const name of PLAIN) {
    const f = op(name);
    if (typeof f === 'function') define(name, function (this: TensorLike, ...a: unknown[]) { return f(this, ...a); });
  }
  const reshape = op('reshape');
  const cast = op('cast');
  const isTensor = (x: unknown): boolean => x instanceof Tensor;
  define('as1D', function (this: TensorLike) { return reshape(this, [this.size]); });
  define('flatten', function (this: TensorLike) { return reshape(this, [this.size]); });
  define('as2D', function (this: TensorLike, r: number, c: number) { return reshape(this, [r, c]); });
  define('as3D', function (this: TensorLike, r: number, c: number, d: number) { return reshape(this, [r, c, d]); });
  define('as4D', function (this: TensorLike, r: number, c: number, d: number, d2: number) { return reshape(this, [r, c, d, d2]); });
  define('as5D', function (this: TensorLike, r: number, c: number, d: number, d2: number, d3: number) { return reshape(this, [r, c, d, d2, d3]); });
  define('asScalar', function (this: TensorLike) { return reshape(this, []); });
  define('reshapeAs', function (this: TensorLike, x: TensorLike) { return reshape(this, x.shape); });
  define('asType', function (this: TensorLike, dtype: string) { return cast(this, dtype); });
  define('toFloat', function (this: TensorLike) { return cast(this, 'float32'); });
  define('toInt', function (this: TensorLike) { return cast(this, 'int32'); });
  define('toBool', function (this: TensorLike) { return cast(this, 'bool'); });
  define('concat', function (this: TensorLike, x: unknown, axis: number) { return op('concat')([this, ...(isTensor(x) ? [x] : (x as unknown[]))], axis); });
  define('stack', function (this: TensorLike, x: unknown, axis: number) { return op('stack')([this, ...(isTensor(x) ? [x] : (x as unknown[]))], axis); });
  define('where', function (this: TensorLike, condition: unknown, x: unknown) { return op('where')(condition, this, x); });
}
