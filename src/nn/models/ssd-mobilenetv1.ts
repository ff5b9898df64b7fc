/**
 * face-api.js `SsdMobilenetv1` (ssdMobilenetv1/*): SSD (Liu et al. 2016) on a MobileNetV1
 * backbone (Howard et al. 2017), one face class, 5118 anchors over 6 feature maps
 * (32x32x3 + 16x16x6 + 8x8x6 + 4x4x6 + 2x2x6 + 1x1x6). run() returns every decoded box and
 * its sigmoid score before NMS; detections.ts selects them (NMS IoU 0.5).
 *
 * Preprocessing (SsdMobilenetv1.forwardInput): zero-pad bottom/right to square (not centred),
 * bilinear resize to 512, then x / 127.5 - 1.
 *
 * Backbone: conv 3x3/2 (32) + bias + relu6, then 13 pairs [depthwise 3x3 (stride 2 at pairs 2,
 * 4, 6, 12) + batch norm + relu6, pointwise 1x1 + bias + relu6]. Extra layers (prediction
 * layer conv_0..7) alternate 1x1 and 3x3/2 convs. Box predictors read pair 11, pair 13 and the
 * outputs of extra convs 1, 3, 5, 7. Box encodings are decoded against the anchors
 * (Output/extra_dim) with the TF Object Detection API variances 10, 10, 5, 5.
 */
import type { Tensor } from '../tensor.js';
import { add, foldBatchNormDepthwise, concat, conv2d, depthwiseConv2d, div, exp, mul, reshape, sigmoid, slice, sub } from '../ops/index.js';
import type { WeightMap } from '../weights/load.js';
import { toNetInput } from './input.js';
import { makeModel, weight, type NetModel } from './model.js';
import { elementwiseChain } from '../ops/elementwise/chain.js';
import { depthwisePointwise } from '../ops/depthwise/depthwise.js';

const BN_EPSILON = 0.0010000000474974513;
const NUM_ANCHORS = 5118;

interface Pointwise { filters: Tensor; offset: Tensor }

function pointwiseParams(w: WeightMap, prefix: string, k: number, cin: number, cout: number): Pointwise {
  return { filters: weight(w, `${prefix}/weights`, [k, k, cin, cout]), offset: weight(w, `${prefix}/convolution_bn_offset`, [cout]) };
}

/** conv 'same' + offset + relu6 (ssdMobilenetv1/pointwiseConvLayer.ts; also used for 3x3). */
function pointwise(x: Tensor, p: Pointwise, stride: number): Tensor {
  return conv2d(x, p.filters, { strides: stride, pad: 'same', bias: p.offset, activation: 'relu6' });
}

