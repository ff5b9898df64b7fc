/**
 * face-api.js `TinyFaceDetector` (tinyFaceDetector/*, tinyYolov2/TinyYolov2Base.runMobilenet):
 * a Tiny-YOLOv2-style single-shot detector (Redmon & Farhadi 2017) with depthwise-separable
 * convolutions and one class. Output grid [1, S/32, S/32, 25] = 5 anchors x (tx, ty, tw, th,
 * objectness logit); decoding and NMS (IoU 0.4) are in detections.ts.
 *
 * Preprocessing (TinyYolov2Base.forwardInput): zero-pad bottom/right to square (not centred),
 * bilinear resize to inputSize (a multiple of 32, default 416), subtract mean RGB
 * [117.001, 114.697, 97.404], divide by 255.
 *
 * Layers: conv 3x3 valid (16) + leaky -> maxpool 2/2 same -> [sep 3x3 (pad 1) + bias + leaky,
 * maxpool 2/2 same] x 4 (32, 64, 128, 256) -> sep (512) + leaky -> maxpool 2/1 same ->
 * conv 1x1 (25).
 */
import { check } from '../../core/errors.js';
import { currentBackend } from '../backend.js';
import { make, type Tensor } from '../tensor.js';
import { leakyMixWasm } from '../kernels/wasm/elementwise-wasm.js';
import { add, conv2d, div, maxPool, mul, relu, separableConv2d, sub } from '../ops/index.js';
import type { WeightMap } from '../weights/load.js';
import { separableParams, type SeparableConv } from './dense-features.js';
import { toNetInput } from './input.js';
import { makeModel, weight, type NetModel } from './model.js';

/** Anchor (width, height) in grid cells, tinyFaceDetector/const.ts BOX_ANCHORS. */
export const TINY_FACE_ANCHORS: readonly (readonly [number, number])[] = [
  [1.603231, 2.094468], [6.041143, 7.080126], [2.882459, 3.518061], [4.266906, 5.178857], [9.041765, 10.66308],
];

const MEAN_RGB = Float32Array.from([117.001, 114.697, 97.404]);

/** 0.1 as float32, the slope face-api.js multiplies by. */
const LEAKY_SLOPE = 0.10000000149011612;

/**
 * Leaky ReLU with slope 0.1 written as face-api.js tinyYolov2/leaky.ts does,
 * relu(x - 0.1x) + 0.1x, so float32 rounding matches TF.js. On the cpu backend the four ops run
 * as one pass over x itself (leakyFaceApiCpu), which the net's own conv outputs allow; other
 * backends run the public ops.
 * mutates: x on the cpu backend (pass only a tensor nothing else reads).
 */
export function leaky(x: Tensor): Tensor {
  if (currentBackend().name === 'cpu') return leakyFaceApiCpu(x, x);
  const m = mul(x, LEAKY_SLOPE);
  return add(relu(sub(x, m)), m);
}

/**
 * relu(x - m) + m with m = 0.1x, element by element, bit for bit what the four float32 ops give,
 * written into `out` (which may be x; default a new tensor). One pass instead of four, and no
 * fresh 11 MB arrays to fault in at 416 px (issue #12: the four ops were half of
 * tiny-face-detector's time there). On the wasm SIMD kernel (leakyMixWasm) where the engine has
 * it; else a scalar loop: a product of two float32 values is exact in a double, so Math.fround
 * rounds it once; the difference and the sum round to double and then to float32 on the store,
 * and that double rounding is innocuous for + and - (Figueroa 1995).
 * requires: out.data as long as x.data. mutates: out.
 */
export function leakyFaceApiCpu(x: Tensor, out: Tensor = make(x.shape)): Tensor {
  if (leakyMixWasm(x.data, LEAKY_SLOPE, out.data)) return out;
  const s = x.data, d = out.data, n = s.length;
  for (let i = 0; i < n; i++) {
    const v = s[i];
    const m = Math.fround(v * LEAKY_SLOPE);
    const r = Math.fround(v - m);
    d[i] = (r < 0 ? 0 : r) + m;
  }
  return out;
}

function separableLeaky(x: Tensor, p: SeparableConv): Tensor {
  return leaky(separableConv2d(x, p.depthwise, p.pointwise, { pad: 1, bias: p.bias }));
}

export interface TinyFaceDetectorModel extends NetModel<Tensor> {
  /** The same net run at another input size (a multiple of 32), sharing the weights. */
  withInputSize(size: number): TinyFaceDetectorModel;
}

/** The tiny face detector (weights/tiny-face-detector.*); run -> grid [1, size/32, size/32, 25]. */
export function tinyFaceDetector(w: WeightMap, inputSize = 416): TinyFaceDetectorModel {
  check(Number.isInteger(inputSize) && inputSize >= 32 && inputSize % 32 === 0, 'tinyFaceDetector', `inputSize must be a positive multiple of 32, got ${inputSize}`);
  const conv0 = { filters: weight(w, 'conv0/filters', [3, 3, 3, 16]), bias: weight(w, 'conv0/bias', [16]) };
  const widths = [16, 32, 64, 128, 256, 512];
  const seps = widths.slice(1).map((cout, i) => separableParams(w, `conv${i + 1}`, widths[i], cout));
  const conv8 = { filters: weight(w, 'conv8/filters', [1, 1, 512, 25]), bias: weight(w, 'conv8/bias', [25]) };
  return build(inputSize);

  function build(size: number): TinyFaceDetectorModel {
    const model = makeModel('tiny-face-detector', size, (input, tap) => {
      const x = toNetInput(input, size, false, 'tiny-face-detector');
      tap?.('input', x);
      let out = div(sub(x, { shape: [3], data: MEAN_RGB }), 255);
      out = leaky(conv2d(out, conv0.filters, { pad: 'valid', bias: conv0.bias }));
      tap?.('conv0', out);
      seps.forEach((p, i) => {
        out = maxPool(out, { filterSize: 2, strides: 2, pad: 'same' });
        out = separableLeaky(out, p);
        tap?.(`conv${i + 1}`, out);
      });
      out = maxPool(out, { filterSize: 2, strides: 1, pad: 'same' });
      const grid = conv2d(out, conv8.filters, { pad: 'valid', bias: conv8.bias });
      tap?.('grid', grid);
      return grid;
    });
    return { ...model, withInputSize: (s: number) => tinyFaceDetector(w, s) };
  }
}
