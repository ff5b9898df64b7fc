/**
 * face-api.js's "FaceFeatureExtractor" backbones (faceFeatureExtractor/*), shared by the
 * 68-point landmark nets and the expression net: stacks of densely connected blocks of
 * depthwise-separable convolutions (each block halves the resolution in its first conv).
 *
 * Preprocessing (FaceFeatureExtractor.forwardInput): zero-pad to square (centred), bilinear
 * resize to 112, subtract mean RGB [122.782, 117.001, 104.298], divide by 255.
 *
 * - full (landmark68, face-expression): 4 blocks of 4 convs, 3->32->64->128->256, 112 -> 7,
 *   then avgPool 7x7/2 valid -> [1, 1, 1, 256].
 * - tiny (landmark68-tiny): 3 blocks of 3 convs, 3->32->64->128, 112 -> 14, then
 *   avgPool 14x14/2 valid -> [1, 1, 1, 128].
 */
import type { Tensor } from '../tensor.js';
import { avgPool, conv2d, separableConv2d } from '../ops/index.js';
import { elementwiseChain, type ChainStep } from '../ops/elementwise/chain.js';
import type { WeightMap } from '../weights/load.js';
import { toNetInput, type NetInput } from './input.js';
import { weight, type Tap } from './model.js';

/** A depthwise-separable conv with bias, 'same' padding (common/depthwiseSeparableConv.ts). */
export interface SeparableConv { depthwise: Tensor; pointwise: Tensor; bias: Tensor }

export function separableParams(w: WeightMap, prefix: string, cin: number, cout: number): SeparableConv {
  return {
    depthwise: weight(w, `${prefix}/depthwise_filter`, [3, 3, cin, 1]),
    pointwise: weight(w, `${prefix}/pointwise_filter`, [1, 1, cin, cout]),
    bias: weight(w, `${prefix}/bias`, [cout]),
  };
}

export function separable(x: Tensor, p: SeparableConv, stride: number, activation?: 'relu'): Tensor {
  return separableConv2d(x, p.depthwise, p.pointwise, { strides: stride, pad: 'same', bias: p.bias, activation });
}

interface DenseBlock {
  /** The first conv: a plain 3x3 conv in block 0, separable elsewhere. */
  first: { filters: Tensor; bias: Tensor } | SeparableConv;
  rest: SeparableConv[];
}

function blockParams(w: WeightMap, prefix: string, cin: number, cout: number, convs: number, isFirst: boolean): DenseBlock {
  const first = isFirst
    ? { filters: weight(w, `${prefix}/conv0/filters`, [3, 3, cin, cout]), bias: weight(w, `${prefix}/conv0/bias`, [cout]) }
    : separableParams(w, `${prefix}/conv0`, cin, cout);
  const rest: SeparableConv[] = [];
  for (let k = 1; k < convs; k++) rest.push(separableParams(w, `${prefix}/conv${k}`, cout, cout));
  return { first, rest };
}

/**
 * One dense block (faceFeatureExtractor/denseBlock.ts): out1 = relu(conv0(x, stride 2)); each
 * later conv k reads relu(out1 + ... + out_{k-1}) (the block input for conv1 is out1 itself,
 * un-re-activated), and the block returns relu(out1 + ... + outN). The sums associate to the
 * right exactly as face-api.js writes them, e.g. out1 + (out2 + (out3 + out4)). The first relu
 * is fused into conv0, each relu(sum) is one fused element-wise pass (same float operations).
 */
function denseBlock(x: Tensor, p: DenseBlock): Tensor {
  const first = 'filters' in p.first
    ? conv2d(x, p.first.filters, { strides: 2, pad: 'same', bias: p.first.bias, activation: 'relu' })
    : separable(x, p.first, 2, 'relu');
  const outs = [first];
  let input = outs[0];
  for (let k = 0; k < p.rest.length; k++) {
    outs.push(separable(input, p.rest[k], 1));
    input = reluOfSumRight(outs);
  }
  return input;
}

/** relu(ts[0] + (ts[1] + (... + ts[n-1]))): the innermost sum first, as face-api.js. requires: n >= 2. */
function reluOfSumRight(ts: Tensor[]): Tensor {
  const steps: ChainStep[] = [];
  for (let i = ts.length - 2; i >= 0; i--) steps.push({ op: 'add', operand: ts[i], activation: i === 0 ? 'relu' : undefined });
  return elementwiseChain(ts[ts.length - 1], steps);
}

const MEAN_RGB = Float32Array.from([122.782, 117.001, 104.298]);

/** Builds the backbone; `forward(input, name, tap)` returns the pooled features [1, 1, 1, C]. */
export function denseFeatures(w: WeightMap, variant: 'full' | 'tiny') {
  const widths = variant === 'full' ? [3, 32, 64, 128, 256] : [3, 32, 64, 128];
  const convs = variant === 'full' ? 4 : 3;
  const blocks = widths.slice(1).map((cout, i) => blockParams(w, `dense${i}`, widths[i], cout, convs, i === 0));
  const poolSize = variant === 'full' ? 7 : 14;
  const channels = widths[widths.length - 1];
  const forward = (input: NetInput, fn: string, tap?: Tap): Tensor => {
    const x = toNetInput(input, 112, true, fn);
    tap?.('input', x);
    let out = elementwiseChain(x, [{ op: 'sub', operand: { shape: [3], data: MEAN_RGB } }, { op: 'div', operand: 255 }]);
    blocks.forEach((b, i) => {
      out = denseBlock(out, b);
      tap?.(`dense${i}`, out);
    });
    out = avgPool(out, { filterSize: poolSize, strides: 2, pad: 'valid' });
    tap?.('avgpool', out);
    return out;
  };
  return { channels, forward };
}
