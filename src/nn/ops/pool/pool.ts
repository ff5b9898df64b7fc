/** Public pooling: maxPool / avgPool (TF.js semantics, padded taps ignored) and globalMeanPool. */
import { check } from '../../../core/errors.js';
import { currentBackend } from '../../backend.js';
import { type Tensor } from '../../tensor.js';
import { computeConvInfo } from '../conv-info.js';
import { asBatch } from '../conv2d/conv2d.js';
import type { Padding, PoolType } from '../names.js';
import { mean } from '../reduce/reduce.js';

export interface PoolOptions {
  /** Window [h, w] or one size for both. */
  filterSize: number | readonly [number, number];
  strides?: number | readonly [number, number];
  pad?: Padding;
}

function pool(x: Tensor, opts: PoolOptions, type: PoolType, fn: string): Tensor {
  const x4 = asBatch(x, fn);
  check(opts !== null && typeof opts === 'object', fn, 'options {filterSize, strides?, pad?} are required');
  const fs = opts.filterSize;
  const [fh, fw] = typeof fs === 'number' ? [fs, fs] : [fs[0], fs[1]];
  const info = computeConvInfo(x4.shape, { filterH: fh, filterW: fw, strides: opts.strides ?? 1, dilations: 1, pad: opts.pad ?? 'valid' }, x4.shape[3], fn);
  // A window entirely inside the padding has no defined max/avg (TF.js gives -Inf / NaN): reject it.
  check(info.padTop < fh && info.padBottom < fh && info.padLeft < fw && info.padRight < fw, fn, `padding must be smaller than the window ${fh}x${fw}`);
  const y = currentBackend().kernels.pool(x4, info, type);
  return x.shape.length === 3 ? { shape: y.shape.slice(1), data: y.data } : y;
}

/** Max pooling over NHWC. ensures: [batch, outH, outW, c]. */
export const maxPool = (x: Tensor, opts: PoolOptions): Tensor => pool(x, opts, 'max', 'maxPool');
/** Average pooling over NHWC; divides by the number of in-image taps (TF.js). */
export const avgPool = (x: Tensor, opts: PoolOptions): Tensor => pool(x, opts, 'avg', 'avgPool');

/** Mean over height and width: [batch, h, w, c] -> [batch, c] (keepDims: [batch, 1, 1, c]). */
export function globalMeanPool(x: Tensor, keepDims = false): Tensor {
  const x4 = asBatch(x, 'globalMeanPool');
  check(x4.shape[1] * x4.shape[2] > 0, 'globalMeanPool', `input has no pixels: [${x.shape.join(', ')}]`);
  return mean(x4, [1, 2], keepDims);
}
