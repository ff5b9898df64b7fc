/**
 * Net inputs for the Human graph models from an Image or an RGB tensor, as Human prepares them:
 * the face crop (RGB floats) is resized with TF.js resizeBilinear (align_corners=false,
 * half_pixel_centers=false, Human's `tf.image.resizeBilinear(t, [s, s], false)`) to the input
 * size, then mapped per the spec's HumanPreprocessing.
 */
import { FacetsError, check } from '../../core/errors.js';
import { assertImage, type Image } from '../../image/image.js';
import { resizeBilinear } from '../ops/index.js';
import { assertTensor, make, type Tensor } from '../tensor.js';
import type { HumanPreprocessing } from './specs.js';

/** What a Human model wrapper accepts: an 8-bit image or a float RGB tensor [h,w,3] / [1,h,w,3] in 0..255. */
export type HumanInput = Image | Tensor;

function isImage(x: HumanInput): x is Image {
  return typeof x === 'object' && x !== null && 'width' in x && 'channels' in x;
}

/** RGB float32 [1, h, w, 3] in 0..255 (grey replicated, alpha dropped). */
function rgbTensor(input: HumanInput, fn: string): Tensor {
  if (isImage(input)) {
    assertImage(input, fn);
    const { width, height, channels, data } = input;
    check(width >= 1 && height >= 1, fn, `image must be at least 1x1, got ${width}x${height}`);
    const out = make([1, height, width, 3]);
    for (let i = 0, n = width * height; i < n; i++) {
      for (let c = 0; c < 3; c++) out.data[3 * i + c] = data[channels * i + (channels === 1 ? 0 : c)];
    }
    return out;
  }
  assertTensor(input, fn, 'input');
  const s = input.shape;
  const ok = (s.length === 3 && s[2] === 3) || (s.length === 4 && s[0] === 1 && s[3] === 3);
  check(ok && s[s.length - 2] >= 1 && s[s.length - 3] >= 1, fn, `input tensor must be RGB [h, w, 3] or [1, h, w, 3], got [${s.join(', ')}]`);
  for (const v of input.data) if (!Number.isFinite(v)) throw new FacetsError('E_BAD_ARGUMENT', `${fn}: input tensor holds a non-finite value (${v})`);
  return s.length === 3 ? { shape: [1, ...s], data: input.data } : input;
}

/**
 * The net input [1, size, size, channels] for `input`.
 * requires: size >= 1. ensures: 1 channel for 'gray-1' (values in [-1, 1] for 0..255 input),
 * 3 otherwise; throws E_BAD_ARGUMENT naming `fn` for a malformed input.
 */
export function humanNetInput(input: HumanInput, size: number, mode: HumanPreprocessing, fn: string): Tensor {
  let x = rgbTensor(input, fn);
  if (x.shape[1] !== size || x.shape[2] !== size) x = resizeBilinear(x, [size, size]);
  const n = size * size;
  const src = x.data;
  if (mode === 'gray-1') {
    const out = make([1, size, size, 1]);
    for (let i = 0; i < n; i++) {
      // Human emotion.ts/gender.ts weight the channels of the 0..1 image by ITU-R BT.601 luma
      // (0.2989, 0.5870, 0.1140), then map [0, 1] to [-1, 1].
      const g = (src[3 * i] / 255) * 0.2989 + (src[3 * i + 1] / 255) * 0.587 + (src[3 * i + 2] / 255) * 0.114;
      out.data[i] = (g - 0.5) * 2;
    }
    return out;
  }
  const out = make([1, size, size, 3]);
  if (mode === 'rgb01') for (let i = 0; i < 3 * n; i++) out.data[i] = src[i] / 255;
  else out.data.set(src.subarray(0, 3 * n));
  return out;
}
