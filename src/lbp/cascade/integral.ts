/**
 * Integral images in OpenCV's `integral(img, sum, sqsum, tilted, CV_32S, CV_32S)` layout:
 * `(h+1) x (w+1)` entries with a zero first row and column, written into a caller buffer with
 * row stride `stride` (elements) at element offset `base`. Values are int32 and wrap modulo 2^32
 * exactly like OpenCV's `int` accumulators; a window sum taken as `(a - b - c + d) | 0` (or
 * `>>> 0` for squares) is then exact whenever the true window sum fits 32 bits.
 */

/**
 * Sum (and optionally sum of squares) integral of an 8-bit plane.
 * requires: stride >= w+1, buffers hold base + (h+1)*stride entries.
 * ensures: sum[base + Y*stride + X] = sum of src[y*w + x] over y < Y, x < X (mod 2^32).
 */
export function integralSums(src: ArrayLike<number>, w: number, h: number, sum: Int32Array, sq: Int32Array | null, stride: number, base: number): void {
  for (let x = 0; x <= w; x++) sum[base + x] = 0;
  if (sq) for (let x = 0; x <= w; x++) sq[base + x] = 0;
  for (let y = 0; y < h; y++) {
    const row = base + (y + 1) * stride;
    const prev = row - stride;
    const s0 = y * w;
    sum[row] = 0;
    let s = 0;
    if (sq) {
      sq[row] = 0;
      let q = 0;
      for (let x = 0; x < w; x++) {
        const v = src[s0 + x]!;
        s = (s + v) | 0;
        q = (q + v * v) | 0;
        sum[row + x + 1] = (sum[prev + x + 1]! + s) | 0;
        sq[row + x + 1] = (sq[prev + x + 1]! + q) | 0;
      }
    } else {
      for (let x = 0; x < w; x++) {
        s = (s + src[s0 + x]!) | 0;
        sum[row + x + 1] = (sum[prev + x + 1]! + s) | 0;
      }
    }
  }
}

/**
 * Rotated (45 degree) integral of Lienhart & Maydt 2002, OpenCV's `tilted` output:
 * `tilted(X, Y) = sum of src(x, y) over y < Y, |x - X + 1| <= Y - y - 1`.
 * The recurrence T(X,Y) = T(X-1,Y-1) + T(X+1,Y-1) - T(X,Y-2) + I(X-1,Y-1) + I(X-1,Y-2)
 * (two overlapping upper triangles, minus their overlap, plus the two apex pixels) needs
 * columns outside 0..w, so it runs on a band widened by h+1 columns each side.
 * requires: as integralSums. ensures: the definition above, mod 2^32.
 */
export function integralTilted(src: ArrayLike<number>, w: number, h: number, out: Int32Array, stride: number, base: number): void {
  const pad = h + 1;
  const ew = w + 1 + 2 * pad; // columns X = -pad .. w+pad
  let r2 = new Int32Array(ew), r1 = new Int32Array(ew), r0 = new Int32Array(ew);
  for (let x = 0; x <= w; x++) out[base + x] = 0; // Y = 0
  // r1 holds row Y-1, r2 row Y-2; row Y = 0 is all zero.
  for (let Y = 1; Y <= h; Y++) {
    const y1 = Y - 1, y2 = Y - 2;
    for (let e = 0; e < ew; e++) {
      const X = e - pad;
      let v = (e > 0 ? r1[e - 1]! : 0) + (e + 1 < ew ? r1[e + 1]! : 0) - r2[e]!;
      const px = X - 1;
      if (px >= 0 && px < w) {
        v += src[y1 * w + px]!;
        if (y2 >= 0) v += src[y2 * w + px]!;
      }
      r0[e] = v | 0;
    }
    const row = base + Y * stride;
    for (let X = 0; X <= w; X++) out[row + X] = r0[X + pad]!;
    const t = r2; r2 = r1; r1 = r0; r0 = t;
  }
}
