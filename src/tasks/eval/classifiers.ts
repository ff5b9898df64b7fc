import { FacetsError, check } from '../../core/errors.js';
import { chiSquareAlt } from '../../lbp/ops/distance.js';

/**
 * Two small, deterministic classifiers over fixed-length feature vectors (histograms), for the
 * classic baselines of the evaluations: no dependency, no randomness beyond a seeded PRNG.
 */

/** Labelled training data: `x[i]` has class `y[i]` in 0..classes-1; all rows the same length. */
export interface TrainingSet { x: readonly Float32Array[]; y: readonly number[]; classes: number }

function checkSet(fn: string, s: TrainingSet): number {
  check(Number.isInteger(s.classes) && s.classes >= 2, fn, `classes must be an integer >= 2, got ${s.classes}`);
  check(s.x.length > 0 && s.x.length === s.y.length, fn, `need as many labels as rows (> 0), got ${s.x.length} rows and ${s.y.length} labels`);
  const d = s.x[0]!.length;
  check(d > 0 && s.x.every((r) => r.length === d), fn, 'every row must have the same, non-zero length');
  check(s.y.every((c) => Number.isInteger(c) && c >= 0 && c < s.classes), fn, `labels must be integers in 0..${s.classes - 1}`);
  for (const r of s.x) for (let j = 0; j < d; j++) if (!Number.isFinite(r[j]!)) throw new FacetsError('E_NUMERIC', `${fn}: features must be finite`);
  return d;
}

/** The mean histogram of each class; a class with no examples keeps an all-zero centroid. */
export interface NearestCentroid { kind: 'nearest-centroid'; centroids: Float32Array[] }

/**
 * Class means of the training rows. Prediction picks the centroid nearest in the symmetric
 * chi-square distance (OpenCV HISTCMP_CHISQR_ALT), the histogram dissimilarity Ahonen et al.
 * 2006 and Shan et al. 2009 use for LBP template matching.
 */
export function trainNearestCentroid(s: TrainingSet): NearestCentroid {
  const d = checkSet('trainNearestCentroid', s);
  const sums = Array.from({ length: s.classes }, () => new Float64Array(d));
  const counts = new Array<number>(s.classes).fill(0);
  s.x.forEach((r, i) => {
    const c = s.y[i]!;
    counts[c]!++;
    for (let j = 0; j < d; j++) sums[c]![j]! += r[j]!;
  });
  return { kind: 'nearest-centroid', centroids: sums.map((v, c) => Float32Array.from(v, (t) => (counts[c] ? t / counts[c]! : 0))) };
}

/** ensures: index of the nearest centroid (the lowest index on ties). */
export function predictNearestCentroid(m: NearestCentroid, x: Float32Array): number {
  check(x.length === m.centroids[0]!.length, 'predictNearestCentroid', `features must have length ${m.centroids[0]!.length}, got ${x.length}`);
  let best = 0;
  let bestD = Infinity;
  m.centroids.forEach((c, k) => {
    const dist = chiSquareAlt(c, x);
    if (dist < bestD) {
      best = k;
      bestD = dist;
    }
  });
  return best;
}

/** Multinomial logistic regression on standardised features. */
export interface Softmax { kind: 'softmax'; mean: Float32Array; scale: Float32Array; weights: Float32Array[]; bias: Float32Array }

export interface SoftmaxOptions { epochs?: number; learningRate?: number; l2?: number; seed?: number }

/** mulberry32: a tiny seeded PRNG; enough for shuffling. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function standardise(m: Pick<Softmax, 'mean' | 'scale'>, x: Float32Array, out: Float64Array): void {
  for (let j = 0; j < x.length; j++) out[j] = (x[j]! - m.mean[j]!) * m.scale[j]!;
}

function scores(m: Softmax, z: Float64Array, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < m.weights.length; c++) {
    const w = m.weights[c]!;
    let s = m.bias[c]!;
    for (let j = 0; j < z.length; j++) s += w[j]! * z[j]!;
    out[c] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let c = 0; c < out.length; c++) sum += (out[c] = Math.exp(out[c]! - max));
  for (let c = 0; c < out.length; c++) out[c]! /= sum;
}

/**
 * Softmax regression trained by plain SGD (one example at a time, order shuffled each epoch
 * by a seeded PRNG, step learningRate/(1+epoch), L2 weight decay). Features are centred and
 * scaled by the training set's mean and standard deviation first.
 * ensures: the same inputs and options give bit-identical models.
 * Defaults: 8 epochs, learning rate 0.01, l2 1e-2 (chosen on FER2013: 1e-3 gave 36.7%, 1e-2 37.7% on PublicTest), seed 42.
 */
export function trainSoftmax(s: TrainingSet, o: SoftmaxOptions = {}): Softmax {
  const d = checkSet('trainSoftmax', s);
  const epochs = o.epochs ?? 8;
  const lr0 = o.learningRate ?? 0.01;
  const l2 = o.l2 ?? 1e-2;
  check(Number.isInteger(epochs) && epochs >= 1 && lr0 > 0 && l2 >= 0, 'trainSoftmax', `need integer epochs >= 1, learningRate > 0, l2 >= 0; got ${epochs}, ${lr0}, ${l2}`);
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (const r of s.x) for (let j = 0; j < d; j++) mean[j]! += r[j]!;
  for (let j = 0; j < d; j++) mean[j]! /= s.x.length;
  for (const r of s.x) for (let j = 0; j < d; j++) sq[j]! += (r[j]! - mean[j]!) ** 2;
  // Bins that never vary (e.g. always empty) get scale 0 and so no weight; so do bins whose
  // spread is below 1e-12, whose float32 reciprocal would overflow to Infinity (and 0 * Inf = NaN).
  const scale = Float32Array.from(sq, (v) => (Math.sqrt(v / s.x.length) > 1e-12 ? 1 / Math.sqrt(v / s.x.length) : 0));
  const m: Softmax = { kind: 'softmax', mean: Float32Array.from(mean), scale, weights: Array.from({ length: s.classes }, () => new Float32Array(d)), bias: new Float32Array(s.classes) };
  const rand = prng(o.seed ?? 42);
  const order = s.x.map((_, i) => i);
  const z = new Float64Array(d);
  const p = new Float64Array(s.classes);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const k = Math.floor(rand() * (i + 1));
      [order[i], order[k]] = [order[k]!, order[i]!];
    }
    const lr = lr0 / (1 + e);
    const decay = 1 - lr * l2;
    for (const i of order) {
      standardise(m, s.x[i]!, z);
      scores(m, z, p);
      for (let c = 0; c < s.classes; c++) {
        const g = p[c]! - (c === s.y[i] ? 1 : 0); // d(cross-entropy)/d(score_c)
        const w = m.weights[c]!;
        for (let j = 0; j < d; j++) w[j] = w[j]! * decay - lr * g * z[j]!;
        m.bias[c]! -= lr * g;
      }
    }
  }
  return m;
}

/** ensures: the class with the highest probability (the lowest index on ties). */
export function predictSoftmax(m: Softmax, x: Float32Array): number {
  check(x.length === m.mean.length, 'predictSoftmax', `features must have length ${m.mean.length}, got ${x.length}`);
  const z = new Float64Array(x.length);
  const p = new Float64Array(m.weights.length);
  standardise(m, x, z);
  scores(m, z, p);
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return best;
}
