import { FacetsError, check } from '../core/errors.js';
import { chiSquareAlt } from '../lbp/ops/distance.js';

/** Distance metrics for comparing face representations. Smaller is more alike for all four. */
export type Metric = 'cosine' | 'euclidean' | 'euclidean_l2' | 'chi-square';
export const METRICS: readonly Metric[] = ['cosine', 'euclidean', 'euclidean_l2', 'chi-square'];

type Vec = ArrayLike<number>;

function checkPair(fn: string, a: Vec, b: Vec): void {
  check(a.length === b.length, fn, `vectors differ in length: ${a.length} vs ${b.length}`);
  check(a.length > 0, fn, 'vectors are empty');
}

// A NaN or infinite component always reaches the result (NaN and Infinity propagate through the
// sums, and Math.max(0, NaN) is NaN), so checking the one result costs nothing per component.
function finiteResult(fn: string, d: number): number {
  if (!Number.isFinite(d)) throw new FacetsError('E_NUMERIC', `${fn}: the vectors hold NaN or infinite values (distance ${d})`);
  return d;
}

/** 1 - cos(a, b); in [0, 2]. A zero vector has no direction: E_NUMERIC. */
export function cosineDistance(a: Vec, b: Vec): number {
  checkPair('cosineDistance', a, b);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  if (na === 0 || nb === 0) throw new FacetsError('E_NUMERIC', 'cosineDistance: a zero vector has no direction');
  return finiteResult('cosineDistance', Math.max(0, 1 - dot / Math.sqrt(na * nb)));
}

/** Euclidean (L2) distance. */
export function euclideanDistance(a: Vec, b: Vec): number {
  checkPair('euclideanDistance', a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return finiteResult('euclideanDistance', Math.sqrt(s));
}

/** Euclidean distance after scaling both vectors to unit length; in [0, 2]. */
export function euclideanL2Distance(a: Vec, b: Vec): number {
  checkPair('euclideanL2Distance', a, b);
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  if (na === 0 || nb === 0) throw new FacetsError('E_NUMERIC', 'euclideanL2Distance: a zero vector cannot be normalised');
  const sa = 1 / Math.sqrt(na);
  const sb = 1 / Math.sqrt(nb);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! * sa - b[i]! * sb;
    s += d * d;
  }
  return finiteResult('euclideanL2Distance', Math.sqrt(s));
}

/** Symmetric chi-square of histograms: OpenCV's HISTCMP_CHISQR_ALT, the distance LBPH uses. */
export function chiSquareDistance(a: Vec, b: Vec): number {
  checkPair('chiSquareDistance', a, b);
  return chiSquareAlt(a instanceof Float32Array || a instanceof Float64Array ? a : Array.from(a), b instanceof Float32Array || b instanceof Float64Array ? b : Array.from(b));
}

/** The distance function for a metric name. */
export function distanceFn(metric: Metric): (a: Vec, b: Vec) => number {
  switch (metric) {
    case 'cosine': return cosineDistance;
    case 'euclidean': return euclideanDistance;
    case 'euclidean_l2': return euclideanL2Distance;
    case 'chi-square': return chiSquareDistance;
    default: throw new FacetsError('E_BAD_ARGUMENT', `unknown metric '${String(metric)}'; use one of ${METRICS.join(', ')}`);
  }
}

/** Throws E_NUMERIC unless every value is finite (embeddings and probabilities are checked before return). */
export function assertFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new FacetsError('E_NUMERIC', `${what}: value ${i} is ${values[i]}`);
  }
}
