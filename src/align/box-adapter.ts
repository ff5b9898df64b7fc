/**
 * Box adapters: the landmark model was trained on boxes from dlib's HOG frontal face detector, so
 * boxes from other detectors should be mapped to that convention first.
 */
import { FacetsError, check } from '../core/errors.js';
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
 * Maps a detector's box to the dlib-HOG convention the ERT model expects. Only 'hog' (identity) is
 * implemented; boxes from SSD / tiny / cascades need per-detector fits once those detectors land.
 */
export function adaptBox(box: Box, source: BoxSource): Box {
  if (source !== 'hog') throw new FacetsError('E_UNSUPPORTED', `adaptBox: no adapter for detector '${String(source)}' yet; only 'hog' boxes are supported`);
  return { ...box };
}
