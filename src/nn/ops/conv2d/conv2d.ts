/**
 * Public conv2d / pointwiseConv2d: validate, normalise TF.js-style options, dispatch to the
 * current backend (cf. tfjs-core `ops/fused/conv2d.ts`).
 */
import { check } from '../../../core/errors.js';
import { currentBackend } from '../../backend.js';
import { assertTensor, type Tensor } from '../../tensor.js';
import { normalizeActivation } from '../activation.js';
import { computeConvInfo } from '../conv-info.js';
import type { Activation, ActivationKind, Padding } from '../names.js';

/** Options shared by the convolution ops. Defaults: strides 1, dilations 1, pad 'valid', no bias, linear. */
export interface ConvOptions {
  strides?: number | readonly [number, number];
  pad?: Padding;
  dilations?: number | readonly [number, number];
  /** One value per output channel, added before the activation. */
  bias?: Tensor;
  activation?: ActivationKind | Activation;
}

/** Checks an optional bias of `n` values. */
export function checkBias(bias: Tensor | undefined, n: number, fn: string): Tensor | null {
  if (bias === undefined) return null;
  assertTensor(bias, fn, 'bias');
  check(bias.data.length === n, fn, `bias must hold ${n} values (one per output channel), got shape [${bias.shape.join(', ')}]`);
  return bias;
}

/**
 * 2-D convolution, NHWC input, HWIO filter, fused bias + activation.
 * requires: x [batch, h, w, inC] (rank 3 [h, w, inC] is treated as batch 1), filter [fh, fw, inC, outC].
 * ensures: result [batch, outH, outW, outC] with TF.js 'same'/'valid' geometry (conv-info.ts).
 */
export function conv2d(x: Tensor, filter: Tensor, opts: ConvOptions = {}): Tensor {
  const fn = 'conv2d';
  const x4 = asBatch(x, fn);
  assertTensor(filter, fn, 'filter', 4);
  const [fh, fw, fin, outC] = filter.shape;
  check(fin === x4.shape[3], fn, `filter in-channels ${fin} must equal input channels ${x4.shape[3]}`);
  const info = computeConvInfo(x4.shape, { filterH: fh, filterW: fw, strides: opts.strides ?? 1, dilations: opts.dilations ?? 1, pad: opts.pad ?? 'valid' }, outC, fn);
  const bias = checkBias(opts.bias, outC, fn);
  const act = normalizeActivation(opts.activation, outC, fn);
  const y = currentBackend().kernels.conv2d(x4, filter, bias, info, act);
  return x.shape.length === 3 ? { shape: y.shape.slice(1), data: y.data } : y;
}

/**
 * 1x1 convolution (a per-pixel dense layer over channels). filter may be [inC, outC] or
 * [1, 1, inC, outC]. Same result as conv2d with a 1x1 filter; backends take a direct GEMM path.
 */
export function pointwiseConv2d(x: Tensor, filter: Tensor, opts: Omit<ConvOptions, 'dilations' | 'pad'> = {}): Tensor {
  assertTensor(filter, 'pointwiseConv2d', 'filter');
  check(filter.shape.length === 2 || (filter.shape.length === 4 && filter.shape[0] === 1 && filter.shape[1] === 1), 'pointwiseConv2d', `filter must be [inC, outC] or [1, 1, inC, outC], got [${filter.shape.join(', ')}]`);
  const f4 = filter.shape.length === 2 ? { shape: [1, 1, ...filter.shape], data: filter.data } : filter;
  return conv2d(x, f4, { ...opts, pad: 'valid' });
}

/** Accepts rank 3 [h, w, c] as batch 1; checks rank 4 otherwise. */
export function asBatch(x: Tensor, fn: string): Tensor {
  assertTensor(x, fn, 'x');
  check(x.shape.length === 4 || x.shape.length === 3, fn, `x must be [batch, h, w, c] or [h, w, c], got [${x.shape.join(', ')}]`);
  return x.shape.length === 3 ? { shape: [1, ...x.shape], data: x.data } : x;
}
