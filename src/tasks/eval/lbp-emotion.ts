import { FacetsError } from '../../core/errors.js';
import { toGray } from '../../image/gray.js';
import type { Image } from '../../image/image.js';
import { lbpHistogram, type LbpHistogramOptions } from '../../lbp/ops/histogram.js';
import { predictNearestCentroid, predictSoftmax, trainNearestCentroid, trainSoftmax, type NearestCentroid, type Softmax } from './classifiers.js';

/**
 * The LBP route to facial expression of Shan, Gong & McOwan 2009 (Image and Vision Computing
 * 27(6)): LBP-u2 codes (8 neighbours on a radius-1 circle, 59 bins), histogrammed per cell of a
 * grid over the face and concatenated; a classifier trained on those vectors.
 *
 * Grid: Shan et al. cut their 110x150 faces into 6x7 = 42 regions of about 18x21 pixels. The
 * FER2013 faces are 48x48 (a 46x46 code image at radius 1); a 6x6 grid keeps cells of 7x7
 * codes, about as many codes per bin as 59 bins allow (49 per cell) without the histograms
 * turning to noise.
 */
export const LBP_EMOTION_FEATURES: Readonly<LbpHistogramOptions> = { radius: 1, neighbors: 8, mapping: 'u2', gridX: 6, gridY: 6 };

/** Classifiers of the LBP baseline. */
export type LbpClassifier = 'softmax' | 'centroid';
export const LBP_CLASSIFIERS: readonly LbpClassifier[] = ['softmax', 'centroid'];

/** The LBP-u2 spatial histogram of a face (grey conversion first), `options` overriding the defaults. */
export function lbpEmotionFeatures(face: Image, options: LbpHistogramOptions = LBP_EMOTION_FEATURES): Float32Array {
  return lbpHistogram(toGray(face), { ...LBP_EMOTION_FEATURES, ...options });
}

/**
 * For the linear classifier, the square root of each bin (Hellinger map): histogram bins are
 * counts whose variance grows with the mean, and the root evens that out before standardising.
 */
function hellinger(h: Float32Array): Float32Array {
  return h.map(Math.sqrt);
}

/** A trained LBP expression model (plain data) and its predictor. */
export interface LbpEmotionModel { classifier: LbpClassifier; features: LbpHistogramOptions; model: NearestCentroid | Softmax }

/**
 * Trains the baseline on `faces` with labels in 0..classes-1.
 * ensures: deterministic (the linear classifier's SGD uses a fixed seed).
 * throws: E_BAD_ARGUMENT on empty or mismatched input.
 */
export function trainLbpEmotion(faces: readonly Image[], labels: readonly number[], classes: number, classifier: LbpClassifier = 'softmax'): LbpEmotionModel {
  if (!LBP_CLASSIFIERS.includes(classifier)) throw new FacetsError('E_BAD_ARGUMENT', `trainLbpEmotion: classifier must be one of ${LBP_CLASSIFIERS.join(', ')}, got ${String(classifier)}`);
  const x = faces.map((f) => lbpEmotionFeatures(f));
  const model = classifier === 'centroid'
    ? trainNearestCentroid({ x, y: labels, classes })
    : trainSoftmax({ x: x.map(hellinger), y: labels, classes });
  return { classifier, features: LBP_EMOTION_FEATURES, model };
}

/** The predicted class of one face. */
export function predictLbpEmotion(m: LbpEmotionModel, face: Image): number {
  const h = lbpEmotionFeatures(face, m.features);
  return m.model.kind === 'nearest-centroid' ? predictNearestCentroid(m.model, h) : predictSoftmax(m.model, hellinger(h));
}
