/**
 * dlib's `chip_details` and `get_face_chip_details` (dlib/image_transforms/interpolation.h):
 * where a face chip lies in the source image, as a rotated rectangle.
 */
import { check } from '../core/errors.js';
import type { Affine } from '../image/warp.js';
import { similarityTransform, type Point } from './similarity.js';

/** A dlib drectangle: corners inclusive, width = right - left + 1. */
export interface DRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A chip: `rect` rotated by `angle` (radians) about its centre, resampled to rows x cols. */
export interface ChipDetails {
  rect: DRect;
  angle: number;
  rows: number;
  cols: number;
}

/**
 * dlib's mean face for points 17..67 of the iBUG 68-point markup, in [0,1] chip coordinates
 * (interpolation.h `get_face_chip_details`, "Average positions of face points 17-67"); data, kept
 * verbatim because the chip must match dlib's.
 */
const MEAN_FACE_X = [
  0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124, 0.904991, 0.98004, 0.490127, 0.490127,
  0.490127, 0.490127, 0.36688, 0.426036, 0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825, 0.334606, 0.260918,
  0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149, 0.340985, 0.428858, 0.490127, 0.551395,
  0.639268, 0.726104, 0.642159, 0.556721, 0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874,
  0.553364, 0.490127, 0.42689,
];
const MEAN_FACE_Y = [
  0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891, 0.0187482, 0.038915, 0.106454, 0.203352,
  0.307009, 0.409805, 0.515625, 0.587326, 0.609345, 0.628106, 0.609345, 0.587326, 0.216423, 0.178758, 0.179852, 0.231733,
  0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099, 0.780233, 0.745405, 0.727388, 0.742578,
  0.727388, 0.745405, 0.780233, 0.864805, 0.902192, 0.909281, 0.902192, 0.864805, 0.784792, 0.778746, 0.785343, 0.778746,
  0.784792, 0.824182, 0.831803, 0.824182,
];

/** dlib's 5-point template (shape_predictor_5_face_landmarks: eye corners and nose base). */
const FIVE_POINT: Point[] = [
  [0.8595674595992, 0.2134981538014],
  [0.6460604764104, 0.2289674387677],
  [0.1205750620789, 0.2137274526848],
  [0.3340850613712, 0.2290642403242],
  [0.4901123135679, 0.6277975316475],
];

/**
 * Chip details from point correspondences, as dlib's chip_details(chip_points, img_points, dims):
 * a similarity maps chip to image; its rotation is the angle, its scale sizes the rectangle.
 */
export function chipDetailsFromPoints(chipPoints: Point[], imgPoints: Point[], rows: number, cols: number): ChipDetails {
  const m = similarityTransform(chipPoints, imgPoints);
  const angle = Math.atan2(m[3], m[0]);
  const scale = Math.hypot(m[0], m[3]);
  const cx = m[0] * (cols / 2) + m[1] * (rows / 2) + m[2];
  const cy = m[3] * (cols / 2) + m[4] * (rows / 2) + m[5];
  // dlib centered_drect: width and height shrink by one because drectangle corners are inclusive.
  const w = cols * scale - 1;
  const h = rows * scale - 1;
  return { rect: { left: cx - w / 2, top: cy - h / 2, right: cx + w / 2, bottom: cy + h / 2 }, angle, rows, cols };
}

/**
 * dlib get_face_chip_details: the chip that puts the face's points on dlib's mean face, scaled into
 * a size x size chip with `padding` (fraction of the face) on each side.
 * requires: 68 (iBUG) or 5 (dlib 5-point) landmarks, size >= 1 integer, padding >= 0.
 */
export function getFaceChipDetails(landmarks: readonly Point[], size = 150, padding = 0.25): ChipDetails {
  const fn = 'getFaceChipDetails';
  check(Array.isArray(landmarks) && (landmarks.length === 68 || landmarks.length === 5), fn, `needs 68 or 5 landmarks, got ${Array.isArray(landmarks) ? landmarks.length : typeof landmarks}`);
  check(Number.isInteger(size) && size >= 1 && size <= 4096, fn, `size must be an integer in 1..4096, got ${size}`);
  check(Number.isFinite(padding) && padding >= 0, fn, `padding must be >= 0, got ${padding}`);
  const from: Point[] = [];
  const to: Point[] = [];
  const place = (x: number, y: number): Point => [((padding + x) / (2 * padding + 1)) * size, ((padding + y) / (2 * padding + 1)) * size];
  if (landmarks.length === 5) {
    FIVE_POINT.forEach((p, i) => {
      from.push(place(p[0], p[1]));
      to.push(landmarks[i] as Point);
    });
  } else {
    for (let i = 17; i < 68; i++) {
      // dlib skips the eyebrows (17-26) and the lower lip (55-59, 65-67): they move with expression.
      if (i <= 26 || (i >= 55 && i <= 59) || i >= 65) continue;
      from.push(place(MEAN_FACE_X[i - 17], MEAN_FACE_Y[i - 17]));
      to.push(landmarks[i] as Point);
    }
  }
  return chipDetailsFromPoints(from, to, size, size);
}

/** dlib rotate_point(center, p, angle). */
export function rotatePoint(cx: number, cy: number, x: number, y: number, angle: number): Point {
  const s = Math.sin(angle);
  const c = Math.cos(angle);
  const dx = x - cx;
  const dy = y - cy;
  return [c * dx - s * dy + cx, s * dx + c * dy + cy];
}

/**
 * The affine map from chip pixel (c, r) to the image, for a rectangle given in some image's
 * coordinates: chip corners (0,0), (cols-1,0), (0,rows-1) go to the rotated rect's tl, tr, bl
 * corners (dlib extract_image_chips; find_affine_transform of 3 points solved exactly).
 */
export function chipToImageAffine(rect: DRect, angle: number, rows: number, cols: number): Affine {
  const cx = (rect.left + rect.right) / 2;
  const cy = (rect.top + rect.bottom) / 2;
  const tl = rotatePoint(cx, cy, rect.left, rect.top, angle);
  const tr = rotatePoint(cx, cy, rect.right, rect.top, angle);
  const bl = rotatePoint(cx, cy, rect.left, rect.bottom, angle);
  const sc = cols > 1 ? 1 / (cols - 1) : 0;
  const sr = rows > 1 ? 1 / (rows - 1) : 0;
  return [(tr[0] - tl[0]) * sc, (bl[0] - tl[0]) * sr, tl[0], (tr[1] - tl[1]) * sc, (bl[1] - tl[1]) * sr, tl[1]];
}
