/** Public depthwise and separable convolutions (TF.js depthwiseConv2d / separableConv2d). */
import { check } from '../../../core/errors.js';
import { currentBackend } from '../../backend.js';
import { assertTensor, type Tensor } from '../../tensor.js';
import { normalizeActivation } from '../activation.js';
import { computeConvInfo } from '../conv-info.js';
import { asBatch, checkBias, conv2d, type ConvOptions } from '../conv2d/conv2d.js';
import { separableCpuFused } from './separable.cpu.js';

/**
 * Depthwise convolution with fused bias + activation.
 * requires: x [batch, h, w, inC] (or [h, w, inC]), filter [fh, fw, inC, multiplier].
 * ensures: result [batch, outH, outW, inC * multiplier]; channel ci*multiplier + m uses filter[.., ci, m].
 */
export function depthwiseConv2d(x: Tensor, filter: Tensor, opts: ConvOptions = {}): Tensor {
  const fn = 'depthwiseConv2d';
  const x4 = asBatch(x, fn);
  assertTensor(filter, fn, 'filter', 4);
  const [fh, fw, fin, mult] = filter.shape;
  check(fin === x4.shape[3], fn, `filter in-channels ${fin} must equal input channels ${x4.shape[3]}`);
  const outC = fin * mult;
  const info = computeConvInfo(x4.shape, { filterH: fh, filterW: fw, strides: opts.strides ?? 1, dilations: opts.dilations ?? 1, pad: opts.pad ?? 'valid' }, outC, fn);
  const bias = checkBias(opts.bias, outC, fn);
  const act = normalizeActivation(opts.activation, outC, fn);
  const y = currentBackend().kernels.depthwiseConv2d(x4, filter, bias, info, act);
  return x.shape.length === 3 ? { shape: y.shape.slice(1), data: y.data } : y;
}

/**
 * Separable convolution: depthwise (no bias, linear) then a 1x1 pointwise conv carrying the
 * bias and activation (TF.js separableConv2d; face-api's mobilenet blocks).
 * requires: depthwiseFilter [fh, fw, inC, mult], pointwiseFilter [1, 1, inC*mult, outC].
 */
export function separableConv2d(x: Tensor, depthwiseFilter: Tensor, pointwiseFilter: Tensor, opts: ConvOptions = {}): Tensor {
  // cpu backend: the depthwise output can stay in wasm memory (bit-identical to the two ops).
  if (currentBackend().name === 'cpu') {
    const fused = separableCpuFused(x, depthwiseFilter, pointwiseFilter, { strides: opts.strides, pad: opts.pad, dilations: opts.dilations }, opts);
    if (fused !== null) return fused;
  }
  const d = depthwiseConv2d(x, depthwiseFilter, { strides: opts.strides, pad: opts.pad, dilations: opts.dilations });
  return conv2d(d, pointwiseFilter, { bias: opts.bias, activation: opts.activation, pad: 'valid' });
}

/**
 * depthwiseConv2d(x, depthwiseFilter, dwOpts) then a 1x1 conv2d(., pointwiseFilter, pwOpts): the
 * MobileNet block with its own depthwise bias and activation (face-api's SSD, where separableConv2d
 * does not fit: batch norm is folded into a depthwise bias followed by relu6). Same result as the
 * two public ops, bit for bit; on the cpu backend the depthwise output stays in wasm memory.
 * requires: as depthwiseConv2d and conv2d; pointwiseFilter [1, 1, inC*mult, outC].
 */
export function depthwisePointwise(x: Tensor, depthwiseFilter: Tensor, pointwiseFilter: Tensor, dwOpts: ConvOptions, pwOpts: Pick<ConvOptions, 'bias' | 'activation'>): Tensor {
  if (currentBackend().name === 'cpu') {
    const fused = separableCpuFused(x, depthwiseFilter, pointwiseFilter, dwOpts, pwOpts);
    if (fused !== null) return fused;
  }
  const d = depthwiseConv2d(x, depthwiseFilter, dwOpts);
  return conv2d(d, pointwiseFilter, { ...pwOpts, pad: 'valid' });
}
