/**
 * Net-input preparation shared by the face-api.js models, reproducing face-api.js
 * `NetInput.toBatchTensor(inputSize, isCenterInputs)` for tensor inputs (dom/NetInput.ts):
 * the RGB image as float32 0..255 is zero-padded to a square (ops/padToSquare.ts), then resized
 * with TF.js `resizeBilinear(alignCorners=false, halfPixelCenters=false)` if it is not already
 * `inputSize` square. Per-net normalisation (mean subtraction, scaling) happens in each model.
 */
import { FacetsError, check } from '../../core/errors.js';
import { assertImage, type Image } from '../../image/image.js';
import { assertTensor, make, type Tensor } from '../tensor.js';
import { resizeBilinear } from '../ops/index.js';

/** What `run` accepts: an 8-bit image, or a float RGB tensor [h, w, 3] / [1, h, w, 3] in 0..255. */
export type NetInput = Image | Tensor;

function isImage(x: NetInput): x is Image {
  return typeof x === 'object' && x !== null && 'width' in x && 'channels' in x;
}

/** An RGB float32 tensor [1, h, w, 3] of an image (grey is replicated, alpha dropped). */
export function imageToTensor(img: Image): Tensor {
  assertImage(img, 'imageToTensor');
  const { width, height, channels, data } = img;
  const out = make([1, height, width, 3]);
  for (let i = 0, n = width * height; i < n; i++) {
    for (let c = 0; c < 3; c++) out.data[3 * i + c] = data[channels * i + (channels === 1 ? 0 : c)];
  }
  return out;
}

/**
 * Zero-pads [1, h, w, 3] to a square, as face-api.js padToSquare: with `center`, the side after
 * the image gets round(diff / 2) rows/columns and the side before gets the rest; without it,
 * the whole difference goes after (bottom or right), so detections keep top-left coordinates.
 */
export function padToSquare(x: Tensor, center: boolean): Tensor {
  const [, h, w, c] = x.shape;
  if (h === w) return x;
  const diff = Math.abs(h - w);
  const after = Math.round(diff * (center ? 0.5 : 1));
  const before = diff - after;
  const size = Math.max(h, w);
  const [top, left] = h < w ? [before, 0] : [0, before];
  const out = make([1, size, size, c]);
  for (let y = 0; y < h; y++) {
    out.data.set(x.data.subarray(y * w * c, (y + 1) * w * c), ((y + top) * size + left) * c);
  }
  return out;
}

/**
 * The net input [1, size, size, 3] float32 in 0..255 for `input`.
 * requires: an Image, or a tensor [h, w, 3] / [1, h, w, 3] with h, w >= 1.
 * ensures: shape [1, size, size, 3]; throws E_BAD_ARGUMENT naming `fn` for other shapes, empty
 * inputs or non-finite values.
 */
export function toNetInput(input: NetInput, size: number, center: boolean, fn: string): Tensor {
  let x: Tensor;
  if (isImage(input)) {
    x = imageToTensor(input);
  } else {
    assertTensor(input, fn, 'input');
    const s = input.shape;
    check((s.length === 3 && s[2] === 3) || (s.length === 4 && s[0] === 1 && s[3] === 3), fn, `input tensor must be [h, w, 3] or [1, h, w, 3], got [${s.join(', ')}]`);
    x = s.length === 3 ? { shape: [1, ...s], data: input.data } : input;
    const bad = x.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new FacetsError('E_BAD_ARGUMENT', `${fn}: input tensor holds ${x.data[bad]} at index ${bad}; values must be finite (0..255)`);
  }
  if (x.shape[1] < 1 || x.shape[2] < 1) throw new FacetsError('E_BAD_ARGUMENT', `${fn}: input is empty (${x.shape[2]}x${x.shape[1]})`);
  const sq = padToSquare(x, center);
  return sq.shape[1] === size ? sq : resizeBilinear(sq, [size, size], { alignCorners: false, halfPixelCenters: false });
}
