import { check } from '../../core/errors.js';
import { assertImage, type Image } from '../../image/image.js';
import { colourRow, gradientNorms, greyRow, orientationBins } from './gradient.js';

/**
 * Felzenszwalb HOG features, bit-exact with dlib 19.24 `extract_fhog_features`
 * (`dlib/image_transforms/fhog.h`, the x86 SSE2 build; Felzenszwalb et al. 2010 PAMI sec. 6.2).
 *
 * Planes are float32 and zero-padded exactly as dlib pads them for a filter of
 * `filterRows x filterCols` cells: `(filterRows-1)/2` rows on top, `filterRows/2` at the bottom.
 */
export interface FhogFeatures {
  /** Rows of each plane (`hogRows + filterRows - 1`, or 0 for an image too small). */
  rows: number;
  /** Columns of each plane. */
  cols: number;
  /** 31 planes, plane-major: `planes[(k * rows + r) * cols + c]`. */
  planes: Float32Array;
}

/** Number of fhog planes: 18 signed + 9 unsigned orientations + 4 gradient energies. */
export const FHOG_PLANES = 31;

/**
 * Computes dlib's 31-plane fhog of an 8-bit image.
 * For RGB(A) the gradient of the channel with the largest gradient is used per pixel (alpha is
 * ignored); for grey the single channel.
 * requires: cellSize an integer >= 2 (dlib's cell_size 1 path is a different algorithm);
 *           filterRows, filterCols >= 1.
 * ensures: planes sized `(cellsR - 2 + filterRows - 1) x (cellsC - 2 + filterCols - 1)` where
 *          `cellsR = round(height / cellSize)`; an image under 3 cells gives rows = cols = 0.
 */
export function extractFhog(img: Image, cellSize = 8, filterRows = 1, filterCols = 1): FhogFeatures {
  assertImage(img, 'extractFhog');
  check(Number.isInteger(cellSize) && cellSize >= 2 && cellSize <= 64, 'extractFhog', `cellSize must be an integer in 2..64, got ${cellSize}`);
  check(Number.isInteger(filterRows) && filterRows >= 1 && filterRows <= 1024, 'extractFhog', `filterRows must be an integer in 1..1024, got ${filterRows}`);
  check(Number.isInteger(filterCols) && filterCols >= 1 && filterCols <= 1024, 'extractFhog', `filterCols must be an integer in 1..1024, got ${filterCols}`);
  const f = Math.fround;
  const { width, height } = img;
  // fhog.h: (int)((float)nr/(float)cell_size + 0.5)
  const cellsR = Math.trunc(f(height / cellSize) + 0.5);
  const cellsC = Math.trunc(f(width / cellSize) + 0.5);
  const hogR = Math.max(cellsR - 2, 0);
  const hogC = Math.max(cellsC - 2, 0);
  if (hogR === 0 || hogC === 0) return { rows: 0, cols: 0, planes: new Float32Array(0) };

  const hist = gradientHistograms(img, cellSize, cellsR, cellsC);
  const norm = cellEnergy(hist, cellsR, cellsC);
  const rows = hogR + filterRows - 1;
  const cols = hogC + filterCols - 1;
  const planes = new Float32Array(FHOG_PLANES * rows * cols);
  normalise(hist, norm, cellsC, hogR, hogC, planes, rows, cols, (filterRows - 1) >> 1, (filterCols - 1) >> 1);
  return { rows, cols, planes };
}

/**
 * 18-bin orientation histograms per cell with bilinear voting, padded by one cell all round:
 * `hist[((r + 1) * (cellsC + 2) + c + 1) * 18 + o]` for cell (r, c).
 */
