/**
 * dlib's `extract_image_chip` with bilinear interpolation (dlib/image_transforms/interpolation.h
 * extract_image_chips + interpolate_bilinear): crop a margin around the rotated rectangle, build a
 * pyramid_down<2> stack while the rectangle one level down still has more pixels than the chip
 * (so bilinear sampling never skips source pixels), then sample every chip pixel.
 *
 * Sampling rule (interpolate_bilinear): p = map(c, r); left = floor(p.x), top = floor(p.y);
 * outside when left < 0, top < 0, left + 1 >= width or top + 1 >= height of the cropped level, and
 * then the pixel is black (0); inside, each channel is the bilinear mix in double, truncated to
 * 8 bits (vector_to_pixel's static_cast).
 */
import { check } from '../core/errors.js';
import { assertImage, type Image } from '../image/image.js';
import { invertAffine, type Affine } from '../image/warp.js';
import { chipToImageAffine, rotatePoint, type ChipDetails, type DRect } from './chip-details.js';
import { pointDown2, pyramidDown2 } from './pyramid-down.js';

/** A chip and how it relates to the source image. */
export interface ChipResult {
  image: Image;
  details: ChipDetails;
  /** Source image -> chip pixel, [a, b, c, d, e, f] as cv2.warpAffine's matrix. */
  transform: Affine;
  /** Chip pixel -> source image. */
  inverse: Affine;
  /** Pyramid level dlib sampled from (-1: the image itself, k: after k+1 halvings). */
  pyramidLevel: number;
}

const area = (r: DRect) => (r.left > r.right || r.top > r.bottom ? 0 : (r.right - r.left + 1) * (r.bottom - r.top + 1));
const rectDown = (r: DRect): DRect => {
  const [l, t] = pointDown2(r.left, r.top);
  const [rr, b] = pointDown2(r.right, r.bottom);
  return { left: l, top: t, right: rr, bottom: b };
};

/**
 * Extracts the chip described by `details` from `img` (any channel count; alpha is filtered like
 * the other channels, where dlib refuses alpha images).
 * requires: details.rows, details.cols integers in 1..4096; finite rect and angle.
 * ensures: image is rows x cols with img.channels channels; transform/inverse are the ideal
 * (level -1) geometry, as dlib's get_mapping_to_chip.
 */
export function extractImageChip(img: Image, details: ChipDetails): ChipResult {
  const fn = 'extractImageChip';
  assertImage(img, fn);
  const { rect, angle, rows, cols } = details;
  check(Number.isInteger(rows) && Number.isInteger(cols) && rows >= 1 && cols >= 1 && rows <= 4096 && cols <= 4096, fn, `rows and cols must be integers in 1..4096, got ${rows}x${cols}`);
  check([rect.left, rect.top, rect.right, rect.bottom, angle].every(Number.isFinite), fn, `rect and angle must be finite, got ${JSON.stringify(details)}`);
  const size = rows * cols;
  const C = img.channels;
  const inverse = chipToImageAffine(rect, angle, rows, cols);
  const result = (image: Image, pyramidLevel: number): ChipResult => ({ image, details, transform: invertAffine(inverse), inverse, pyramidLevel });

  // dlib: no rotation and no scaling -> a plain copy of rectangle(rect) (corners rounded), black outside.
  if (angle === 0 && rows === rect.bottom - rect.top + 1 && cols === rect.right - rect.left + 1) {
    return result(copyWithBorder(img, Math.floor(rect.left + 0.5), Math.floor(rect.top + 0.5), cols, rows), -1);
  }

  // Pyramid depth and the margin it needs (dlib: grow starts at 2, doubles + 2 per level).
  let depth = 0;
  let grow = 2;
  for (let r = rectDown(rect); area(r) > size; r = rectDown(r)) {
    depth++;
    grow = grow * 2 + 2;
    if (depth > 30) break;
  }
  const cx = (rect.left + rect.right) / 2;
  const cy = (rect.top + rect.bottom) / 2;
  const corners = [
    rotatePoint(cx, cy, rect.left, rect.top, angle),
    rotatePoint(cx, cy, rect.right, rect.top, angle),
    rotatePoint(cx, cy, rect.left, rect.bottom, angle),
    rotatePoint(cx, cy, rect.right, rect.bottom, angle),
  ];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  // grow_rect(rot_rect, grow) ∩ image, then drectangle -> rectangle rounding floor(v + 0.5).
  const bl = Math.floor(Math.max(Math.min(...xs) - grow, 0) + 0.5);
  const bt = Math.floor(Math.max(Math.min(...ys) - grow, 0) + 0.5);
  const br = Math.floor(Math.min(Math.max(...xs) + grow, img.width - 1) + 0.5);
  const bb = Math.floor(Math.min(Math.max(...ys) + grow, img.height - 1) + 0.5);
  let level: Image = cropRect(img, bl, bt, br, bb);

  let pyramidLevel = -1;
  let local: DRect = { left: rect.left - bl, top: rect.top - bt, right: rect.right - bl, bottom: rect.bottom - bt };
  while (area(rectDown(local)) > size && pyramidLevel < depth - 1) {
    pyramidLevel++;
    local = rectDown(local);
    level = pyramidDown2(level);
  }
  const map = chipToImageAffine(local, angle, rows, cols);
  const out = new Uint8ClampedArray(size * C);
  sampleBilinear(level, map, rows, cols, out);
  return result({ width: cols, height: rows, channels: C, data: out }, pyramidLevel);
}

