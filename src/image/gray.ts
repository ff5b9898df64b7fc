import { assertImage, type GrayImage, type Image } from './image.js';

/**
 * Converts to 8-bit grey exactly as OpenCV 4.6 `COLOR_BGR2GRAY` / `COLOR_RGB2GRAY` does:
 * `(9798*R + 19235*G + 3735*B + 16384) >> 15` (BT.601 weights in 15-bit fixed point; checked
 * over all 2^24 colours against OpenCV). Alpha is ignored.
 * ensures: a grey input is returned as is (images are treated as immutable).
 */
export function toGray(img: Image): GrayImage {
  assertImage(img, 'toGray');
  if (img.channels === 1) return img as GrayImage;
  const n = img.width * img.height;
  const c = img.channels;
  const src = img.data;
  const out = new Uint8ClampedArray(n);
  for (let i = 0, s = 0; i < n; i++, s += c) {
    out[i] = (9798 * src[s]! + 19235 * src[s + 1]! + 3735 * src[s + 2]! + 16384) >> 15;
  }
  return { width: img.width, height: img.height, channels: 1, data: out };
}

/** Expands a grey image to RGB (each channel the grey value); other images are returned as is. */
export function toRgb(img: Image): Image {
  assertImage(img, 'toRgb');
  if (img.channels === 3) return img;
  const n = img.width * img.height;
  const out = new Uint8ClampedArray(n * 3);
  const c = img.channels;
  for (let i = 0; i < n; i++) {
    const s = i * c;
    out[i * 3] = img.data[s]!;
    out[i * 3 + 1] = img.data[c === 1 ? s : s + 1]!;
    out[i * 3 + 2] = img.data[c === 1 ? s : s + 2]!;
  }
  return { width: img.width, height: img.height, channels: 3, data: out };
}
