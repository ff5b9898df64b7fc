/**
 * Pixel gradients and orientation bins for fhog, bit-exact with dlib 19.24
 * (`dlib/image_transforms/fhog.h`, `impl_fhog::get_gradient` and the 18-way orientation snap).
 *
 * dlib computes each gradient twice in different ways depending on whether the pixel falls in
 * its 8-wide SIMD block or in the scalar tail of a row; the two differ only in how colour
 * channels with equal gradient energy are tie-broken, which this module reproduces.
 */

/**
 * dlib's 9 unit vectors (fhog.h `directions`), stored as float32 like dlib's
 * `matrix<float,2,1>`; they are 20-degree steps rounded to 4 decimals.
 */
const DIRECTIONS = Float32Array.from([
  1.0, 0.0, 0.9397, 0.342, 0.766, 0.6428, 0.5, 0.866, 0.1736, 0.9848, -0.1736, 0.9848, -0.5, 0.866, -0.766, 0.6428,
  -0.9397, 0.342,
]);

/** Gradients of 8-bit images lie in -255..255: one table entry per (gx, gy). */
const SPAN = 511;
let orientationTable: Uint8Array | null = null;

/**
 * The orientation bin (0..17) of gradient (gx, gy): the direction with the largest float32
 * dot product, its opposite counting as bin o+9; ties keep the earlier bin, and a zero gradient
 * gives bin 0. Every product and sum is rounded to float32 as dlib's float SSE2 code does.
 */
function snapOrientation(gx: number, gy: number): number {
  const f = Math.fround;
  let best = 0;
  let bestO = 0;
  for (let o = 0; o < 9; o++) {
    const dot = f(f(gx * DIRECTIONS[2 * o]!) + f(gy * DIRECTIONS[2 * o + 1]!));
    if (dot > best) {
      best = dot;
      bestO = o;
    } else if (-dot > best) {
      best = -dot;
      bestO = o + 9;
    }
  }
  return bestO;
}

/**
 * Lookup table of `snapOrientation` over all 8-bit gradients, built once (261,121 entries).
 * ensures: table[(gy + 255) * 511 + (gx + 255)] === snapOrientation(gx, gy).
 */
export function orientationBins(): Uint8Array {
  if (orientationTable) return orientationTable;
  const t = new Uint8Array(SPAN * SPAN);
  for (let gy = -255; gy <= 255; gy++) {
    for (let gx = -255; gx <= 255; gx++) t[(gy + 255) * SPAN + gx + 255] = snapOrientation(gx, gy);
  }
  orientationTable = t;
  return t;
}

/** Index into `orientationBins()` for gradient (gx, gy). */
export function binIndex(gx: number, gy: number): number {
  return (gy + 255) * SPAN + gx + 255;
}

/**
 * Writes the strongest-channel gradient of an interleaved RGB(A) pixel into out[0..2] as
 * (gx, gy, squared length). `simd` selects dlib's SIMD tie-break (a tie goes to the later
 * channel: `select(rlen > glen, red, green)` then `select(tlen > blen, t, blue)`) instead of
 * the scalar one (a tie keeps the earlier channel: `if (v2 > len)`, `if (v3 > len)`).
 * requires: the pixel at index p has neighbours at p +- 1 pixel and p +- 1 row.
 */
export function rgbGradient(
  d: Uint8ClampedArray,
  p: number,
  pixelStride: number,
  rowStride: number,
  simd: boolean,
  out: Int32Array,
): void {
  const l = p - pixelStride;
  const r = p + pixelStride;
  const t = p - rowStride;
  const b = p + rowStride;
  let gx = d[r]! - d[l]!;
  let gy = d[b]! - d[t]!;
  let len = gx * gx + gy * gy;
  const gx2 = d[r + 1]! - d[l + 1]!;
  const gy2 = d[b + 1]! - d[t + 1]!;
  const len2 = gx2 * gx2 + gy2 * gy2;
  const gx3 = d[r + 2]! - d[l + 2]!;
  const gy3 = d[b + 2]! - d[t + 2]!;
  const len3 = gx3 * gx3 + gy3 * gy3;
  if (simd) {
    if (!(len > len2)) {
      gx = gx2;
      gy = gy2;
      len = len2;
    }
    if (!(len > len3)) {
      gx = gx3;
      gy = gy3;
      len = len3;
    }
  } else {
    if (len2 > len) {
      gx = gx2;
      gy = gy2;
      len = len2;
    }
    if (len3 > len) {
      gx = gx3;
      gy = gy3;
      len = len3;
    }
  }
  out[0] = gx;
  out[1] = gy;
  out[2] = len;
}

let normTable: Float32Array | null = null;

/** float32 sqrt of every squared gradient length of an 8-bit image (0 .. 2 * 255^2). */
export function gradientNorms(): Float32Array {
  if (!normTable) normTable = Float32Array.from({ length: 2 * 255 * 255 + 1 }, (_, i) => Math.sqrt(i));
  return normTable;
}

/** Orientation bin and float32 gradient length of row y of a grey image, x in 1..visibleC-1. */
export function greyRow(d: Uint8ClampedArray, y: number, width: number, visibleC: number, bins: Uint8Array, roots: Float32Array, ori: Uint8Array, mag: Float32Array): void {
  const p0 = y * width;
  for (let x = 1; x < visibleC; x++) {
    const p = p0 + x;
    const gx = d[p + 1]! - d[p - 1]!;
    const gy = d[p + width]! - d[p - width]!;
    ori[x] = bins[binIndex(gx, gy)]!;
    mag[x] = roots[gx * gx + gy * gy]!;
  }
}

/**
 * As greyRow for RGB(A): per pixel the channel with the largest gradient, with dlib's two
 * tie-breaks (see `rgbGradient`): SIMD columns x < simdEnd, scalar columns after.
 */
export function colourRow(
  d: Uint8ClampedArray,
  y: number,
  width: number,
  ch: number,
  visibleC: number,
  simdEnd: number,
  bins: Uint8Array,
  roots: Float32Array,
  ori: Uint8Array,
  mag: Float32Array,
): void {
  const rs = width * ch;
  const g = new Int32Array(3);
  for (let x = 1; x < visibleC; x++) {
    rgbGradient(d, y * rs + x * ch, ch, rs, x < simdEnd, g);
    ori[x] = bins[binIndex(g[0]!, g[1]!)]!;
    mag[x] = roots[g[2]!]!;
  }
}
