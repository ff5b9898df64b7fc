/**
 * dlib's `pyramid_down<2>` (dlib/image_transforms/image_pyramid.h, impl::pyramid_down_2_1): a
 * separable 5-tap [1 4 6 4 1] filter with 2x decimation, in integers, result = sum / 256 (floor).
 * Output is ((h-3)/2) x ((w-3)/2) (integer division); images of 8 or fewer rows or columns give
 * an empty image. Down pixel (c, r) is centred on source (2c + 2, 2r + 2).
 */
import type { Image } from '../image/image.js';

/**
 * One pyramid level down, every channel filtered alike.
 * requires: img well formed (callers validate). ensures: a new image, possibly 0x0.
 */
export function pyramidDown2(img: Image): Image {
  const { width: W, height: H, channels: C, data } = img;
  if (W <= 8 || H <= 8) return { width: 0, height: 0, channels: C, data: new Uint8ClampedArray(0) };
  const w = Math.floor((W - 3) / 2);
  const h = Math.floor((H - 3) / 2);
  // Row pass keeps every source row: temp is H x w, sums up to 16*255 (dlib's uint16 rgbptype).
  const temp = new Uint16Array(H * w * C);
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < w; c++) {
      const s = (r * W + 2 * c) * C;
      for (let k = 0; k < C; k++) {
        temp[(r * w + c) * C + k] =
          data[s + k] + 4 * data[s + C + k] + 6 * data[s + 2 * C + k] + 4 * data[s + 3 * C + k] + data[s + 4 * C + k];
      }
    }
  }
  const out = new Uint8ClampedArray(w * h * C);
  for (let dr = 0, r = 2; dr < h; dr++, r += 2) {
    for (let c = 0; c < w; c++) {
      for (let k = 0; k < C; k++) {
        const i = (c * C) + k;
        const sum =
          temp[(r - 2) * w * C + i] + 4 * temp[(r - 1) * w * C + i] + 6 * temp[r * w * C + i] + 4 * temp[(r + 1) * w * C + i] + temp[(r + 2) * w * C + i];
        out[(dr * w + c) * C + k] = sum >> 8;
      }
    }
  }
  return { width: w, height: h, channels: C, data: out };
}

/** dlib pyramid_down_2_1::point_down: where a source point lands one level down. */
export function pointDown2(x: number, y: number): [number, number] {
  return [x / 2 - 1.25, y / 2 - 0.75];
}
