import { assertGray, type Image } from './image.js';

/**
 * Summed-area tables of a grey image, `(height+1) x (width+1)`, row-major, first row and column
 * zero (cv::integral layout): `sum[y*(width+1)+x]` is the sum of pixels above and left of (x, y).
 * Float64 holds every sum exactly (up to 2^53).
 */
export interface Integral {
  width: number;
  height: number;
  sum: Float64Array;
  sqsum: Float64Array;
}

/** Sum and squared-sum integral images. requires: gray.channels === 1. */
export function integralImage(gray: Image): Integral {
  assertGray(gray, 'integralImage');
  const w = gray.width;
  const h = gray.height;
  const W = w + 1;
  const sum = new Float64Array(W * (h + 1));
  const sqsum = new Float64Array(W * (h + 1));
  const d = gray.data;
  for (let y = 0; y < h; y++) {
    let rs = 0;
    let rq = 0;
    const row = (y + 1) * W;
    for (let x = 0; x < w; x++) {
      const v = d[y * w + x]!;
      rs += v;
      rq += v * v;
      sum[row + x + 1] = sum[row - W + x + 1]! + rs;
      sqsum[row + x + 1] = sqsum[row - W + x + 1]! + rq;
    }
  }
  return { width: W, height: h + 1, sum, sqsum };
}

/** Sum of the pixels in the rectangle [x, x+width) x [y, y+height) from an integral table. */
export function rectSum(table: Float64Array, stride: number, x: number, y: number, width: number, height: number): number {
  const a = y * stride + x;
  const b = (y + height) * stride + x;
  return table[b + width]! - table[b]! - table[a + width]! + table[a]!;
}
