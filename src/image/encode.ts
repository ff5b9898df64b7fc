import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { check } from '../core/errors.js';
import { assertImage, type Image } from './image.js';

/**
 * Encodes an image as an 8-bit PNG: grey -> colour type 0, RGB -> 2, RGBA -> 6.
 * ensures: decodeImage(encodePng(img)) equals img exactly.
 */
export function encodePng(img: Image): Uint8Array {
  assertImage(img, 'encodePng');
  const { width, height, channels } = img;
  const colorType = channels === 1 ? 0 : channels === 3 ? 2 : 6;
  const png = new PNG({ width, height, colorType, inputColorType: colorType, inputHasAlpha: channels === 4, bitDepth: 8 });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  const out = PNG.sync.write(png, { colorType, inputColorType: colorType, inputHasAlpha: channels === 4, bitDepth: 8 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Encodes an image as a baseline JPEG (jpeg-js). Alpha is dropped; grey is stored as RGB.
 * requires: 1 <= quality <= 100.
 */
export function encodeJpeg(img: Image, quality = 90): Uint8Array {
  assertImage(img, 'encodeJpeg');
  check(Number.isFinite(quality) && quality >= 1 && quality <= 100, 'encodeJpeg', `quality must be in 1..100, got ${quality}`);
  const n = img.width * img.height;
  const rgba = new Uint8Array(n * 4);
  const c = img.channels;
  for (let i = 0; i < n; i++) {
    const s = i * c;
    rgba[i * 4] = img.data[s]!;
    rgba[i * 4 + 1] = img.data[c === 1 ? s : s + 1]!;
    rgba[i * 4 + 2] = img.data[c === 1 ? s : s + 2]!;
    rgba[i * 4 + 3] = 255;
  }
  const out = jpeg.encode({ width: img.width, height: img.height, data: rgba }, quality).data;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
