import { FacetsError, check } from '../core/errors.js';
import { assertImage, type Image } from '../image/image.js';
import { distanceFn, METRICS, type Metric } from './metrics.js';
import { represent, type ModelName, type RepresentOptions } from './represent.js';
import type { Face } from './types.js';

/**
 * Decision thresholds per model and metric: two faces are the same person when distance <
 * threshold. dlib-resnet + euclidean is dlib's published 0.6 (LFW agrees: best 0.619). The
 * others are the best-accuracy thresholds over all 1,800 pairs of LFW folds 1-3
 * (../shared/data/lfw/pairs_dev_folds1-3.csv) with the default pipeline (hog detector, ert
 * alignment); `facets eval lfw --model M --metric X` reproduces them (its `threshold` field).
 * faceres (slow: ~0.9 s per face) was tuned on 300 of those pairs (`--per-fold 100`). Human's
 * mobilefacenet, fed 0..1 RGB as published, barely separates people (cosine distances ~1e-4,
 * 62.8% on LFW): its threshold is what LFW gives, not a recommendation.
 */
export const DEFAULT_THRESHOLDS: Record<ModelName, Partial<Record<Metric, number>>> = {
  'dlib-resnet': { euclidean: 0.6, euclidean_l2: 0.42, cosine: 0.088 },
  lbph: { 'chi-square': 82.7 },
  mobilefacenet: { cosine: 0.0000921 },
  faceres: { cosine: 0.461 },
};

/** The metric each model is compared with unless the caller picks one. */
export const DEFAULT_METRIC: Record<ModelName, Metric> = {
  'dlib-resnet': 'euclidean',
  lbph: 'chi-square',
  mobilefacenet: 'cosine',
  faceres: 'cosine',
};

export interface VerifyOptions extends RepresentOptions {
  metric?: Metric;
  /** Overrides the default threshold; must be finite. */
  threshold?: number;
}

export interface VerifyResult {
  verified: boolean;
  distance: number;
  threshold: number;
  model: ModelName;
  metric: Metric;
  /** The face used from each image (the best detection). */
  faces: [Face, Face];
  timeMs: number;
}

/** The default threshold for a model and metric. throws: E_BAD_ARGUMENT when there is none. */
export function defaultThreshold(model: ModelName, metric: Metric): number {
  const t = DEFAULT_THRESHOLDS[model]?.[metric];
  if (t === undefined) throw new FacetsError('E_BAD_ARGUMENT', `verify: no default threshold for model '${model}' with metric '${metric}'; pass threshold`);
  return t;
}

/**
 * Whether two images show the same person: each image's best face is represented and the two
 * representations compared; verified when distance < threshold.
 * throws: E_NO_FACE when an image has no face (unless enforceDetection is false).
 */
export async function verify(img1: Image, img2: Image, options: VerifyOptions = {}): Promise<VerifyResult> {
  const t0 = performance.now();
  assertImage(img1, 'verify');
  assertImage(img2, 'verify');
  const model = options.model ?? 'dlib-resnet';
  const metric = options.metric ?? DEFAULT_METRIC[model] ?? 'euclidean';
  check(METRICS.includes(metric), 'verify', `metric must be one of ${METRICS.join(', ')}, got ${String(metric)}`);
  if (options.threshold !== undefined) check(Number.isFinite(options.threshold), 'verify', `threshold must be a finite number, got ${options.threshold}`);
  const threshold = options.threshold ?? defaultThreshold(model, metric);
  const [a, b] = [await represent(img1, options), await represent(img2, options)];
  const distance = distanceFn(metric)(a[0]!.embedding, b[0]!.embedding);
  return { verified: distance < threshold, distance, threshold, model, metric, faces: [a[0]!.face, b[0]!.face], timeMs: performance.now() - t0 };
}
