/**
 * face-api.js `FaceExpressionNet` (faceExpressionNet/*): the full dense feature backbone
 * (dense-features.ts, 112x112 input, same preprocessing as landmark68) then a fully connected
 * layer 256 -> 7 and a softmax.
 */
import type { Tensor } from '../tensor.js';
import { dense, softmax } from '../ops/index.js';
import type { WeightMap } from '../weights/load.js';
import { denseFeatures } from './dense-features.js';
import { makeModel, weight, type NetModel } from './model.js';

/** Class order of the output (faceExpressionNet/FaceExpressions.ts). */
export const FACE_EXPRESSIONS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;

/** The expression net (weights/face-expression.*); run -> [1, 7] probabilities in FACE_EXPRESSIONS order. */
export function faceExpression(w: WeightMap): NetModel<Tensor> {
  const features = denseFeatures(w, 'full');
  const fcW = weight(w, 'fc/weights', [256, 7]);
  const fcB = weight(w, 'fc/bias', [7]);
  return makeModel('face-expression', 112, (input, tap) => {
    const logits = dense(features.forward(input, 'face-expression', tap), fcW, fcB);
    tap?.('logits', logits);
    const p = softmax(logits);
    tap?.('probabilities', p);
    return p;
  });
}
