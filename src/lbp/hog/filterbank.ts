import { svdJacobi } from './svd.js';

/**
 * The filters one dlib HOG detector runs (`scan_fhog_pyramid::build_fhog_filterbank`): one
 * filter per fhog plane, either as the full float32 matrix or, when cheaper, as a sum of
 * separable rank-1 terms from its SVD, dropping singular values below
 * max(1e-4, 0.001 * largest). dlib scores with whichever form it picks, so facets must too: the
 * separable form is an approximation of the full filter.
 */
export interface HogFilterbank {
  /** Filter rows (cells). */
  rows: number;
  /** Filter columns (cells). */
  cols: number;
  /** True when dlib would use the separable terms (it does for the frontal face detector). */
  separable: boolean;
  /** Full filters, plane-major row-major float32: `full[(k * rows + r) * cols + c]`. */
  full: Float32Array;
  /** Per plane, its rank-1 terms: `col` (length rows) and `row` (length cols), float32. */
  terms: { col: Float32Array; row: Float32Array }[][];
}

/**
 * Builds the filterbank from a detector's weight vector `w` (dlib `processed_weight_vector`):
 * plane k is `w[k*rows*cols ...]` reshaped row-major to rows x cols.
 * requires: w.length >= planes * rows * cols, entries finite.
 * ensures: `separable` follows dlib's rule: full filters when the number of rank-1 terms exceeds
 *          planes * min(rows, cols) / 3.
 */
export function buildFilterbank(w: Float64Array, planes: number, rows: number, cols: number): HogFilterbank {
  const size = rows * cols;
  const full = new Float32Array(planes * size);
  const terms: { col: Float32Array; row: Float32Array }[][] = [];
  let count = 0;
  for (let k = 0; k < planes; k++) {
    const f = w.subarray(k * size, (k + 1) * size);
    full.set(f, k * size);
    const tall = rows >= cols;
    // svdJacobi wants rows >= cols; a wide filter is decomposed transposed.
    const a = tall ? f : transpose(f, rows, cols);
    const { s, u, v } = svdJacobi(a, tall ? rows : cols, tall ? cols : rows);
    const n = s.length;
    const thresh = Math.max(1e-4, s[0]! * 0.001);
    const planeTerms: { col: Float32Array; row: Float32Array }[] = [];
    for (let j = 0; j < n; j++) {
      if (!(s[j]! >= thresh)) continue;
      const r = Math.sqrt(s[j]!);
      const left = Float32Array.from({ length: tall ? rows : cols }, (_, i) => u[i * n + j]! * r);
      const right = Float32Array.from({ length: tall ? cols : rows }, (_, i) => v[i * n + j]! * r);
      planeTerms.push(tall ? { col: left, row: right } : { col: right, row: left });
    }
    count += planeTerms.length;
    terms.push(planeTerms);
  }
  // scan_fhog_pyramid.h apply_filters_to_fhog: separable unless it has more terms than this.
  const separable = !(count > (planes * Math.min(rows, cols)) / 3.0);
  return { rows, cols, separable, full, terms };
}

function transpose(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c]!;
  return t;
}
