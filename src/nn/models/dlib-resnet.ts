/**
 * dlib's face recognition ResNet (dlib_face_recognition_resnet_model_v1, a ResNet-34 variant
 * with 29 conv layers, King 2017) as ported to TF.js by face-api.js `FaceRecognitionNet`:
 * 150x150 RGB face chip -> 128-D descriptor (same person when L2 distance < 0.6).
 *
 * Preprocessing (face-api.js FaceRecognitionNet.forwardInput): zero-pad to square (centred),
 * bilinear resize to 150, subtract mean RGB [122.782, 117.001, 104.298], divide by 255.
 *
 * Layers: conv 7x7/2 valid (32) -> maxpool 3/2 valid -> 3 residual(32) -> residualDown(64) +
 * 3 residual(64) -> residualDown(128) + 2 residual(128) -> residualDown(256) + 2 residual(256)
 * -> residualDown(256) -> global mean -> fc 256x128. Each conv is conv + bias, then dlib's
 * affine "scale" layer (x * weights + biases, a folded batch norm), then relu.
 */
import type { Tensor } from '../tensor.js';
import { avgPool, conv2d, matMul, maxPool, mean, pad } from '../ops/index.js';
import { elementwiseChain } from '../ops/elementwise/chain.js';
import type { WeightMap } from '../weights/load.js';
import { toNetInput, type NetInput } from './input.js';
import { makeModel, weight, type NetModel, type Tap } from './model.js';

interface ConvScale { filters: Tensor; bias: Tensor; scale: Tensor; shift: Tensor }
interface Residual { conv1: ConvScale; conv2: ConvScale }

const MEAN_RGB = [122.782, 117.001, 104.298];

function convScale(w: WeightMap, prefix: string, k: number, cin: number, cout: number): ConvScale {
  return {
    filters: weight(w, `${prefix}/conv/filters`, [k, k, cin, cout]),
    bias: weight(w, `${prefix}/conv/bias`, [cout]),
    scale: weight(w, `${prefix}/scale/weights`, [cout]),
    shift: weight(w, `${prefix}/scale/biases`, [cout]),
  };
}

function residualParams(w: WeightMap, prefix: string, cin: number, cout: number): Residual {
  return { conv1: convScale(w, `${prefix}/conv1`, 3, cin, cout), conv2: convScale(w, `${prefix}/conv2`, 3, cout, cout) };
}

/**
 * conv + bias, then the scale layer (x * weights + biases), then relu when `withRelu`, then
 * `shortcut` added and relu'd when given; face-api.js faceRecognitionNet/convLayer.ts and
 * residualLayer.ts. The element-wise tail is one fused pass with the same float operations.
 */
function convLayer(x: Tensor, p: ConvScale, stride: number, withRelu: boolean, padding: 'same' | 'valid', shortcut?: Tensor): Tensor {
  const y = conv2d(x, p.filters, { strides: stride, pad: padding, bias: p.bias });
  return elementwiseChain(y, [
    { op: 'mul', operand: p.scale },
    { op: 'add', operand: p.shift, activation: withRelu ? 'relu' : undefined },
    ...(shortcut ? [{ op: 'add' as const, operand: shortcut, activation: 'relu' as const }] : []),
  ]);
}

/** relu(convLayer2(convLayer1(x)) + x). */
function residual(x: Tensor, p: Residual): Tensor {
  return convLayer(convLayer(x, p.conv1, 1, true, 'same'), p.conv2, 1, false, 'same', x);
}

/**
 * Downsampling residual: the shortcut is a 2x2/2 average pool whose extra channels are zeros;
 * when the strided 'valid' conv path comes out one pixel smaller than the pooled shortcut
 * (odd sizes), face-api.js appends a zero row and column to it (residualLayer.ts).
 */
function residualDown(x: Tensor, p: Residual): Tensor {
  let y = convLayer(convLayer(x, p.conv1, 2, true, 'valid'), p.conv2, 1, false, 'same');
  let pooled = avgPool(x, { filterSize: 2, strides: 2, pad: 'valid' });
  if (pooled.shape[1] !== y.shape[1] || pooled.shape[2] !== y.shape[2]) {
    y = pad(y, [[0, 0], [0, 1], [0, 1], [0, 0]]);
  }
  const extra = y.shape[3] - pooled.shape[3];
  if (extra > 0) pooled = pad(pooled, [[0, 0], [0, 0], [0, 0], [0, extra]]);
  return elementwiseChain(pooled, [{ op: 'add', operand: y, activation: 'relu' }]);
}

/**
 * Builds the descriptor net from converted weights (weights/dlib-resnet.*).
 * ensures: run(input) resolves to a [1, 128] descriptor; throws E_BAD_WEIGHTS if a tensor is
 * missing or misshapen.
 */
export function dlibResnet(w: WeightMap): NetModel<Tensor> {
  const down = convScale(w, 'conv32_down', 7, 3, 32);
  const blocks: Array<[string, Residual, boolean]> = [
    ['conv32_1', residualParams(w, 'conv32_1', 32, 32), false],
    ['conv32_2', residualParams(w, 'conv32_2', 32, 32), false],
    ['conv32_3', residualParams(w, 'conv32_3', 32, 32), false],
    ['conv64_down', residualParams(w, 'conv64_down', 32, 64), true],
    ['conv64_1', residualParams(w, 'conv64_1', 64, 64), false],
    ['conv64_2', residualParams(w, 'conv64_2', 64, 64), false],
    ['conv64_3', residualParams(w, 'conv64_3', 64, 64), false],
    ['conv128_down', residualParams(w, 'conv128_down', 64, 128), true],
    ['conv128_1', residualParams(w, 'conv128_1', 128, 128), false],
    ['conv128_2', residualParams(w, 'conv128_2', 128, 128), false],
    ['conv256_down', residualParams(w, 'conv256_down', 128, 256), true],
    ['conv256_1', residualParams(w, 'conv256_1', 256, 256), false],
    ['conv256_2', residualParams(w, 'conv256_2', 256, 256), false],
    ['conv256_down_out', residualParams(w, 'conv256_down_out', 256, 256), true],
  ];
  const fc = weight(w, 'fc', [256, 128]);

  const forward = (input: NetInput, tap?: Tap): Tensor => {
    const x = toNetInput(input, 150, true, 'dlib-resnet');
    tap?.('input', x);
    const normalized = elementwiseChain(x, [{ op: 'sub', operand: { shape: [3], data: Float32Array.from(MEAN_RGB) } }, { op: 'div', operand: 255 }]);
    let out = convLayer(normalized, down, 2, true, 'valid');
    tap?.('conv32_down', out);
    out = maxPool(out, { filterSize: 3, strides: 2, pad: 'valid' });
    tap?.('maxpool', out);
    for (const [name, p, isDown] of blocks) {
      out = isDown ? residualDown(out, p) : residual(out, p);
      tap?.(name, out);
    }
    const pooled = mean(out, [1, 2]);
    tap?.('global_mean', pooled);
    const descriptor = matMul(pooled, fc);
    tap?.('descriptor', descriptor);
    return descriptor;
  };
  return makeModel('dlib-resnet', 150, forward);
}
