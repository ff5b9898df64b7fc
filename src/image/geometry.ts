import { check } from '../core/errors.js';
import { assertImage, type Box, type Image } from './image.js';

/**
 * Copies the pixels of `box` (rounded outward to whole pixels); parts outside the image are
 * filled with `fill` (default 0), so the result is always `box`-sized.
 * requires: box has finite numbers, positive size.
 */
export function crop(img: Image, box: Box, fill = 0): Image {
  assertImage(img, 'crop');
  check([box.x, box.y, box.width, box.height].every(Number.isFinite), 'crop', `box must have finite numbers, got ${JSON.stringify(box)}`);
  const x0 = Math.floor(box.x);
  const y0 = Math.floor(box.y);
  const w = Math.ceil(box.x + box.width) - x0;
  const h = Math.ceil(box.y + box.height) - y0;
  check(w > 0 && h > 0, 'crop', `box must have a positive size, got ${box.width}x${box.height}`);
  const cn = img.channels;
  const out = new Uint8ClampedArray(w * h * cn).fill(fill);
  const xa = Math.max(0, x0);
  const xb = Math.min(img.width, x0 + w);
  if (xb > xa) {
    for (let y = Math.max(0, y0); y < Math.min(img.height, y0 + h); y++) {
      const s = (y * img.width + xa) * cn;
      out.set(img.data.subarray(s, s + (xb - xa) * cn), ((y - y0) * w + (xa - x0)) * cn);
    }
  }
  return { width: w, height: h, channels: cn, data: out };
}

/** Padding in pixels per side. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Adds a constant border. requires: non-negative integer paddings. */
export function pad(img: Image, padding: Partial<Padding>, value = 0): Image {
  assertImage(img, 'pad');
  const p = { top: 0, right: 0, bottom: 0, left: 0, ...padding };
  check(Object.values(p).every((v) => Number.isInteger(v) && v >= 0), 'pad', `paddings must be non-negative integers, got ${JSON.stringify(padding)}`);
  return crop(img, { x: -p.left, y: -p.top, width: img.width + p.left + p.right, height: img.height + p.top + p.bottom }, value);
}

/** Mirrors left-right. */
export function flipHorizontal(img: Image): Image {
  assertImage(img, 'flipHorizontal');
  const { width: w, height: h, channels: cn } = img;
  const out = new Uint8ClampedArray(img.data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * cn;
      const d = (y * w + (w - 1 - x)) * cn;
      for (let k = 0; k < cn; k++) out[d + k] = img.data[s + k]!;
    }
  }
  return { width: w, height: h, channels: cn, data: out };
}