function gradientHistograms(img: Image, cellSize: number, cellsR: number, cellsC: number): Float32Array {
  const f = Math.fround;
  const { width, height, channels, data } = img;
  const hc = cellsC + 2;
  const hist = new Float32Array((cellsR + 2) * hc * 18);
  const visibleR = Math.min(cellsR * cellSize, height) - 1;
  const visibleC = Math.min(cellsC * cellSize, width) - 1;
  const bins = orientationBins();
  const roots = gradientNorms();

  // Per column: dlib's x interpolation weights (the SIMD and scalar formulas give the same
  // float values for these x) and whether x lies in an 8-wide SIMD block, which changes the
  // rounding order of the vote (vy * (vx * v) there, (vy * vx) * v in the scalar tail) and the
  // colour tie-break of the gradient.
  let simdEnd = 1;
  while (simdEnd < visibleC - 7) simdEnd += 8;
  simdEnd = Math.min(simdEnd, Math.max(visibleC, 1));
  const ix = new Int32Array(width);
  const vx0 = new Float32Array(width);
  const vx1 = new Float32Array(width);
  for (let x = 1; x < visibleC; x++) {
    const xp = f((x + 0.5) / cellSize - 0.5);
    const i = Math.floor(xp);
    ix[x] = i + 1;
    vx0[x] = f(xp - i);
    vx1[x] = f(1 - vx0[x]!);
  }
  const ori = new Uint8Array(width);
  const mag = new Float32Array(width);

  for (let y = 1; y < visibleR; y++) {
    if (channels === 1) greyRow(data, y, width, visibleC, bins, roots, ori, mag);
    else colourRow(data, y, width, channels, visibleC, simdEnd, bins, roots, ori, mag);
    const yp = f((y + 0.5) / cellSize - 0.5);
    const iyp = Math.floor(yp);
    const vy0 = f(yp - iyp);
    const vy1 = f(1 - vy0);
    const row0 = (iyp + 1) * hc;
    const row1 = row0 + hc;
    // Float32Array stores round each sum to float32, as dlib's float `+=` does.
    for (let x = 1; x < simdEnd; x++) {
      const o = ori[x]!;
      const v = mag[x]!;
      const a = f(vx1[x]! * v);
      const b = f(vx0[x]! * v);
      const c0 = ix[x]!;
      hist[(row0 + c0) * 18 + o] += f(vy1 * a);
      hist[(row1 + c0) * 18 + o] += f(vy0 * a);
      hist[(row0 + c0 + 1) * 18 + o] += f(vy1 * b);
      hist[(row1 + c0 + 1) * 18 + o] += f(vy0 * b);
    }
    for (let x = simdEnd; x < visibleC; x++) {
      const o = ori[x]!;
      const v = mag[x]!;
      const c0 = ix[x]!;
      hist[(row0 + c0) * 18 + o] += f(f(vy1 * vx1[x]!) * v);
      hist[(row1 + c0) * 18 + o] += f(f(vy0 * vx1[x]!) * v);
      hist[(row0 + c0 + 1) * 18 + o] += f(f(vy1 * vx0[x]!) * v);
      hist[(row1 + c0 + 1) * 18 + o] += f(f(vy0 * vx0[x]!) * v);
    }
  }
  return hist;
}

/** Energy of each cell: sum over the 9 unsigned orientations of (h[o] + h[o+9])^2, in float32. */
function cellEnergy(hist: Float32Array, cellsR: number, cellsC: number): Float32Array {
  const f = Math.fround;
  const norm = new Float32Array(cellsR * cellsC);
  const hc = cellsC + 2;
  for (let r = 0; r < cellsR; r++) {
    for (let c = 0; c < cellsC; c++) {
      const h = ((r + 1) * hc + c + 1) * 18;
      let n = 0;
      for (let o = 0; o < 9; o++) {
        const s = f(hist[h + o]! + hist[h + o + 9]!);
        n = f(n + f(s * s));
      }
      norm[r * cellsC + c] = n;
    }
  }
  return norm;
}

const EPS = Math.fround(0.0001);
const POINT_2 = Math.fround(0.2);
const POINT_1 = Math.fround(0.1);
// fhog.h: t *= 2*0.2357, a double constant converted to float for the simd4f product.
const TEXTURE_SCALE = Math.fround(2 * 0.2357);

