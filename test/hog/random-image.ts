import type { Image } from '../../src/image/image.js';

/** A deterministic noise image (LCG bytes) for the HOG property tests. */
export function randomImage(width: number, height: number, channels: 1 | 3, seed: number): Image {
  const data = new Uint8ClampedArray(width * height * channels);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s >>> 24;
  }
  return { width, height, channels, data };
}
