import { check } from '../../core/errors.js';
import { assertImage, type Box, type Image } from '../../image/image.js';
import { extractFhog, FHOG_PLANES, type FhogFeatures } from './fhog.js';
import { assertHogDetector, type HogDetector } from './model.js';
import { pyramidDown6, pyramidLevelCount, pyramidUp2, rectDown2, rectUp6 } from './pyramid.js';
import { saliency } from './saliency.js';
import { centeredRect, rectArea, rectIntersect, rectUnion, roundRect, type DlibRect } from './rect.js';

/** One face found by the HOG detector. Plain JSON. */
export interface HogDetection {
  /** facets box: x = left, y = top, width = right - left + 1 (dlib rectangles are inclusive). */
  box: Box;
  /** dlib's inclusive rectangle, as `dlib::rectangle` reports it. */
  rect: DlibRect;
  /** dlib's detection confidence: filter response minus the detector's bias. */
  score: number;
  /** Which weight vector fired (frontal face detector: 0 front, 1 left, 2 right, 3-4 rotated). */
  filterIndex: number;
}

export interface HogDetectOptions {
  /** Times to double the image first (dlib python `detector(img, n)`); finds smaller faces. Default 0. */
  upsample?: number;
  /** Added to every detector's threshold (dlib `adjust_threshold`); negative finds more. Default 0. */
  adjustThreshold?: number;
}

/**
 * Finds faces as dlib 19.24's `object_detector<scan_fhog_pyramid<pyramid_down<6>>>` does
 * (`object_detector.h operator()`, `scan_fhog_pyramid.h detect_from_fhog_pyramid`): fhog on every
 * pyramid_down<6> level, each weight vector's filters scanned over each level, every response
 * >= bias + adjustThreshold kept, then greedy non-max suppression in descending score order with
 * the detector's overlap tester, across all weight vectors.
 * RGB(A) images run dlib's colour path (alpha ignored), grey images its grey path.
 * requires: a well-formed image; upsample an integer 0..3.
 * ensures: detections sorted by descending score; boxes in input pixel coordinates (they may
 *          extend past the image border, as dlib's do). Deterministic.
 */
export function detectHog(det: HogDetector, img: Image, opts: HogDetectOptions = {}): HogDetection[] {
  assertHogDetector(det, 'detectHog');
  assertImage(img, 'detectHog');
  const upsample = opts.upsample ?? 0;
  const adjust = opts.adjustThreshold ?? 0;
  check(Number.isInteger(upsample) && upsample >= 0 && upsample <= 3, 'detectHog', `upsample must be an integer in 0..3, got ${upsample}`);
  check(Number.isFinite(adjust), 'detectHog', `adjustThreshold must be a finite number, got ${adjust}`);
  let work = img;
  for (let i = 0; i < upsample; i++) work = pyramidUp2(work);
  const found = detectRects(det, work, adjust);
  return found.map(({ rect, score, filterIndex }) => {
    // dlib python: rect_down through pyramid_down<2>, once per upsampling.
    const r = upsample > 0 ? roundRect(rectDown2(rect, upsample)) : rect;
    return { box: { x: r.left, y: r.top, width: r.right - r.left + 1, height: r.bottom - r.top + 1 }, rect: r, score, filterIndex };
  });
}

interface RawDetection {
  rect: DlibRect;
  score: number;
  filterIndex: number;
}

function detectRects(det: HogDetector, img: Image, adjust: number): RawDetection[] {
  if (img.width === 0 || img.height === 0) return [];
  const levels = buildFeaturePyramid(det, img);
  const all: RawDetection[] = [];
  const boxW = det.filterCols - 2 * det.padding;
  const boxH = det.filterRows - 2 * det.padding;
  det.detectors.forEach(({ filterbank, bias }, filterIndex) => {
    const thresh = bias + adjust;
    const mine: RawDetection[] = [];
    levels.forEach((feats, l) => {
      if (feats.rows === 0 || feats.cols === 0) return;
      const { scores, area } = saliency(feats, filterbank, FHOG_PLANES);
      for (let r = area.top; r <= area.bottom; r++) {
        for (let c = area.left; c <= area.right; c++) {
          // dlib keeps the float32 response; round it so scores match dlib's to float precision.
          const s = Math.fround(scores[r * feats.cols + c]!);
          if (s >= thresh) {
            const inFeats = centeredRect(c, r, boxW, boxH);
            const rect = roundRect(rectUp6(fhogToImage(inFeats, det), l));
            mine.push({ rect, score: s - bias, filterIndex });
          }
        }
      }
    });
    all.push(...mine);
  });
  // dlib sorts by descending confidence (std::sort, not stable; exact ties are practically absent).
  all.sort((a, b) => b.score - a.score);
  const kept: RawDetection[] = [];
  for (const d of all) {
    if (!kept.some((k) => boxesOverlap(det, k.rect, d.rect))) kept.push(d);
  }
  return kept;
}

/** Feature pyramid as dlib's `create_fhog_pyramid`, padded for the detector's filter size. */
export function buildFeaturePyramid(det: HogDetector, img: Image): FhogFeatures[] {
  const n = pyramidLevelCount(img.width, img.height, det.minPyramidLayerWidth, det.minPyramidLayerHeight, det.maxPyramidLevels);
  const feats: FhogFeatures[] = [];
  let level = img.channels === 4 ? dropAlpha(img) : img;
  for (let l = 0; l < n; l++) {
    if (l > 0) level = pyramidDown6(level);
    feats.push(extractFhog(level, det.cellSize, det.filterRows, det.filterCols));
  }
  return feats;
}

/** fhog.h `fhog_to_image` for a rectangle: cell to the centre of its pixel block. */
function fhogToImage(r: DlibRect, det: HogDetector): DlibRect {
  const cs = det.cellSize;
  const half = Math.trunc(cs / 2);
  const offR = (det.filterRows - 1) >> 1;
  const offC = (det.filterCols - 1) >> 1;
  const map = (x: number, y: number): [number, number] => {
    const px = (x + 1 - offC) * cs + 1;
    const py = (y + 1 - offR) * cs + 1;
    return [px + (px >= 0 ? half : -half), py + (py >= 0 ? half : -half)];
  };
  const [left, top] = map(r.left, r.top);
  const [right, bottom] = map(r.right, r.bottom);
  return { left, top, right, bottom };
}

/** dlib 19.24 `test_box_overlap::operator()`: IoU against the bounding union, or coverage. */
function boxesOverlap(det: HogDetector, a: DlibRect, b: DlibRect): boolean {
  const inner = rectArea(rectIntersect(a, b));
  if (inner === 0) return false;
  const outer = rectArea(rectUnion(a, b));
  return inner / outer > det.iouThresh || inner / rectArea(a) > det.percentCoveredThresh || inner / rectArea(b) > det.percentCoveredThresh;
}

function dropAlpha(img: Image): Image {
  const n = img.width * img.height;
  const out = new Uint8ClampedArray(n * 3);
  for (let i = 0; i < n; i++) {
    out[i * 3] = img.data[i * 4]!;
    out[i * 3 + 1] = img.data[i * 4 + 1]!;
    out[i * 3 + 2] = img.data[i * 4 + 2]!;
  }
  return { width: img.width, height: img.height, channels: 3, data: out };
}
