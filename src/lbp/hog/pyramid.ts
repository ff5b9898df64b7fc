import type { Image } from '../../image/image.js';
import { dlibResizeBilinear } from './dlib-resize.js';
import { roundRect, type DlibDRect, type DlibRect } from './rect.js';

/**
 * dlib's `pyramid_down<6>` (`dlib/image_transforms/image_pyramid.h`): each level is 5/6 the size
 * of the one above, resampled with dlib's bilinear `resize_image`, and coordinates map between
 * levels by p_down = (p - 0.3) * 5/6, p_up = p * 6/5 + 0.3.
 */

/**
 * Output size of one `pyramid_down<6>` step: dlib writes `((N-1)*n)/N + 0.5` in integer
 * arithmetic before the `+ 0.5`, so the result is floor(5n/6).
 * requires: n a non-negative integer.
 */
export function pyramidDown6Size(n: number): number {
  return Math.floor((5 * n) / 6);
}

/** One `pyramid_down<6>` step of an image (grey or RGB; alpha is dropped). */
export function pyramidDown6(img: Image): Image {
  return dlibResizeBilinear(img, pyramidDown6Size(img.width), pyramidDown6Size(img.height));
}

const DOWN = (6 - 1.0) / 6;
const UP = 6 / (6 - 1.0);

/** `pyramid_down<6>::rect_down(rect, levels)`, unrounded. */
export function rectDown6(r: DlibDRect, levels = 1): DlibDRect {
  let { left, top, right, bottom } = r;
  for (let i = 0; i < levels; i++) {
    left = (left - 0.3) * DOWN;
    top = (top - 0.3) * DOWN;
    right = (right - 0.3) * DOWN;
    bottom = (bottom - 0.3) * DOWN;
  }
  return { left, top, right, bottom };
}

/** `pyramid_down<6>::rect_up(rect, levels)`, unrounded. */
export function rectUp6(r: DlibDRect, levels = 1): DlibDRect {
  let { left, top, right, bottom } = r;
  for (let i = 0; i < levels; i++) {
    left = left * UP + 0.3;
    top = top * UP + 0.3;
    right = right * UP + 0.3;
    bottom = bottom * UP + 0.3;
  }
  return { left, top, right, bottom };
}

/**
 * How many pyramid levels dlib's `create_fhog_pyramid` builds for an image: it steps the image
 * rectangle down (rounded to integers each step) until it is narrower or shorter than the
 * minimum layer size, counting the step that crosses it, capped at maxLevels.
 * requires: width, height >= 1; minWidth, minHeight >= 1; maxLevels >= 1.
 */
export function pyramidLevelCount(width: number, height: number, minWidth: number, minHeight: number, maxLevels: number): number {
  let rect: DlibRect = { left: 0, top: 0, right: width - 1, bottom: height - 1 };
  let levels = 0;
  do {
    rect = roundRect(rectDown6(rect));
    levels++;
  } while (rect.right - rect.left + 1 >= minWidth && rect.bottom - rect.top + 1 >= minHeight && levels < maxLevels);
  return levels;
}

/**
 * dlib's `pyramid_up(img)` (a `pyramid_down<2>` step upwards): the output is sized from the
 * up-mapped image rectangle, p_up = (p + (1.25, 0.75)) * 2, i.e. (2w + 2) x (2h + 1), and
 * filled with dlib's bilinear resize.
 */
export function pyramidUp2(img: Image): Image {
  const up = roundRect(rectUp2({ left: 0, top: 0, right: img.width - 1, bottom: img.height - 1 }));
  if (img.width === 0 || img.height === 0 || up.right < up.left || up.bottom < up.top) {
    return dlibResizeBilinear(img, 0, 0);
  }
  return dlibResizeBilinear(img, up.right + 1, up.bottom + 1);
}

/** `pyramid_down<2>::rect_up(rect, levels)`, unrounded. */
export function rectUp2(r: DlibDRect, levels = 1): DlibDRect {
  let { left, top, right, bottom } = r;
  for (let i = 0; i < levels; i++) {
    left = (left + 1.25) * 2;
    top = (top + 0.75) * 2;
    right = (right + 1.25) * 2;
    bottom = (bottom + 0.75) * 2;
  }
  return { left, top, right, bottom };
}

/** `pyramid_down<2>::rect_down(rect, levels)`, unrounded: p / 2 - (1.25, 0.75) per level. */
export function rectDown2(r: DlibDRect, levels = 1): DlibDRect {
  let { left, top, right, bottom } = r;
  for (let i = 0; i < levels; i++) {
    left = left / 2 - 1.25;
    top = top / 2 - 0.75;
    right = right / 2 - 1.25;
    bottom = bottom / 2 - 0.75;
  }
  return { left, top, right, bottom };
}
