import type { Image } from './image.js';

/**
 * Returns the upright image for an EXIF orientation (TIFF 6.0 tag 274): 1 identity,
 * 2 mirror x, 3 rotate 180, 4 mirror y, 5 transpose, 6 rotate 90 CW, 7 transverse, 8 rotate 90 CCW.
 * ensures: orientation 1 (or an unknown value) returns `img` itself.
 */
export function applyOrientation(img: Image, orientation: number): Image {
  if (orientation < 2 || orientation > 8) return img;
  const { width: W, height: H, channels: c } = img;
  const swap = orientation >= 5;
  const ow = swap ? H : W;
  const oh = swap ? W : H;
  const out = new Uint8ClampedArray(img.data.length);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = W - 1 - x; sy = y; break;
        case 3: sx = W - 1 - x; sy = H - 1 - y; break;
        case 4: sx = x; sy = H - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = H - 1 - x; break;
        case 7: sx = W - 1 - y; sy = H - 1 - x; break;
        default: sx = W - 1 - y; sy = x; break; // 8
      }
      const o = (y * ow + x) * c;
      const s = (sy * W + sx) * c;
      for (let k = 0; k < c; k++) out[o + k] = img.data[s + k]!;
    }
  }
  return { width: ow, height: oh, channels: c, data: out };
}