/**
 * Block normalisation and truncation at 0.2 (Felzenszwalb et al. 2010 eq. 5-6) with dlib's
 * lane order: lane k of dlib's simd4f uses the k-th of the 4 blocks around the cell, and its
 * SSE2 horizontal sum is (l0 + l2) + (l1 + l3).
 */
function normalise(
  hist: Float32Array,
  norm: Float32Array,
  cellsC: number,
  hogR: number,
  hogC: number,
  planes: Float32Array,
  rows: number,
  cols: number,
  rowOffset: number,
  colOffset: number,
): void {
  const f = Math.fround;
  const hc = cellsC + 2;
  const planeSize = rows * cols;
  const nn = new Float64Array(4);
  const n = new Float64Array(4);
  const t = new Float64Array(4);
  const lane = new Float64Array(4);
  for (let y = 0; y < hogR; y++) {
    for (let x = 0; x < hogC; x++) {
      const a = y * cellsC + x; // norm[y][x]
      const n00 = norm[a]!;
      const n01 = norm[a + 1]!;
      const n02 = norm[a + 2]!;
      const n10 = norm[a + cellsC]!;
      const n11 = norm[a + cellsC + 1]!;
      const n12 = norm[a + cellsC + 2]!;
      const n20 = norm[a + 2 * cellsC]!;
      const n21 = norm[a + 2 * cellsC + 1]!;
      const n22 = norm[a + 2 * cellsC + 2]!;
      // z1..z4 of fhog.h, lane by lane.
      blockNorm(nn, n, 0, n11, n12, n21, n22);
      blockNorm(nn, n, 1, n01, n02, n11, n12);
      blockNorm(nn, n, 2, n10, n11, n20, n21);
      blockNorm(nn, n, 3, n00, n01, n10, n11);
      t[0] = t[1] = t[2] = t[3] = 0;
      const h = ((y + 2) * hc + x + 2) * 18;
      const out = (y + rowOffset) * cols + x + colOffset;
      for (let o = 0; o < 18; o += 3) {
        for (let k = 0; k < 4; k++) {
          const h0 = f(Math.min(hist[h + o]!, nn[k]!) * n[k]!);
          const h1 = f(Math.min(hist[h + o + 1]!, nn[k]!) * n[k]!);
          const h2 = f(Math.min(hist[h + o + 2]!, nn[k]!) * n[k]!);
          t[k] = f(t[k]! + f(f(h0 + h1) + h2));
        }
        for (let j = 0; j < 3; j++) {
          const v = hist[h + o + j]!;
          for (let k = 0; k < 4; k++) lane[k] = f(Math.min(v, nn[k]!) * n[k]!);
          planes[(o + j) * planeSize + out] = f(f(lane[0]! + lane[2]!) + f(lane[1]! + lane[3]!));
        }
      }
      for (let o = 0; o < 9; o++) {
        const v = f(hist[h + o]! + hist[h + o + 9]!);
        for (let k = 0; k < 4; k++) lane[k] = f(Math.min(v, nn[k]!) * n[k]!);
        planes[(18 + o) * planeSize + out] = f(f(lane[0]! + lane[2]!) + f(lane[1]! + lane[3]!));
      }
      for (let k = 0; k < 4; k++) planes[(27 + k) * planeSize + out] = f(t[k]! * TEXTURE_SCALE);
    }
  }
}

/** nn = 0.2 * sqrt(a + b + c + d + eps) and n = 0.1 / nn for one lane, summed left to right. */
function blockNorm(nn: Float64Array, n: Float64Array, k: number, a: number, b: number, c: number, d: number): void {
  const f = Math.fround;
  const s = f(f(f(f(a + b) + c) + d) + EPS);
  const v = f(POINT_2 * f(Math.sqrt(s)));
  nn[k] = v;
  n[k] = f(POINT_1 / v);
}
