import { FacetsError, check } from '../../core/errors.js';

/** A histogram: Float32Array (as facets and OpenCV store them) or plain numbers. */
export type HistogramLike = Float32Array | Float64Array | readonly number[];

/** IEEE double epsilon, OpenCV's DBL_EPSILON guard in compareHist. */
const DBL_EPSILON = 2 ** -52;
const f32 = Math.fround;

/** Throws `E_NUMERIC` instead of returning NaN or Infinity (a histogram held one). */
function finite(fn: string, v: number): number {
  if (!Number.isFinite(v)) throw new FacetsError('E_NUMERIC', `${fn}: result is ${v}; a histogram holds NaN or Infinity`);
  return v;
}

function checkPair(fn: string, h1: HistogramLike, h2: HistogramLike): void {
  check(h1 != null && typeof h1.length === 'number', fn, 'first histogram is missing');
  check(h2 != null && typeof h2.length === 'number', fn, 'second histogram is missing');
  check(h1.length === h2.length, fn, `histogram sizes differ: ${h1.length} vs ${h2.length}`);
}

/**
 * OpenCV `compareHist(h1, h2, HISTCMP_CHISQR_ALT)`, the distance LBPH predicts with:
 * 2 * sum (h1-h2)^2 / (h1+h2), where the difference and the sum are formed in float32 (the C++
 * subtracts two floats) and a bin with |h1+h2| <= DBL_EPSILON adds nothing.
 * requires: equal lengths. ensures: symmetric, >= 0 for non-negative input, 0 on equal input.
 * throws: `E_BAD_ARGUMENT` on different lengths.
 */
export function chiSquareAlt(h1: HistogramLike, h2: HistogramLike): number {
  checkPair('chiSquareAlt', h1, h2);
  if (h1 instanceof Float32Array && h2 instanceof Float32Array) return finite('chiSquareAlt', chiSquareAltF32(h1, h2) * 2);
  let result = 0;
  for (let j = 0; j < h1.length; j++) {
    const a = f32(h1[j] - h2[j]);
    const b = f32(h1[j] + h2[j]);
    if (Math.abs(b) > DBL_EPSILON) result += (a * a) / b;
    else if (b !== b) result = NaN; // OpenCV's guard would skip a NaN bin silently
  }
  return finite('chiSquareAlt', result * 2);
}

/** chiSquareAlt's sum on float32 arrays: the same arithmetic, monomorphic for LBPH's predict loop. */
function chiSquareAltF32(h1: Float32Array, h2: Float32Array): number {
  let result = 0;
  for (let j = 0; j < h1.length; j++) {
    const x = h1[j];
    const y = h2[j];
    const b = f32(x + y);
    if (b > DBL_EPSILON || b < -DBL_EPSILON) {
      const a = f32(x - y);
      result += (a * a) / b;
    } else if (b !== b) result = NaN;
  }
  return result;
}

/**
 * OpenCV `compareHist(h1, h2, HISTCMP_CHISQR)`: sum (h1-h2)^2 / h1 over bins with
 * |h1| > DBL_EPSILON (Pearson's form; NOT symmetric: h1 is the reference).
 * requires: equal lengths. ensures: >= 0 when h1 >= 0, 0 on equal input.
 */
export function chiSquare(h1: HistogramLike, h2: HistogramLike): number {
  checkPair('chiSquare', h1, h2);
  let result = 0;
  for (let j = 0; j < h1.length; j++) {
    const a = f32(h1[j] - h2[j]);
    const b = h1[j];
    if (Math.abs(b) > DBL_EPSILON) result += (a * a) / b;
    else if (b !== b) result = NaN; // OpenCV's guard would skip a NaN bin silently
  }
  return finite('chiSquare', result);
}

/**
 * OpenCV `compareHist(h1, h2, HISTCMP_INTERSECT)`: sum min(h1, h2), a similarity (larger is
 * closer; 1 per cell for two identical normalised histograms).
 * requires: equal lengths. ensures: symmetric.
 */
export function histogramIntersection(h1: HistogramLike, h2: HistogramLike): number {
  checkPair('histogramIntersection', h1, h2);
  let result = 0;
  for (let j = 0; j < h1.length; j++) result += Math.min(h1[j], h2[j]);
  return finite('histogramIntersection', result);
}

/**
 * Intersection as a distance (Swain & Ballard 1991 made symmetric): sum |h1-h2| / 2, which is
 * (sum h1 + sum h2)/2 - sum min(h1, h2); for two histograms of equal mass m it is
 * m - histogramIntersection.
 * requires: equal lengths. ensures: symmetric, >= 0, 0 on equal input.
 */
export function intersectionDistance(h1: HistogramLike, h2: HistogramLike): number {
  checkPair('intersectionDistance', h1, h2);
  let result = 0;
  for (let j = 0; j < h1.length; j++) result += Math.abs(h1[j] - h2[j]);
  return finite('intersectionDistance', result / 2);
}

/**
 * Weighted chi-square of Ahonen, Hadid & Pietikäinen 2006 (TPAMI 28(12), eq. 3):
 * sum over cells j of w_j * sum over bins i of (h1-h2)^2 / (h1+h2), bins with a zero sum skipped.
 * The cells are consecutive runs of length / weights.length bins (lbpHistogram's layout), so
 * with all weights 1 this is chiSquareAlt / 2.
 * requires: equal lengths; weights finite and >= 0; length divisible by weights.length.
 * ensures: symmetric, >= 0, 0 on equal input.
 */
export function weightedChiSquare(h1: HistogramLike, h2: HistogramLike, weights: ArrayLike<number>): number {
  const fn = 'weightedChiSquare';
  checkPair(fn, h1, h2);
  check(weights != null && weights.length >= 1, fn, 'weights must hold one weight per cell');
  check(
    h1.length % weights.length === 0,
    fn,
    `histogram length ${h1.length} is not a whole number of cells for ${weights.length} weights`,
  );
  for (let c = 0; c < weights.length; c++) {
    check(Number.isFinite(weights[c]) && weights[c] >= 0, fn, `weights[${c}] must be finite and >= 0, got ${weights[c]}`);
  }
  const bins = h1.length / weights.length;
  let result = 0;
  for (let c = 0; c < weights.length; c++) {
    if (weights[c] === 0) continue;
    let cell = 0;
    for (let j = c * bins; j < (c + 1) * bins; j++) {
      const a = f32(h1[j] - h2[j]);
      const b = f32(h1[j] + h2[j]);
      if (Math.abs(b) > DBL_EPSILON) cell += (a * a) / b;
      else if (b !== b) cell = NaN;
    }
    result += weights[c] * cell;
  }
  return finite('weightedChiSquare', result);
}