/** The SSD face detector (weights/ssd-mobilenetv1.*); run -> { boxes [5118, 4] (ymin, xmin, ymax, xmax relative), scores [5118] }. */
export function ssdMobilenetv1(w: WeightMap): NetModel<{ boxes: Tensor; scores: Tensor }> {
  const widths = [32, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024];
  const conv0 = pointwiseParams(w, 'MobilenetV1/Conv2d_0_pointwise', 3, 3, 32);
  const pairs = widths.slice(1).map((cout, i) => {
    const idx = i + 1, cin = widths[i], dw = `MobilenetV1/Conv2d_${idx}_depthwise`;
    // Batch norm folded into the depthwise filter and a bias once at load time, so inference runs
    // one fused depthwise + bias + relu6 kernel instead of five element-wise passes per layer.
    const depthwise = foldBatchNormDepthwise(weight(w, `${dw}/depthwise_weights`, [3, 3, cin, 1]), undefined, {
      mean: weight(w, `${dw}/BatchNorm/moving_mean`, [cin]),
      variance: weight(w, `${dw}/BatchNorm/moving_variance`, [cin]),
      offset: weight(w, `${dw}/BatchNorm/beta`, [cin]),
      scale: weight(w, `${dw}/BatchNorm/gamma`, [cin]),
      epsilon: BN_EPSILON,
    });
    return {
      stride: [2, 4, 6, 12].includes(idx) ? 2 : 1,
      depthwise,
      pointwise: pointwiseParams(w, `MobilenetV1/Conv2d_${idx}_pointwise`, 1, cin, cout),
    };
  });
  // Extra feature layers: [kernel, in, out, stride].
  const extraSpec: Array<[number, number, number, number]> = [
    [1, 1024, 256, 1], [3, 256, 512, 2], [1, 512, 128, 1], [3, 128, 256, 2],
    [1, 256, 128, 1], [3, 128, 256, 2], [1, 256, 64, 1], [3, 64, 128, 2],
  ];
  const extras = extraSpec.map(([k, cin, cout, stride], i) => ({ stride, p: pointwiseParams(w, `Prediction/Conv2d_${i}_pointwise`, k, cin, cout) }));
  const predIn = [512, 1024, 512, 256, 256, 128];
  const predictors = predIn.map((cin, i) => {
    const anchors = i === 0 ? 3 : 6;
    const base = `Prediction/BoxPredictor_${i}`;
    return {
      boxW: weight(w, `${base}/BoxEncodingPredictor/weights`, [1, 1, cin, anchors * 4]),
      boxB: weight(w, `${base}/BoxEncodingPredictor/biases`, [anchors * 4]),
      clsW: weight(w, `${base}/ClassPredictor/weights`, [1, 1, cin, anchors * 3]),
      clsB: weight(w, `${base}/ClassPredictor/biases`, [anchors * 3]),
    };
  });
  const anchors = weight(w, 'Output/extra_dim', [1, NUM_ANCHORS, 4]);
  const anchorCols = [0, 1, 2, 3].map((c) => slice({ shape: [NUM_ANCHORS, 4], data: anchors.data }, [0, c], [NUM_ANCHORS, 1]));

  return makeModel('ssd-mobilenetv1', 512, (input, tap) => {
    const x = toNetInput(input, 512, false, 'ssd-mobilenetv1');
    tap?.('input', x);
    let out = pointwise(elementwiseChain(x, [{ op: 'div', operand: 127.5 }, { op: 'sub', operand: 1 }]), conv0, 2);
    tap?.('conv_0', out);
    let conv11 = out;
    pairs.forEach((p, i) => {
      // depthwise + bias + relu6 then 1x1 + offset + relu6, fused on the cpu backend.
      out = depthwisePointwise(out, p.depthwise.filter, p.pointwise.filters,
        { strides: p.stride, pad: 'same', bias: p.depthwise.bias, activation: 'relu6' },
        { bias: p.pointwise.offset, activation: 'relu6' });
      if (i + 1 === 11) conv11 = out;
      tap?.(`conv_${i + 1}`, out);
    });
    const extraOuts: Tensor[] = [];
    let e = out;
    for (const { stride, p } of extras) {
      e = pointwise(e, p, stride);
      extraOuts.push(e);
    }
    const sources = [conv11, out, extraOuts[1], extraOuts[3], extraOuts[5], extraOuts[7]];
    const boxParts: Tensor[] = [], clsParts: Tensor[] = [];
    sources.forEach((s, i) => {
      const p = predictors[i];
      boxParts.push(reshape(conv2d(s, p.boxW, { pad: 'same', bias: p.boxB }), [-1, 4]));
      clsParts.push(reshape(conv2d(s, p.clsW, { pad: 'same', bias: p.clsB }), [-1, 3]));
    });
    const enc = concat(boxParts, 0);
    const cls = concat(clsParts, 0);
    tap?.('box_encodings', enc);
    tap?.('class_predictions', cls);
    const boxes = decodeBoxes(anchorCols, enc);
    const scores = reshape(sigmoid(slice(cls, [0, 1], [NUM_ANCHORS, 1])), [NUM_ANCHORS]);
    tap?.('boxes', boxes);
    tap?.('scores', scores);
    return { boxes, scores };
  });
}

/**
 * SSD box decoding (ssdMobilenetv1/outputLayer.ts decodeBoxesLayer), with the same op order:
 * size = a2 - a0, centre = a0 + size / 2; half = exp(t / 5) * size / 2; mid = t / 10 * size + centre.
 */
function decodeBoxes(a: Tensor[], enc: Tensor): Tensor {
  const t = [0, 1, 2, 3].map((c) => slice(enc, [0, c], [NUM_ANCHORS, 1]));
  const sizes = [sub(a[2], a[0]), sub(a[3], a[1])];
  const centers = [add(a[0], div(sizes[0], 2)), add(a[1], div(sizes[1], 2))];
  const half0 = div(mul(exp(div(t[2], 5)), sizes[0]), 2);
  const mid0 = add(mul(div(t[0], 10), sizes[0]), centers[0]);
  const half1 = div(mul(exp(div(t[3], 5)), sizes[1]), 2);
  const mid1 = add(mul(div(t[1], 10), sizes[1]), centers[1]);
  return concat([sub(mid0, half0), sub(mid1, half1), add(mid0, half0), add(mid1, half1)], 1);
}
