import { check } from '../core/errors.js';
import { assertImage, type Image } from './image.js';
import { roundHalfEven } from './round.js';

/** A 2x3 affine matrix `[a, b, c, d, e, f]`: x' = a*x + b*y + c, y' = d*x + e*y + f. */
export type Affine = [number, number, number, number, number, number];

/** Inverse of an affine map (cv::invertAffineTransform); a singular map inverts to zeros. */
export function invertAffine(m: Affine): Affine {
  let det = m[0] * m[4] - m[1] * m[3];
  det = det !== 0 ? 1 / det : 0;
  const a11 = m[4] * det;
  const a22 = m[0] * det;
  const a12 = -m[1] * det;
  const a21 = -m[3] * det;
  return [a11, a12, -a11 * m[2] - a12 * m[5], a21, a22, -a21 * m[2] - a22 * m[5]];
}

/** Composition `a ∘ b` (apply b, then a). */
export function composeAffine(a: Affine, b: Affine): Affine {
  return [
    a[0] * b[0] + a[1] * b[3], a[0] * b[1] + a[1] * b[4], a[0] * b[2] + a[1] * b[5] + a[2],
    a[3] * b[0] + a[4] * b[3], a[3] * b[1] + a[4] * b[4], a[3] * b[2] + a[4] * b[5] + a[5],
  ];
}

/** Applies an affine map to a point. */
export function applyAffine(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
}

const INTER_BITS = 5;
const TAB = 1 << INTER_BITS;
const AB_BITS = 10;
const AB_SCALE = 1 << AB_BITS;
const REMAP_SCALE = 1 << 15;

/**
 * Bilinear remap weights for each 1/32-pixel sub-position, in 15-bit fixed point, each set of
 * four summing to exactly 2^15 (OpenCV initInterTab2D: rounding error goes to the last tap).
 */
const WEIGHTS: Int32Array = (() => {
  const w = new Int32Array(TAB * TAB * 4);
  for (let ty = 0; ty < TAB; ty++) {
    for (let tx = 0; tx < TAB; tx++) {
      const fy = Math.fround(ty / TAB);
      const fx = Math.fround(tx / TAB);
      const v = [Math.fround(1 - fy) * Math.fround(1 - fx), Math.fround(1 - fy) * fx, fy * Math.fround(1 - fx), fy * fx];
      const q = v.map((x) => roundHalfEven(Math.fround(Math.fround(x) * REMAP_SCALE)));
      const diff = q[0]! + q[1]! + q[2]! + q[3]! - REMAP_SCALE;
      q[3] = q[3]! - diff;
      w.set(q, (ty * TAB + tx) * 4);
    }
  }
  return w;
})();

/**
 * Warps `img` by the affine map `m` (source -> destination), like `cv2.warpAffine(img, m,
 * (width, height), flags=INTER_LINEAR, borderMode=BORDER_CONSTANT, borderValue=0)`, bit-exactly:
 * the inverse map is evaluated in 10-bit fixed point per row, positions are quantised to 1/32
 * pixel and sampled with 15-bit weights. Pixels that map outside the source are 0.
 *
 * requires: m has 6 finite numbers; width, height >= 0 integers.
 */
export function warpAffine(img: Image, m: Affine | number[][], width: number, height: number): Image {
  assertImage(img, 'warpAffine');
  const flat = (Array.isArray(m[0]) ? (m as number[][]).flat() : (m as number[])) as number[];
  check(flat.length === 6 && flat.every(Number.isFinite), 'warpAffine', `matrix must be 2x3 finite numbers, got ${JSON.stringify(m)}`);
  check(Number.isInteger(width) && width >= 0 && Number.isInteger(height) && height >= 0, 'warpAffine', `size must be non-negative integers, got ${width}x${height}`);
  const inv = invertAffine(flat as Affine);
  const { width: sw, height: sh, channels: cn, data: src } = img;
  const out = new Uint8ClampedArray(width * height * cn);
  const adelta = new Int32Array(width);
  const bdelta = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    adelta[x] = roundHalfEven(inv[0] * x * AB_SCALE);
    bdelta[x] = roundHalfEven(inv[3] * x * AB_SCALE);
  }
  const roundDelta = AB_SCALE / TAB / 2;
  const shift = AB_BITS - INTER_BITS;
  for (let y = 0; y < height; y++) {
    const X0 = roundHalfEven((inv[1] * y + inv[2]) * AB_SCALE) + roundDelta;
    const Y0 = roundHalfEven((inv[4] * y + inv[5]) * AB_SCALE) + roundDelta;
    for (let x = 0; x < width; x++) {
      const X = (X0 + adelta[x]!) >> shift;
      const Y = (Y0 + bdelta[x]!) >> shift;
      const sx = X >> INTER_BITS;
      const sy = Y >> INTER_BITS;
      const wi = ((Y & (TAB - 1)) * TAB + (X & (TAB - 1))) * 4;
      const w0 = WEIGHTS[wi]!, w1 = WEIGHTS[wi + 1]!, w2 = WEIGHTS[wi + 2]!, w3 = WEIGHTS[wi + 3]!;
      const o = (y * width + x) * cn;
      if (sx >= 0 && sy >= 0 && sx < sw - 1 && sy < sh - 1) {
        const p = (sy * sw + sx) * cn;
        const q = p + sw * cn;
        for (let k = 0; k < cn; k++) {
          out[o + k] = (src[p + k]! * w0 + src[p + k + cn]! * w1 + src[q + k]! * w2 + src[q + k + cn]! * w3 + (1 << 14)) >> 15;
        }
      } else if (sx >= -1 && sy >= -1 && sx < sw && sy < sh) {
        // Border: taps outside the source read the constant 0 (BORDER_CONSTANT).
        const in0 = sx >= 0, in1 = sx + 1 < sw, r0 = sy >= 0, r1 = sy + 1 < sh;
        for (let k = 0; k < cn; k++) {
          const v00 = in0 && r0 ? src[(sy * sw + sx) * cn + k]! : 0;
          const v01 = in1 && r0 ? src[(sy * sw + sx + 1) * cn + k]! : 0;
          const v10 = in0 && r1 ? src[((sy + 1) * sw + sx) * cn + k]! : 0;
          const v11 = in1 && r1 ? src[((sy + 1) * sw + sx + 1) * cn + k]! : 0;
          out[o + k] = (v00 * w0 + v01 * w1 + v10 * w2 + v11 * w3 + (1 << 14)) >> 15;
        }
      }
    }
  }
  return { width, height, channels: cn, data: out };
}
