import { check } from '../../core/errors.js';
import { createImage, type GrayImage } from '../../image/image.js';
import type { LbpCodeImage } from './lbp-image.js';

/**
 * The code image as grey pixels a person can look at: label l of `bins` becomes
 * round(255 * l / (bins - 1)), so 0 is black and the last label white (raw 8-neighbour codes
 * keep their value).
 * ensures: width, height as the code image; channels 1.
 */
export function lbpCodesToImage(codes: LbpCodeImage): GrayImage {
  const fn = 'lbpCodesToImage';
  check(codes != null && codes.codes != null, fn, 'expected an LbpCodeImage from lbpImage');
  check(codes.codes.length === codes.width * codes.height, fn, `codes has ${codes.codes.length} entries, expected ${codes.width}x${codes.height}`);
  check(Number.isInteger(codes.bins) && codes.bins >= 1, fn, `bins must be a positive integer, got ${codes.bins}`);
  const img = createImage(codes.width, codes.height, 1) as GrayImage;
  const scale = codes.bins > 1 ? 255 / (codes.bins - 1) : 0;
  for (let k = 0; k < codes.codes.length; k++) img.data[k] = Math.round(codes.codes[k] * scale);
  return img;
}

/** Options of {@link histogramBarsImage}. */
export interface HistogramBarsOptions {
  /** Cells across and down, as the histogram was built. */
  gridX: number;
  gridY: number;
  /** Pixel width of one cell's panel. Default min(bins, 256); several bins share a column by max. */
  panelWidth?: number;
  /** Pixel height of one cell's panel. Default 48. */
  panelHeight?: number;
  /** `global` (default): one scale for all cells so they compare; `cell`: each cell's max fills it. */
  scale?: 'global' | 'cell';
}

/**
 * The spatial histogram as a picture: gridY x gridX panels in the layout of the face, each with
 * its cell's bins as white bars from the bottom on black, panels separated by 1-pixel grey
 * (128) lines.
 * requires: hist.length divisible by gridX*gridY; panel sizes integers in 1..4096.
 * ensures: width = gridX*(panelWidth+1)+1, height = gridY*(panelHeight+1)+1, channels 1.
 */
export function histogramBarsImage(hist: ArrayLike<number>, options: HistogramBarsOptions): GrayImage {
  const fn = 'histogramBarsImage';
  check(hist != null && typeof hist.length === 'number', fn, 'expected a histogram array');
  const { gridX, gridY } = options;
  check(Number.isInteger(gridX) && gridX >= 1 && Number.isInteger(gridY) && gridY >= 1, fn, `gridX and gridY must be integers >= 1, got ${gridX}, ${gridY}`);
  const cells = gridX * gridY;
  check(hist.length > 0 && hist.length % cells === 0, fn, `histogram length ${hist.length} is not a whole number of bins for ${gridX}x${gridY} cells`);
  const bins = hist.length / cells;
  const pw = options.panelWidth ?? Math.min(bins, 256);
  const ph = options.panelHeight ?? 48;
  check(Number.isInteger(pw) && pw >= 1 && pw <= 4096, fn, `panelWidth must be an integer in 1..4096, got ${pw}`);
  check(Number.isInteger(ph) && ph >= 1 && ph <= 4096, fn, `panelHeight must be an integer in 1..4096, got ${ph}`);
  const width = gridX * (pw + 1) + 1;
  const height = gridY * (ph + 1) + 1;
  const img = createImage(width, height, 1) as GrayImage;
  for (let y = 0; y < height; y += ph + 1) img.data.fill(128, y * width, (y + 1) * width);
  for (let x = 0; x < width; x += pw + 1) for (let y = 0; y < height; y++) img.data[y * width + x] = 128;
  let globalMax = 0;
  for (let k = 0; k < hist.length; k++) {
    check(Number.isFinite(hist[k]) && hist[k] >= 0, fn, `histogram[${k}] must be finite and >= 0, got ${hist[k]}`);
    globalMax = Math.max(globalMax, hist[k]);
  }
  const column = new Float64Array(pw);
  for (let cell = 0; cell < cells; cell++) {
    const base = cell * bins;
    column.fill(0);
    let cellMax = 0;
    for (let b = 0; b < bins; b++) {
      const x = Math.floor((b * pw) / bins);
      const v = hist[base + b];
      // Where bins outnumber columns, a column shows its largest bin; where columns outnumber
      // bins, a bin spans several columns.
      const x1 = Math.max(x + 1, Math.floor(((b + 1) * pw) / bins));
      for (let c = x; c < x1; c++) column[c] = Math.max(column[c], v);
      cellMax = Math.max(cellMax, v);
    }
    const max = options.scale === 'cell' ? cellMax : globalMax;
    const ox = (cell % gridX) * (pw + 1) + 1;
    const oy = Math.floor(cell / gridX) * (ph + 1) + 1;
    for (let c = 0; c < pw; c++) {
      const h = max > 0 ? Math.round((column[c] / max) * ph) : 0;
      for (let r = 0; r < h; r++) img.data[(oy + ph - 1 - r) * width + ox + c] = 255;
    }
  }
  return img;
}
