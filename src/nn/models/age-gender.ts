/**
 * face-api.js `AgeGenderNet` (ageGenderNet/*, xception/TinyXception.ts): a small Xception
 * (Chollet 2017) with 2 middle-flow blocks, then avgPool 7x7/2 valid and two fully connected
 * heads: age (512 -> 1, regressed years) and gender (512 -> 2, softmax over [male, female]).
 *
 * Preprocessing (TinyXception.forwardInput): zero-pad to square (centred), bilinear resize to
 * 112, subtract mean RGB [122.782, 117.001, 104.298], divide by 255.
 *
 * entry: conv 3x3/2 (32) + relu -> reduction(64, input not re-activated) -> reduction(128);
 * middle: 2 x [relu, sep, relu, sep, relu, sep] + residual; exit: reduction(256) -> sep(512)
 * + relu. A reduction block is relu?, sep, relu, sep, maxPool 3x3/2 same, plus a 1x1/2 conv
 * shortcut of its input.
 */
import type { Tensor } from '../tensor.js';
import { add, avgPool, conv2d, dense, div, maxPool, relu, softmax, sub } from '../ops/index.js';
import type { WeightMap } from '../weights/load.js';
import { separable, separableParams, type SeparableConv } from './dense-features.js';
import { toNetInput } from './input.js';
import { makeModel, weight, type NetModel } from './model.js';

interface Reduction { sep0: SeparableConv; sep1: SeparableConv; expansion: { filters: Tensor; bias: Tensor } }

function reductionParams(w: WeightMap, prefix: string, cin: number, cout: number): Reduction {
  return {
    sep0: separableParams(w, `${prefix}/separable_conv0`, cin, cout),
    sep1: separableParams(w, `${prefix}/separable_conv1`, cout, cout),
    expansion: { filters: weight(w, `${prefix}/expansion_conv/filters`, [1, 1, cin, cout]), bias: weight(w, `${prefix}/expansion_conv/bias`, [cout]) },
  };
}

function reduction(x: Tensor, p: Reduction, activateInput: boolean): Tensor {
  let out = separable(activateInput ? relu(x) : x, p.sep0, 1);
  out = separable(relu(out), p.sep1, 1);
  out = maxPool(out, { filterSize: 3, strides: 2, pad: 'same' });
  return add(out, conv2d(x, p.expansion.filters, { strides: 2, pad: 'same', bias: p.expansion.bias }));
}

function mainBlock(x: Tensor, p: SeparableConv[]): Tensor {
  let out = x;
  for (const s of p) out = separable(relu(out), s, 1);
  return add(out, x);
}

const MEAN_RGB = Float32Array.from([122.782, 117.001, 104.298]);

/** The age/gender net (weights/age-gender.*); run -> { age: [1], gender: [1, 2] softmax [male, female] }. */
export function ageGender(w: WeightMap): NetModel<{ age: Tensor; gender: Tensor }> {
  const convIn = { filters: weight(w, 'entry_flow/conv_in/filters', [3, 3, 3, 32]), bias: weight(w, 'entry_flow/conv_in/bias', [32]) };
  const red0 = reductionParams(w, 'entry_flow/reduction_block_0', 32, 64);
  const red1 = reductionParams(w, 'entry_flow/reduction_block_1', 64, 128);
  const middle = [0, 1].map((i) => [0, 1, 2].map((k) => separableParams(w, `middle_flow/main_block_${i}/separable_conv${k}`, 128, 128)));
  const exitRed = reductionParams(w, 'exit_flow/reduction_block', 128, 256);
  const exitSep = separableParams(w, 'exit_flow/separable_conv', 256, 512);
  const ageW = weight(w, 'fc/age/weights', [512, 1]), ageB = weight(w, 'fc/age/bias', [1]);
  const genderW = weight(w, 'fc/gender/weights', [512, 2]), genderB = weight(w, 'fc/gender/bias', [2]);

  return makeModel('age-gender', 112, (input, tap) => {
    const x = toNetInput(input, 112, true, 'age-gender');
    tap?.('input', x);
    let out = div(sub(x, { shape: [3], data: MEAN_RGB }), 255);
    out = relu(conv2d(out, convIn.filters, { strides: 2, pad: 'same', bias: convIn.bias }));
    tap?.('entry_flow/conv_in', out);
    out = reduction(out, red0, false);
    tap?.('entry_flow/reduction_block_0', out);
    out = reduction(out, red1, true);
    tap?.('entry_flow/reduction_block_1', out);
    middle.forEach((p, i) => {
      out = mainBlock(out, p);
      tap?.(`middle_flow/main_block_${i}`, out);
    });
    out = reduction(out, exitRed, true);
    tap?.('exit_flow/reduction_block', out);
    out = relu(separable(out, exitSep, 1));
    tap?.('exit_flow/separable_conv', out);
    const pooled = avgPool(out, { filterSize: 7, strides: 2, pad: 'valid' });
    tap?.('avgpool', pooled);
    const ageOut = dense(pooled, ageW, ageB);
    const age = { shape: [1], data: ageOut.data };
    const gender = softmax(dense(pooled, genderW, genderB));
    tap?.('age', age);
    tap?.('gender', gender);
    return { age, gender };
  });
}
