/**
 * Aligned face crops from 68 landmarks:
 * - `faceChip`: dlib's chip (get_face_chip_details + extract_image_chip), the documented input of
 *   dlib's face recognition ResNet at size 150, padding 0.25;
 * - `arcfaceChip`: the 112x112 five-point template of insightface (ArcFace, Deng et al. 2019);
 * - `eyeLineCrop`: DeepFace-style alignment, rotate so the eyes are level, then crop the face box.
 */
import { check } from '../core/errors.js';
import { assertImage, type Box, type Image } from '../image/image.js';
import { invertAffine, warpAffine, type Affine } from '../image/warp.js';
import { getFaceChipDetails } from './chip-details.js';
import { extractImageChip, type ChipResult } from './extract-chip.js';
import { similarityTransform, type Point } from './similarity.js';

/** Options of faceChip (dlib's get_face_chip_details arguments). */
export interface FaceChipOptions {
  size?: number;
  padding?: number;
}

/**
 * dlib's face chip: get_face_chip_details(shape, size, padding) then extract_image_chip.
 * requires: 68 (or dlib 5-point) landmarks in image pixels; size integer 1..4096; padding >= 0.
 * ensures: a size x size chip with img's channels, the source->chip transform and its inverse.
 */
export function faceChip(img: Image, landmarks: readonly Point[], opts: FaceChipOptions = {}): ChipResult {
  assertImage(img, 'faceChip');
  return extractImageChip(img, getFaceChipDetails(landmarks, opts.size ?? 150, opts.padding ?? 0.25));
}

/** insightface's 112x112 ArcFace reference points: eye centres, nose tip, mouth corners (image left first). */
export const ARCFACE_TEMPLATE_112: readonly Point[] = [
  [38.2946, 51.6963],
  [73.5318, 51.5014],
  [56.0252, 71.7366],
  [41.5493, 92.3655],
  [70.7299, 92.2041],
];

/** The 5 ArcFace points from iBUG 68 (0-based): eye centres (36-41, 42-47), nose tip 30, mouth corners 48, 54. */
export function fivePointsFrom68(landmarks: readonly Point[]): Point[] {
  check(Array.isArray(landmarks) && landmarks.length === 68, 'fivePointsFrom68', `needs 68 landmarks, got ${Array.isArray(landmarks) ? landmarks.length : typeof landmarks}`);
  const mean = (a: number, b: number): Point => {
    let x = 0, y = 0;
    for (let i = a; i <= b; i++) { x += landmarks[i][0]; y += landmarks[i][1]; }
    return [x / (b - a + 1), y / (b - a + 1)];
  };
  return [mean(36, 41), mean(42, 47), [landmarks[30][0], landmarks[30][1]], [landmarks[48][0], landmarks[48][1]], [landmarks[54][0], landmarks[54][1]]];
}

/** An aligned crop with its geometry. */
export interface AlignedCrop {
  image: Image;
  /** Source -> crop, cv2.warpAffine convention. */
  transform: Affine;
  /** Crop -> source. */
  inverse: Affine;
}

/**
 * ArcFace-style chip: the similarity (Umeyama) taking the 5 points onto insightface's template,
 * scaled to `size`, applied with OpenCV-exact bilinear warpAffine (black border), as insightface's
 * norm_crop does.
 * requires: 68 or 5 landmarks; size integer 1..4096 (112 is the template's own size).
 */
export function arcfaceChip(img: Image, landmarks: readonly Point[], size = 112): AlignedCrop {
  const fn = 'arcfaceChip';
  assertImage(img, fn);
  check(Number.isInteger(size) && size >= 1 && size <= 4096, fn, `size must be an integer in 1..4096, got ${size}`);
  check(Array.isArray(landmarks) && (landmarks.length === 68 || landmarks.length === 5), fn, `needs 68 or 5 landmarks, got ${Array.isArray(landmarks) ? landmarks.length : typeof landmarks}`);
  const five = landmarks.length === 68 ? fivePointsFrom68(landmarks) : (landmarks as Point[]);
  const k = size / 112;
  const transform = similarityTransform(five, ARCFACE_TEMPLATE_112.map(([x, y]) => [x * k, y * k] as Point));
  return { image: warpAffine(img, transform, size, size), transform, inverse: invertAffine(transform) };
}

/**
 * DeepFace-style alignment: rotate about the midpoint between the eye centres so that the eyes are
 * horizontal, then cut out `box` (same size, same centre relative to the eyes). One bilinear warp
 * (DeepFace rotates the whole image with PIL bicubic, then crops: a second resampling avoided here).
 * requires: 68 landmarks; box with positive integer width/height.
 * ensures: box.width x box.height crop; `angle` in radians that the face was rotated by.
 */
export function eyeLineCrop(img: Image, landmarks: readonly Point[], box: Box): AlignedCrop & { angle: number } {
  const fn = 'eyeLineCrop';
  assertImage(img, fn);
  check(Number.isInteger(box.width) && Number.isInteger(box.height) && box.width >= 1 && box.height >= 1 && box.width <= 8192 && box.height <= 8192, fn, `box width/height must be integers in 1..8192, got ${box.width}x${box.height}`);
  check(Number.isFinite(box.x) && Number.isFinite(box.y), fn, `box x, y must be finite, got ${box.x}, ${box.y}`);
  const [le, re] = fivePointsFrom68(landmarks);
  const angle = Math.atan2(re[1] - le[1], re[0] - le[0]);
  const cx = (le[0] + re[0]) / 2;
  const cy = (le[1] + re[1]) / 2;
  const c = Math.cos(-angle);
  const s = Math.sin(-angle);
  // Rotate by -angle about (cx, cy), then shift so the box's top-left lands at (0, 0).
  const transform: Affine = [c, -s, cx - c * cx + s * cy - box.x, s, c, cy - s * cx - c * cy - box.y];
  return { image: warpAffine(img, transform, box.width, box.height), transform, inverse: invertAffine(transform), angle };
}
