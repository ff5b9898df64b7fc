import { FacetsError } from '../../core/errors.js';
import { roundHalfEven as cvRound } from '../../image/round.js';

/** One pyramid level as OpenCV 4.6 `FeatureEvaluator::updateScaleData` lays it out. */
export interface ScalePlan {
  /** The scale as float32 (OpenCV keeps `std::vector<float> scales`). */
  scale: number;
  /** Detected box size at this scale: `cvRound(origWinSize * scale)` in float32 arithmetic. */
  windowWidth: number;
  windowHeight: number;
  /** Pyramid image size: `cvRound(imageSize / scale)`, float32 division. */
  scaledWidth: number;
  scaledHeight: number;
  /** Window step in pyramid pixels: 1 from scale 2 up, else 2 (`s.ystep = sc >= 2 ? 1 : 2`). */
  step: number;
  /** Window origins scanned: x < scanWidth, y < scanHeight (y also limited by OpenCV's stripes). */
  scanWidth: number;
  scanHeight: number;
}

/** Sizes as OpenCV `Size`; 0 means "no limit" for maxSize like OpenCV. */
export interface SizeLimit {
  width: number;
  height: number;
}

/** A scale loop that needs more levels than this is refused (scaleFactor too close to 1). */
export const MAX_SCALES = 4096;

/**
 * The scales OpenCV 4.6 `CascadeClassifierImpl::detectMultiScaleNoGrouping` visits.
 * requires: scaleFactor > 1; sizes are non-negative integers.
 * ensures: factor runs 1, sf, sf^2, ... in double; a level is kept when the window
 *   `cvRound(win * factor)` is within [minSize, maxSize]; the loop stops at the first window larger
 *   than maxSize or the image. The scanned height reproduces the stripe split of the CPU path:
 *   `nstripes = ceil(work0.width / 32)`, `stripe = max((work.height/step + nstripes-1)/nstripes, 1)*step`
 *   (integer division), so rows past `nstripes * stripe` are never scanned, as in OpenCV.
 */
export function planScales(imageWidth: number, imageHeight: number, winWidth: number, winHeight: number, scaleFactor: number, minSize: SizeLimit, maxSize: SizeLimit): ScalePlan[] {
  let maxW = maxSize.width, maxH = maxSize.height;
  if (maxW === 0 || maxH === 0) {
    maxW = imageWidth;
    maxH = imageHeight;
  }
  const scales: number[] = [];
  let iterations = 0;
  for (let factor = 1; ; factor *= scaleFactor) {
    if (++iterations > MAX_SCALES) {
      throw new FacetsError('E_BAD_ARGUMENT', `detectMultiScale: scaleFactor ${scaleFactor} needs more than ${MAX_SCALES} pyramid levels; use a larger scaleFactor`);
    }
    const ww = cvRound(winWidth * factor), wh = cvRound(winHeight * factor);
    if (ww > maxW || wh > maxH || ww > imageWidth || wh > imageHeight) break;
    if (ww < minSize.width || wh < minSize.height) continue;
    scales.push(Math.fround(factor));
  }
  const plans: ScalePlan[] = scales.map((sc) => {
    const sw = cvRound(Math.fround(imageWidth / sc)), sh = cvRound(Math.fround(imageHeight / sc));
    return {
      scale: sc,
      windowWidth: cvRound(Math.fround(winWidth * sc)),
      windowHeight: cvRound(Math.fround(winHeight * sc)),
      scaledWidth: sw,
      scaledHeight: sh,
      step: sc >= 2 ? 1 : 2,
      scanWidth: Math.max(sw + 1 - winWidth, 0),
      scanHeight: Math.max(sh + 1 - winHeight, 0),
    };
  });
  if (plans.length === 0) return plans;
  const nstripes = Math.ceil(plans[0]!.scanWidth / 32);
  for (const p of plans) {
    const stripe = Math.max(Math.trunc((Math.trunc(p.scanHeight / p.step) + nstripes - 1) / nstripes), 1) * p.step;
    p.scanHeight = nstripes === 0 ? 0 : Math.min(nstripes * stripe, p.scanHeight);
  }
  return plans;
}
