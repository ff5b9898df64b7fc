/**
 * Box adapters: the landmark model was trained on boxes from dlib's HOG frontal face detector, so
 * boxes from other detectors should be mapped to that convention first.
 */
import { check } from '../core/errors.js';
import type { Box } from '../image/image.js';
import type { Point } from './similarity.js';

/** Detectors of DESIGN.md whose boxes may feed the landmark model. */
export type BoxSource = 'hog' | 'ssd' | 'tiny' | 'lbp-cascade' | 'haar-cascade';

/**
 * The box dlib's HOG detector would give for a face, estimated from its 68 landmarks: a square of
 * side 1.06 x the landmarks' height, centred on their horizontal middle and 0.089 x side above their
 * vertical middle. Constants fitted on the 17 faces of ../shared/fixtures/dlib (dlib HOG boxes vs
 * dlib landmarks: side/height 1.061 +- 0.074, centre-y offset -0.089 +- 0.048 of the side).
 * Used to evaluate landmarks from ground truth when no detector runs (scripts/eval-landmarks.ts).
 * requires: >= 2 finite points. ensures: integer box, width = height >= 1.
 */
export function hogBoxFromLandmarks(points: readonly Point[]): Box {
  check(Array.isArray(points) && points.length >= 2, 'hogBoxFromLandmarks', `needs at least 2 points, got ${Array.isArray(points) ? points.length : typeof points}`);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of points) {
    check(Number.isFinite(x) && Number.isFinite(y), 'hogBoxFromLandmarks', `points must be finite, got [${x}, ${y}]`);
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  const side = Math.max(1, Math.round(1.06 * (y1 - y0)));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2 - 0.089 * side;
  return { x: Math.round(cx - (side - 1) / 2), y: Math.round(cy - (side - 1) / 2), width: side, height: side };
}

/**
 * A 4-parameter map from a detector's box to dlib HOG's box on the same face. With c the box
 * centre (x + w/2, y + h/2): hog.cx = cx + dx*w, hog.cy = cy + dy*h, hog.w = sw*w, hog.h = sh*h.
 * Chosen over a general affine fit because it is scale- and translation-equivariant by
 * construction (a box's meaning does not depend on where the face is or how big it is) and
 * each constant reads as "shift by this fraction of the box" / "scale by this factor".
 */
export interface BoxAdapter {
  dx: number;
  dy: number;
  sw: number;
  sh: number;
}

/** Every detector's box convention, in the order of DESIGN.md. */
export const BOX_SOURCES: readonly BoxSource[] = ['hog', 'ssd', 'tiny', 'lbp-cascade', 'haar-cascade'];

/**
 * The fitted adapters: `npx tsx scripts/fit-box-adapters.ts` (defaults: --lfw 120 --max-side 640
 * --min-iou 0.3), run 2026-11-29. Data: the first image of the first 120 people (sorted) of
 * ../shared/data/lfw/persons_dev.txt plus the DeepFace samples (../shared/data/deepface-images,
 * shrunk to <= 640 px; img47 is WebP and skipped): 183 images, 194 HOG faces; none from the AFW
 * landmark evaluation set. Each constant is the mean per-face ratio; residual std per constant:
 * | detector | n | dx | dy | sw | sh | std dx / dy / sw / sh | mean IoU with HOG raw -> adapted |
 * |---|---|---|---|---|---|---|---|
 * | ssd | 186 | 0.0269 | 0.0634 | 1.0654 | 0.8632 | 0.082 / 0.049 / 0.129 / 0.090 | 0.712 -> 0.781 |
 * | tiny | 169 | 0.0214 | -0.0528 | 0.8616 | 0.8988 | 0.057 / 0.048 / 0.102 / 0.090 | 0.704 -> 0.782 |
 * | lbp-cascade | 183 | 0.0275 | 0.0206 | 1.3263 | 1.3207 | 0.038 / 0.062 / 0.136 / 0.136 | 0.588 -> 0.821 |
 * | haar-cascade | 193 | 0.0168 | 0.0783 | 0.8768 | 0.8733 | 0.050 / 0.068 / 0.084 / 0.085 | 0.693 -> 0.807 |
 * The residuals (4-14% of the box) are per-face disagreement between detectors, not fit error:
 * no 4-parameter map removes it. On AFW, ERT from the adapted box beats ERT from a box found via
 * CNN landmarks only for lbp-cascade (NME 0.031 vs 0.088); src/tasks/landmarks.ts ERT_BOX_VIA
 * picks per detector.
 */
export const BOX_ADAPTERS: Readonly<Record<BoxSource, Readonly<BoxAdapter>>> = {
  hog: { dx: 0, dy: 0, sw: 1, sh: 1 },
  ssd: { dx: 0.0269, dy: 0.0634, sw: 1.0654, sh: 0.8632 },
  tiny: { dx: 0.0214, dy: -0.0528, sw: 0.8616, sh: 0.8988 },
  'lbp-cascade': { dx: 0.0275, dy: 0.0206, sw: 1.3263, sh: 1.3207 },
  'haar-cascade': { dx: 0.0168, dy: 0.0783, sw: 0.8768, sh: 0.8733 },
};

function checkBox(box: Box, fn: string): void {
  check(box !== null && typeof box === 'object', fn, `expected a box {x, y, width, height}, got ${box === null ? 'null' : typeof box}`);
  const { x, y, width, height } = box;
  check(Number.isFinite(x) && Number.isFinite(y), fn, `box x and y must be finite, got ${x}, ${y}`);
  check(Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0, fn, `box width and height must be finite and positive, got ${width}x${height}`);
}

/**
 * Applies a box adapter (see {@link BoxAdapter}) and rounds to whole pixels.
 * requires: finite box with width, height > 0; finite adapter with sw, sh > 0.
 * ensures: integer box with width, height >= 1; identity adapter returns the box rounded.
 */
export function applyBoxAdapter(box: Box, adapter: BoxAdapter): Box {
  checkBox(box, 'applyBoxAdapter');
  const { dx, dy, sw, sh } = adapter;
  check([dx, dy, sw, sh].every(Number.isFinite) && sw > 0 && sh > 0, 'applyBoxAdapter', `adapter must be finite with sw, sh > 0, got ${JSON.stringify(adapter)}`);
  const w = sw * box.width, h = sh * box.height;
  const cx = box.x + box.width / 2 + dx * box.width;
  const cy = box.y + box.height / 2 + dy * box.height;
  const width = Math.max(1, Math.round(w)), height = Math.max(1, Math.round(h));
  // Centre the rounded size on the exact centre so that rounding never shifts the face; `+ 0`
  // turns Math.round's -0 into 0 (plain JSON, Object.is-stable).
  return { x: Math.round(cx - width / 2) + 0, y: Math.round(cy - height / 2) + 0, width, height };
}

/**
 * Maps a detector's box to the dlib-HOG convention the ERT model was trained with, using the
 * fitted {@link BOX_ADAPTERS}.
 * requires: finite box with width, height > 0; source one of {@link BOX_SOURCES}.
 * ensures: integer box, width, height >= 1; 'hog' returns the box itself (rounded).
 */
export function adaptBox(box: Box, source: BoxSource): Box {
  check(BOX_SOURCES.includes(source), 'adaptBox', `source must be one of ${BOX_SOURCES.join(', ')}, got ${String(source)}`);
  checkBox(box, 'adaptBox');
  if (source === 'hog') return { x: Math.round(box.x) + 0, y: Math.round(box.y) + 0, width: Math.max(1, Math.round(box.width)), height: Math.max(1, Math.round(box.height)) };
  return applyBoxAdapter(box, BOX_ADAPTERS[source]);
}
