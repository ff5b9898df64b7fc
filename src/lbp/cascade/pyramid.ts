import { roundHalfEven } from '../../image/round.js';

/**
 * Taps of OpenCV's bit-exact linear resize (`resize_bitExact` / `interpolationLinear`): the source
 * position `(d + 0.5) * scale - 0.5` in double, its fraction as an 8-bit fixed-point weight
 * (`ufixedpoint16`, cvRound(frac * 256)). Positions left of the source use pixel 0 (`lo`), those at
 * or past its last pixel use the last one (`hi`).
 */
function exactTaps(dsize: number, ssize: number): { ofs: Int32Array; w1: Int32Array; lo: number; hi: number } {
  const scale = 1 / (dsize / ssize);
  const ofs = new Int32Array(dsize), w1 = new Int32Array(dsize);
  let lo = 0, hi = dsize;
  for (let d = 0; d < dsize; d++) {
    const f = scale * (d + 0.5) - 0.5;
    const i = Math.floor(f);
    if (i >= 0 && ssize > 1) {
      if (i < ssize - 1) {
        ofs[d] = i;
        w1[d] = roundHalfEven((f - i) * 256);
      } else {
        ofs[d] = ssize - 1;
        hi = Math.min(hi, d);
      }
    } else {
      lo = Math.max(lo, d + 1);
    }
  }
  return { ofs, w1, lo, hi };
}

/**
 * One pyramid level of the cascade detector, bit-exact with OpenCV 4.6: its
 * `FeatureEvaluator::setImage` resizes every level with INTER_LINEAR_EXACT (older sources, and the
 * issue text, say INTER_LINEAR). Measured with python3-opencv 4.6 (Debian) through an LD_PRELOAD
 * shim on `cv::resize`: every call the detector makes passes interpolation 5 (INTER_LINEAR_EXACT),
 * and all 190 levels dumped over the 15 fixture images equal `cv2.resize(..., INTER_LINEAR_EXACT)`
 * and this function. Kernel (`resize_bitExact`): 8.8 fixed-point horizontal taps, a 16.16 vertical
 * sum rounded `(v + 2^15) >> 16`; rows/columns outside the source copy the edge pixel. An exact 2x
 * shrink gives `(sum of 2x2 + 2) >> 2`, the same as the INTER_AREA shortcut OpenCV takes then.
 * `resize(..., 'bilinear')` in src/image is INTER_LINEAR (a different rounding, ~10% of pixels
 * off by 1); used here it changed 35 of the 60 fixture cases (edges off by up to 4 px, one box lost).
 * requires: src is a w x h grey plane, w, h, dw, dh >= 1. ensures: a new dw*dh plane; same size = copy.
 */
export function pyramidLevel(src: ArrayLike<number>, w: number, h: number, dw: number, dh: number): Uint8Array {
  const out = new Uint8Array(dw * dh);
  if (dw === w && dh === h) {
    for (let i = 0; i < out.length; i++) out[i] = src[i]!;
    return out;
  }
  const xt = exactTaps(dw, w), yt = exactTaps(dh, h);
  const r0 = new Int32Array(dw), r1 = new Int32Array(dw);
  const px = src instanceof Uint8Array ? src : Uint8Array.from(src);
  let row0 = -1, row1 = -1;
  for (let dy = 0; dy < dh; dy++) {
    const o = dy * dw;
    if (dy < yt.lo || dy >= yt.hi) {
      // Rows outside the interpolated band copy the first/last source row: (v + 128) >> 8.
      const sy = dy < yt.lo ? 0 : h - 1;
      if (sy !== row0) { hrow(px, w, xt, sy, r0); row0 = sy; }
      for (let x = 0; x < dw; x++) out[o + x] = (r0[x]! + 128) >> 8;
      continue;
    }
    const sy = yt.ofs[dy]!;
    if (sy !== row0) {
      if (sy === row1) r0.set(r1); else hrow(px, w, xt, sy, r0);
      row0 = sy;
    }
    if (sy + 1 !== row1) { hrow(px, w, xt, sy + 1, r1); row1 = sy + 1; }
    const b1 = yt.w1[dy]!, b0 = 256 - b1;
    for (let x = 0; x < dw; x++) {
      const v = (r0[x]! * b0 + r1[x]! * b1 + 32768) >>> 16; // < 2^24, exact in int arithmetic
      out[o + x] = v > 255 ? 255 : v;
    }
  }
  return out;
}

/** Horizontal pass of source row `sy` into 8.8 fixed point (OpenCV `hlineResizeCn`). */
function hrow(src: Uint8Array, w: number, xt: { ofs: Int32Array; w1: Int32Array; lo: number; hi: number }, sy: number, dst: Int32Array): void {
  const dw = dst.length, b = sy * w, ofs = xt.ofs, w1 = xt.w1;
  const first = src[b]! << 8, last = src[b + ofs[dw - 1]!]! << 8;
  let dx = 0;
  for (; dx < xt.lo; dx++) dst[dx] = first;
  for (; dx < xt.hi; dx++) {
    const p = b + ofs[dx]!, c1 = w1[dx]!;
    dst[dx] = (256 - c1) * src[p]! + c1 * src[p + 1]!;
  }
  for (; dx < dw; dx++) dst[dx] = last;
}
