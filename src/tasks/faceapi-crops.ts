import type { Box } from '../image/image.js';
import type { Point } from './types.js';

/**
 * face-api.js's crop rules (classes/Box.ts, classes/FaceLandmarks.ts), reproduced so that the
 * 'faceapi' alignment feeds each net exactly the pixels face-api.js feeds it.
 */

/** Box.clipAtImageBorders then floor(): clip to the image, then floor x, y, width and height. */
export function clipAndFloor(box: Box, width: number, height: number): Box {
  const x = Math.max(box.x, 0);
  const y = Math.max(box.y, 0);
  const w = Math.min(box.x + box.width - x, width - x);
  const h = Math.min(box.y + box.height - y, height - y);
  return { x: Math.floor(x), y: Math.floor(y), width: Math.floor(w), height: Math.floor(h) };
}

const mean = (pts: readonly Point[]): Point => {
  let sx = 0;
  let sy = 0;
  for (const [x, y] of pts) {
    sx += x;
    sy += y;
  }
  return [sx / pts.length, sy / pts.length];
};

/**
 * FaceLandmarks.align(null, { useDlibAlignment: true }): a square around the eye and mouth centres
 * whose side is (mean eye-to-mouth distance) / 0.45, placed at 0.5 / 0.43 of the side from their
 * centroid. This is the crop face-api.js gives the face recognition net.
 */
export function alignDlibBox(landmarks: readonly Point[], width: number, height: number): Box {
  const leftEye = mean(landmarks.slice(36, 42));
  const rightEye = mean(landmarks.slice(42, 48));
  const mouth = mean(landmarks.slice(48, 68));
  const dist = (p: Point): number => Math.hypot(mouth[0] - p[0], mouth[1] - p[1]);
  const size = Math.floor((dist(leftEye) + dist(rightEye)) / 2 / 0.45);
  const ref = mean([leftEye, rightEye, mouth]);
  const x = Math.floor(Math.max(0, ref[0] - 0.5 * size));
  const y = Math.floor(Math.max(0, ref[1] - 0.43 * size));
  return { x, y, width: Math.min(size, width + x), height: Math.min(size, height + y) };
}

/**
 * FaceLandmarks.align() default: the landmarks' bounding box grown by `padding` of its size
 * (half on each side). face-api.js crops this for age, gender and expression.
 */
export function alignMinBox(landmarks: readonly Point[], padding = 0.2): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of landmarks) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  const w = x1 - x0;
  const h = y1 - y0;
  return { x: x0 - (w * padding) / 2, y: y0 - (h * padding) / 2, width: w * (1 + padding), height: h * (1 + padding) };
}
