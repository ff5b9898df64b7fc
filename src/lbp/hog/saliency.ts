import type { FhogFeatures } from './fhog.js';
import type { HogFilterbank } from './filterbank.js';
import type { DlibRect } from './rect.js';

/**
 * The detector's response at every fhog position (dlib `apply_filters_to_fhog`): the sum over
 * the 31 planes of each plane correlated with its filter, the filter centred on the output cell
 * (dlib `spatially_filter_image`: rows r - rows/2 .. r + (rows-1)/2).
 *
 * Computed in double precision; dlib accumulates in float32, so scores agree to ~1e-6, not bit
 * for bit (the parity tests allow 1e-3).
 *
 * requires: feats has >= 1 row and column, filters match its 31 planes.
 * ensures: `area` is dlib's valid region (inclusive, empty when the filter does not fit), and
 *          `scores[r * cols + c]` holds the response for (r, c) inside it.
 */
export function saliency(feats: FhogFeatures, fb: HogFilterbank, planes: number): { scores: Float64Array; area: DlibRect } {
  const { rows, cols } = feats;
  const firstRow = fb.rows >> 1;
  const firstCol = fb.cols >> 1;
  const lastRow = rows - ((fb.rows - 1) >> 1);
  const lastCol = cols - ((fb.cols - 1) >> 1);
  const area: DlibRect = { left: firstCol, top: firstRow, right: lastCol - 1, bottom: lastRow - 1 };
  const scores = new Float64Array(rows * cols);
  if (lastRow <= firstRow || lastCol <= firstCol) return { scores, area };
  const planeSize = rows * cols;
  if (fb.separable) {
    const scratch = new Float64Array(planeSize);
    for (let k = 0; k < planes; k++) {
      for (const { row, col } of fb.terms[k]!) {
        separablePass(feats.planes, k * planeSize, rows, cols, row, col, firstRow, firstCol, lastRow, lastCol, scratch, scores);
      }
    }
  } else {
    for (let k = 0; k < planes; k++) {
      const filt = fb.full.subarray(k * fb.rows * fb.cols, (k + 1) * fb.rows * fb.cols);
      fullPass(feats.planes, k * planeSize, cols, filt, fb.rows, fb.cols, firstRow, firstCol, lastRow, lastCol, scores);
    }
  }
  return { scores, area };
}

/**
 * Adds one rank-1 term: rows filtered by `row` into scratch, then columns by `col` into out.
 * Filters of 10 taps (every dlib face detector filter) take an unrolled path with the taps in
 * locals; the result is the same sum in the same order.
 */
function separablePass(
  src: Float32Array,
  base: number,
  rows: number,
  cols: number,
  row: Float32Array,
  col: Float32Array,
  firstRow: number,
  firstCol: number,
  lastRow: number,
  lastCol: number,
  scratch: Float64Array,
  out: Float64Array,
): void {
  if (row.length === 10 && col.length === 10) {
    rowPass10(src, base, rows, cols, row, firstCol, lastCol, scratch);
    colPass10(scratch, cols, col, firstRow, firstCol, lastRow, lastCol, out);
    return;
  }
  const nr = row.length;
  const nc = col.length;
  for (let r = 0; r < rows; r++) {
    const o = base + r * cols - firstCol;
    for (let c = firstCol; c < lastCol; c++) {
      let acc = 0;
      for (let n = 0; n < nr; n++) acc += src[o + c + n]! * row[n]!;
      scratch[r * cols + c] = acc;
    }
  }
  for (let r = firstRow; r < lastRow; r++) {
    for (let c = firstCol; c < lastCol; c++) {
      let acc = 0;
      for (let m = 0; m < nc; m++) acc += scratch[(r - firstRow + m) * cols + c]! * col[m]!;
      out[r * cols + c] += acc;
    }
  }
}

function rowPass10(src: Float32Array, base: number, rows: number, cols: number, f: Float32Array, firstCol: number, lastCol: number, scratch: Float64Array): void {
  const f0 = f[0]!, f1 = f[1]!, f2 = f[2]!, f3 = f[3]!, f4 = f[4]!, f5 = f[5]!, f6 = f[6]!, f7 = f[7]!, f8 = f[8]!, f9 = f[9]!;
  for (let r = 0; r < rows; r++) {
    const o = base + r * cols - firstCol;
    const so = r * cols;
    for (let c = firstCol; c < lastCol; c++) {
      const i = o + c;
      scratch[so + c] =
        src[i]! * f0 + src[i + 1]! * f1 + src[i + 2]! * f2 + src[i + 3]! * f3 + src[i + 4]! * f4 +
        src[i + 5]! * f5 + src[i + 6]! * f6 + src[i + 7]! * f7 + src[i + 8]! * f8 + src[i + 9]! * f9;
    }
  }
}

function colPass10(scratch: Float64Array, cols: number, f: Float32Array, firstRow: number, firstCol: number, lastRow: number, lastCol: number, out: Float64Array): void {
  const f0 = f[0]!, f1 = f[1]!, f2 = f[2]!, f3 = f[3]!, f4 = f[4]!, f5 = f[5]!, f6 = f[6]!, f7 = f[7]!, f8 = f[8]!, f9 = f[9]!;
  for (let r = firstRow; r < lastRow; r++) {
    const o = (r - firstRow) * cols;
    for (let c = firstCol; c < lastCol; c++) {
      const i = o + c;
      out[r * cols + c]! +=
        scratch[i]! * f0 + scratch[i + cols]! * f1 + scratch[i + 2 * cols]! * f2 + scratch[i + 3 * cols]! * f3 +
        scratch[i + 4 * cols]! * f4 + scratch[i + 5 * cols]! * f5 + scratch[i + 6 * cols]! * f6 +
        scratch[i + 7 * cols]! * f7 + scratch[i + 8 * cols]! * f8 + scratch[i + 9 * cols]! * f9;
    }
  }
}

/** Adds one full-filter correlation into out. */
function fullPass(
  src: Float32Array,
  base: number,
  cols: number,
  filt: Float32Array,
  fr: number,
  fc: number,
  firstRow: number,
  firstCol: number,
  lastRow: number,
  lastCol: number,
  out: Float64Array,
): void {
  for (let r = firstRow; r < lastRow; r++) {
    for (let c = firstCol; c < lastCol; c++) {
      let acc = 0;
      for (let m = 0; m < fr; m++) {
        const o = base + (r - firstRow + m) * cols + c - firstCol;
        for (let n = 0; n < fc; n++) acc += src[o + n]! * filt[m * fc + n]!;
      }
      out[r * cols + c] += acc;
    }
  }
}
