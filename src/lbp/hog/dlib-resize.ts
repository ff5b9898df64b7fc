import type { Image } from '../../image/image.js';

/**
 * dlib 19.24 `resize_image(in, out)` with its default bilinear interpolation, bit-exact with the
 * x86 SSE2 build (`dlib/image_transforms/interpolation.h`). Used by `pyramid_down<6>` and
 * `pyramid_up`. Not OpenCV's INTER_LINEAR: dlib maps corners to corners
 * (scale = (in-1)/(out-1)) and truncates instead of rounding for RGB.
 *
 * dlib walks each output row in float32 SIMD blocks of 4 columns (x accumulated in float32, the
 * weights in float32, the RGB result truncated) and finishes the row in double precision; both
 * parts are reproduced, since they round differently.
 *
 * requires: in is grey (channels 1) or RGB (channels 3; an alpha channel is dropped for 4);
 *           outWidth, outHeight >= 0.
 * ensures: result has in's channel count (3 for 4) and the requested size.
 */
export function dlibResizeBilinear(src: Image, outWidth: number, outHeight: number): Image {
  const ch = src.channels === 1 ? 1 : 3;
  const out: Image = { width: outWidth, height: outHeight, channels: ch, data: new Uint8ClampedArray(outWidth * outHeight * ch) };
  if (outWidth === 0 || outHeight === 0 || src.width === 0 || src.height === 0) return out;
  const f = Math.fround;
  const inW = src.width;
  const inH = src.height;
  const sc = src.channels;
  const sd = src.data;
  const od = out.data;
  const grey = ch === 1;
  const xScale = (inW - 1) / Math.max(outWidth - 1, 1);
  const yScale = (inH - 1) / Math.max(outHeight - 1, 1);
  // The column walk restarts identically on every row, so its per-column results are computed
  // once: source column, float32 fractions, and where dlib leaves the SIMD blocks for the tail.
  const cols = columnPlan(inW, outWidth, xScale);
  const { simdEnd, left, lr, invLr } = cols;
  let y = -yScale;
  for (let r = 0; r < outHeight; r++) {
    y += yScale;
    const top = Math.floor(y);
    const bottom = Math.min(top + 1, inH - 1);
    const tb = y - top;
    const tbF = f(tb);
    const invTbF = f(1 - tb);
    const topRow = top * inW * sc;
    const botRow = bottom * inW * sc;
    let o = r * outWidth * ch;
    for (let c = 0; c < simdEnd; c++, o += ch) {
      const wtl = f(invTbF * invLr[c]!);
      const wtr = f(invTbF * lr[c]!);
      const wbl = f(tbF * invLr[c]!);
      const wbr = f(tbF * lr[c]!);
      const pl = left[c]! * sc;
      const a = topRow + pl;
      const b = botRow + pl;
      if (grey) {
        const v = f(f(f(f(wtl * sd[a]!) + f(wtr * sd[a + 1]!)) + f(wbl * sd[b]!)) + f(wbr * sd[b + 1]!));
        // static_cast<uchar>(value + 0.5): rounds half up.
        od[o] = Math.trunc(v + 0.5);
      } else {
        // simd4i(float) truncates.
        for (let q = 0; q < 3; q++) {
          od[o + q] = Math.trunc(f(f(f(f(wtl * sd[a + q]!) + f(wtr * sd[a + sc + q]!)) + f(wbl * sd[b + q]!)) + f(wbr * sd[b + sc + q]!)));
        }
      }
    }
    let x = -xScale + simdEnd * xScale;
    for (let c = simdEnd; c < outWidth; c++, o += ch) {
      x += xScale;
      const l = Math.floor(x);
      const rr = Math.min(l + 1, inW - 1);
      const pl = topRow + l * sc;
      const pr = topRow + rr * sc;
      const bl = botRow + l * sc;
      const br = botRow + rr * sc;
      if (grey) {
        // float lr_frac and float pixel products, combined with the double tb_frac.
        const fr = f(x - l);
        const il = f(1 - fr);
        const upper = f(f(il * sd[pl]!) + f(fr * sd[pr]!));
        const lower = f(f(il * sd[bl]!) + f(fr * sd[br]!));
        od[o] = clampTrunc(f((1 - tb) * upper + tb * lower));
      } else {
        const fr = x - l;
        for (let q = 0; q < 3; q++) {
          const v = (1 - tb) * ((1 - fr) * sd[pl + q]! + fr * sd[pr + q]!) + tb * ((1 - fr) * sd[bl + q]! + fr * sd[br + q]!);
          od[o + q] = clampTrunc(v);
        }
      }
    }
  }
  return out;
}

/**
 * dlib's float32 SIMD column walk: 4 lanes start at x = -4s + k*s (rounded to float32) and each
 * block adds float32(4s); a block is used while its last lane's right neighbour is inside.
 */
function columnPlan(inW: number, outWidth: number, xScale: number): { simdEnd: number; left: Int32Array; lr: Float32Array; invLr: Float32Array } {
  const f = Math.fround;
  const left = new Int32Array(outWidth);
  const lr = new Float32Array(outWidth);
  const invLr = new Float32Array(outWidth);
  const xs4 = f(4 * xScale);
  const x0 = -4 * xScale;
  const lane = [0, 1, 2, 3].map((k) => f(x0 + k * xScale));
  let c = 0;
  for (; c + 3 < outWidth; c += 4) {
    for (let k = 0; k < 4; k++) lane[k] = f(lane[k]! + xs4);
    if (Math.trunc(lane[3]!) + 1 >= inW) break;
    for (let k = 0; k < 4; k++) {
      const l = Math.trunc(lane[k]!);
      left[c + k] = l;
      lr[c + k] = f(lane[k]! - l);
      invLr[c + k] = f(1 - lr[c + k]!);
    }
  }
  return { simdEnd: c, left, lr, invLr };
}

/** dlib `assign_pixel` / `static_cast<unsigned char>` of an in-range value: truncation, clamped. */
function clampTrunc(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.trunc(v);
}
