/**
 * The cpu backend's fused depthwise -> pointwise path: when the depthwise part is 3x3, multiplier
 * 1, batch 1, channels a multiple of 4, and both activations are ones the kernels fuse, the
 * depthwise output never leaves wasm memory (kernels/wasm/separable-wasm.ts). Everything else
 * returns null and the caller runs depthwiseConv2d then conv2d, which also do all argument checks.
 */
import { make, type Tensor } from '../../tensor.js';
import { computeConvInfo } from '../conv-info.js';
import { separableWasm } from '../../kernels/wasm/separable-wasm.js';
import { epilogueOf } from '../../kernels/wasm/runtime.js';
import type { ConvOptions } from '../conv2d/conv2d.js';
import type { Activation, ActivationKind } from '../names.js';

const isTensor = (t: unknown): t is Tensor =>
  typeof t === 'object' && t !== null && Array.isArray((t as Tensor).shape) && (t as Tensor).data instanceof Float32Array;

const kindOf = (a: ActivationKind | Activation | undefined): string => (typeof a === 'object' && a !== null ? a.kind : a ?? 'linear');

/**
 * pointwise(depthwise(x, dw, dwOpts), pw, pwOpts) fused, or null when this path does not apply
 * (nothing is validated or thrown here). dwOpts carries strides / pad / dilations / bias /
 * activation of the depthwise conv; pwOpts bias / activation of the 1x1 conv.
 */
export function separableCpuFused(x: Tensor, dw: Tensor, pw: Tensor, dwOpts: ConvOptions, pwOpts: Pick<ConvOptions, 'bias' | 'activation'>): Tensor | null {
  if (!isTensor(x) || !isTensor(dw) || !isTensor(pw)) return null;
  const x4 = x.shape.length === 3 ? [1, ...x.shape] : x.shape;
  if (x4.length !== 4 || x4[0] !== 1 || x.data.length !== x4[1] * x4[2] * x4[3]) return null;
  const C = x4[3];
  if (C % 4 !== 0 || dw.shape.join() !== `3,3,${C},1` || dw.data.length !== 9 * C) return null;
  if (pw.shape.length !== 4 || pw.shape[0] !== 1 || pw.shape[1] !== 1 || pw.shape[2] !== C) return null;
  const n = pw.shape[3];
  if (pw.data.length !== C * n || n < 1) return null;
  const dwAct = epilogueOf(kindOf(dwOpts.activation)), pwAct = epilogueOf(kindOf(pwOpts.activation));
  if (dwAct === null || pwAct === null) return null;
  if (dwOpts.bias !== undefined && (!isTensor(dwOpts.bias) || dwOpts.bias.data.length !== C)) return null;
  if (pwOpts.bias !== undefined && (!isTensor(pwOpts.bias) || pwOpts.bias.data.length !== n)) return null;
  let info;
  try {
    info = computeConvInfo(x4, { filterH: 3, filterW: 3, strides: dwOpts.strides ?? 1, dilations: dwOpts.dilations ?? 1, pad: dwOpts.pad ?? 'valid' }, C, 'separableConv2d');
  } catch {
    return null;
  }
  const out = make([1, info.outH, info.outW, n]);
  const depthwise = { filter: dw.data, bias: dwOpts.bias ? dwOpts.bias.data : null, act: dwAct };
  if (!separableWasm(x.data, depthwise, info, pw.data, n, pwOpts.bias ? pwOpts.bias.data : null, pwAct, out.data)) return null;
  return x.shape.length === 3 ? { shape: out.shape.slice(1), data: out.data } : out;
}