/** cols x rows copy starting at (l, t), zeros where it leaves the image (basic_extract_image_chip). */
function copyWithBorder(img: Image, l: number, t: number, cols: number, rows: number): Image {
  const C = img.channels;
  const data = new Uint8ClampedArray(cols * rows * C);
  for (let y = 0; y < rows; y++) {
    const sy = t + y;
    if (sy < 0 || sy >= img.height) continue;
    for (let x = 0; x < cols; x++) {
      const sx = l + x;
      if (sx < 0 || sx >= img.width) continue;
      for (let k = 0; k < C; k++) data[(y * cols + x) * C + k] = img.data[(sy * img.width + sx) * C + k];
    }
  }
  return { width: cols, height: rows, channels: C, data };
}

/** Copy of the inclusive rectangle [l..r] x [t..b] of img (empty when it misses the image). */
function cropRect(img: Image, l: number, t: number, r: number, b: number): Image {
  const w = Math.max(0, r - l + 1);
  const h = Math.max(0, b - t + 1);
  const C = img.channels;
  const data = new Uint8ClampedArray(w * h * C);
  for (let y = 0; y < h; y++) {
    const s = ((t + y) * img.width + l) * C;
    data.set(img.data.subarray(s, s + w * C), y * w * C);
  }
  return { width: w, height: h, channels: C, data };
}

/** interpolate_bilinear over every chip pixel; `out` is rows x cols x channels. */
function sampleBilinear(src: Image, m: Affine, rows: number, cols: number, out: Uint8ClampedArray): void {
  const { width: W, height: H, channels: C, data } = src;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const px = m[0] * c + m[1] * r + m[2];
      const py = m[3] * c + m[4] * r + m[5];
      const left = Math.floor(px);
      const top = Math.floor(py);
      if (!(left >= 0 && top >= 0 && left + 1 < W && top + 1 < H)) continue; // black background
      const lr = px - left;
      const tb = py - top;
      const o = (top * W + left) * C;
      const q = (r * cols + c) * C;
      for (let k = 0; k < C; k++) {
        const tl = data[o + k];
        const tr = data[o + C + k];
        const bl = data[o + W * C + k];
        const br = data[o + W * C + C + k];
        // Truncation, not rounding: dlib's vector_to_pixel static_casts the double.
        out[q + k] = Math.trunc((1 - tb) * ((1 - lr) * tl + lr * tr) + tb * ((1 - lr) * bl + lr * br));
      }
    }
  }
}
