import { assertGray, type GrayImage, type Image } from './image.js';
import { saturateU8 } from './round.js';

/**
 * Histogram equalisation exactly as OpenCV 4.6 `cv::equalizeHist`: the lowest occupied grey
 * level maps to 0 and the cumulative histogram is scaled by `255 / (N - count(lowest))` in float32.
 * ensures: a constant image stays constant (OpenCV keeps its value).
 */
export function equalizeHist(gray: Image): GrayImage {
  assertGray(gray, 'equalizeHist');
  const hist = new Int32Array(256);
  const d = gray.data;
  for (let i = 0; i < d.length; i++) hist[d[i]!]!++;
  const out = new Uint8ClampedArray(d.length);
  let i = 0;
  while (i < 256 && hist[i] === 0) i++;
  const total = d.length;
  if (total === 0) return { ...gray, channels: 1, data: out };
  if (hist[i] === total) {
    out.fill(i);
    return { width: gray.width, height: gray.height, channels: 1, data: out };
  }
  const scale = Math.fround(255 / (total - hist[i]!));
  const lut = new Uint8Array(256);
  let sum = 0;
  for (i++; i < 256; i++) {
    sum += hist[i]!;
    lut[i] = saturateU8(Math.fround(sum * scale));
  }
  for (let k = 0; k < d.length; k++) out[k] = lut[d[k]!]!;
  return { width: gray.width, height: gray.height, channels: 1, data: out };
}
