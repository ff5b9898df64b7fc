/**
 * face-api.js `FaceLandmark68Net` / `FaceLandmark68TinyNet` (faceLandmarkNet/*): the dense
 * feature backbone (dense-features.ts, 112x112 input) then one fully connected layer to 136
 * values, x0, y0, x1, y1, ... of the 68 iBUG points relative to the padded square net input.
 *
 * landmarkPoints() undoes the padding the way face-api.js FaceLandmark68NetBase.postProcess
 * does (it assumes the centred padding is split evenly, |w - h| / 2 on each side).
 */
import { check } from '../../core/errors.js';
import type { Tensor } from '../tensor.js';
import { dense } from '../ops/index.js';
import type { WeightMap } from '../weights/load.js';
import { denseFeatures } from './dense-features.js';
import { makeModel, weight, type NetModel } from './model.js';

function landmarkNet(w: WeightMap, variant: 'full' | 'tiny'): NetModel<Tensor> {
  const name = variant === 'full' ? 'landmark68' : 'landmark68-tiny';
  const features = denseFeatures(w, variant);
  const fcW = weight(w, 'fc/weights', [features.channels, 136]);
  const fcB = weight(w, 'fc/bias', [136]);
  return makeModel(name, 112, (input, tap) => {
    const f = features.forward(input, name, tap);
    const out = dense(f, fcW, fcB);
    tap?.('landmarks', out);
    return out;
  });
}

/** The 68-point landmark net (weights/landmark68.*); run -> [1, 136] relative coordinates. */
export const landmark68 = (w: WeightMap): NetModel<Tensor> => landmarkNet(w, 'full');

/** The tiny 68-point landmark net (weights/landmark68-tiny.*); run -> [1, 136]. */
export const landmark68Tiny = (w: WeightMap): NetModel<Tensor> => landmarkNet(w, 'tiny');

/**
 * Pixel coordinates in the original `width` x `height` image of a landmark net output.
 * requires: output has 136 values; width, height > 0.
 * ensures: 68 [x, y] pairs; x = v * S - (S - width) / 2 with S = max(width, height) (likewise y).
 */
export function landmarkPoints(output: Tensor, width: number, height: number): [number, number][] {
  check(output.data.length === 136, 'landmarkPoints', `output must hold 136 values, got ${output.data.length}`);
  check(width > 0 && height > 0, 'landmarkPoints', `width and height must be positive, got ${width}x${height}`);
  const s = Math.max(width, height);
  const padX = (s - width) / 2, padY = (s - height) / 2;
  const pts: [number, number][] = [];
  for (let i = 0; i < 68; i++) pts.push([output.data[2 * i] * s - padX, output.data[2 * i + 1] * s - padY]);
  return pts;
}
