import { FacetsError, check } from '../../core/errors.js';
import type { Image } from '../../image/image.js';
import { lbpImage, type LbpCodeImage } from './lbp-image.js';
import { mappingBins } from './mapping.js';
import { resolveLbpOptions, type LbpOptions } from './options.js';

/** Options of {@link lbpHistogram}: the operator's plus the grid. */
export interface LbpHistogramOptions extends LbpOptions {
  /** Cells across (integer >= 1). Default 8, as OpenCV's LBPH. */
  gridX?: number;
  /** Cells down (integer >= 1). Default 8. */
  gridY?: number;
}

/** Cap on gridX*gridY*bins: 2^24 floats (64 MiB) per histogram. */
export const MAX_HISTOGRAM_LENGTH = 2 ** 24;

/**
 * Spatial histogram of a code image, laid out as OpenCV's LBPH `spatial_histogram` does:
 * cells of floor(width/gridX) x floor(height/gridY) codes from the top-left (the remainder at
 * the right and bottom is ignored), visited row by row, each cell's `bins` counts divided by the
 * cell's code count (histc normed: `result /= total`), concatenated -> gridY*gridX*bins floats.
 *
 * requires: gridX, gridY integers >= 1; gridX*gridY*codes.bins <= MAX_HISTOGRAM_LENGTH.
 * ensures: each non-empty cell sums to 1 (up to float rounding); a cell with no codes (grid
 *   finer than the code image) is all zeros, where OpenCV would divide 0 by 0.
 */
export function spatialHistogram(codes: LbpCodeImage, gridX: number, gridY: number): Float32Array {
  const fn = 'spatialHistogram';
  checkGrid(fn, gridX, gridY, codes.bins);
  const { width, height, bins } = codes;
  const cellW = Math.floor(width / gridX);
  const cellH = Math.floor(height / gridY);
  const out = new Float32Array(gridX * gridY * bins);
  const total = cellW * cellH;
  if (total === 0) return out;
  const counts = new Uint32Array(bins);
  // OpenCV scales the float counts by (float)(1.0/total) in convertTo (alpha is cast to the
  // float work type), which is not always the correctly rounded count/total.
  const scale = Math.fround(1 / total);
  let cell = 0;
  for (let gy = 0; gy < gridY; gy++) {
    for (let gx = 0; gx < gridX; gx++) {
      counts.fill(0);
      for (let y = gy * cellH; y < (gy + 1) * cellH; y++) {
        const row = y * width;
        for (let x = gx * cellW; x < (gx + 1) * cellW; x++) counts[codes.codes[row + x]]++;
      }
      const base = cell * bins;
      for (let b = 0; b < bins; b++) out[base + b] = counts[b] * scale;
      cell++;
    }
  }
  return out;
}

/**
 * LBP spatial histogram of a grey image: `spatialHistogram(lbpImage(gray, opts), gridX, gridY)`.
 * With the defaults (radius 1, 8 neighbours, 8x8 grid, mapping `none`) this is the 16,384-float
 * vector OpenCV's LBPHFaceRecognizer stores per training image.
 * requires: as {@link lbpImage} and {@link spatialHistogram}.
 * throws: `E_BAD_ARGUMENT` for bad images/options, `E_TOO_LARGE` past MAX_HISTOGRAM_LENGTH.
 */
export function lbpHistogram(gray: Image, options?: LbpHistogramOptions): Float32Array {
  const gridX = options?.gridX ?? 8;
  const gridY = options?.gridY ?? 8;
  // Fail on options and the size cap before any pixel work.
  const opts = resolveLbpOptions('lbpHistogram', options);
  checkGrid('lbpHistogram', gridX, gridY, mappingBins(opts.mapping, opts.neighbors));
  return spatialHistogram(lbpImage(gray, opts), gridX, gridY);
}

function checkGridShape(fn: string, gridX: number, gridY: number): void {
  check(Number.isInteger(gridX) && gridX >= 1, fn, `gridX must be an integer >= 1, got ${String(gridX)}`);
  check(Number.isInteger(gridY) && gridY >= 1, fn, `gridY must be an integer >= 1, got ${String(gridY)}`);
}

/** Throws unless the grid is valid and the histogram fits the cap. */
export function checkGrid(fn: string, gridX: number, gridY: number, bins: number): void {
  checkGridShape(fn, gridX, gridY);
  const length = gridX * gridY * bins;
  if (length > MAX_HISTOGRAM_LENGTH) {
    throw new FacetsError(
      'E_TOO_LARGE',
      `${fn}: histogram of ${gridX}x${gridY} cells x ${bins} bins = ${length} floats exceeds the cap of ${MAX_HISTOGRAM_LENGTH} (MAX_HISTOGRAM_LENGTH)`,
    );
  }
}
