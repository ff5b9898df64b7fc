import { check } from '../../../core/errors.js';
import { currentBackend } from '../../backend.js';
import { checkShape, type Tensor } from '../../tensor.js';
import { asBatch } from '../conv2d/conv2d.js';

export interface ResizeOptions {
  /** Default false (TF.js). */
  alignCorners?: boolean;
  /** Default false (TF.js). */
  halfPixelCenters?: boolean;
}

/**
 * Bilinear resize of NHWC images with TF.js's tf.image.resizeBilinear semantics.
 * requires: x [batch, h, w, c] or [h, w, c] with h, w >= 1; size [newH, newW] positive integers;
 * not both flags (TF.js rejects that too).
 */
export function resizeBilinear(x: Tensor, size: readonly [number, number], opts: ResizeOptions = {}): Tensor {
  const fn = 'resizeBilinear';
  const x4 = asBatch(x, fn);
  const [h, w] = size;
  check(Number.isInteger(h) && h >= 1 && Number.isInteger(w) && w >= 1, fn, `size must be two positive integers, got ${JSON.stringify(size)}`);
  check(x4.shape[1] >= 1 && x4.shape[2] >= 1, fn, `input must have at least one pixel, got [${x.shape.join(', ')}]`);
  const ac = opts.alignCorners ?? false, hp = opts.halfPixelCenters ?? false;
  check(!(ac && hp), fn, 'alignCorners and halfPixelCenters cannot both be true');
  checkShape([x4.shape[0], h, w, x4.shape[3]], fn);
  const y = currentBackend().kernels.resizeBilinear(x4, h, w, ac, hp);
  return x.shape.length === 3 ? { shape: y.shape.slice(1), data: y.data } : y;
}
