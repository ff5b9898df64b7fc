/**
 * From raw detector outputs to face boxes in image pixels, as face-api.js does it:
 * - tiny-face-detector: YOLOv2 decoding (Redmon & Farhadi 2017 sec. 2 "Direct location
 *   prediction"; tinyYolov2/TinyYolov2Base.extractBoxes) then greedy NMS at IoU 0.4
 *   (ops/nonMaxSuppression.ts).
 * - ssd-mobilenetv1: score filter, greedy NMS at IoU 0.5 capped at maxResults
 *   (ssdMobilenetv1/nonMaxSuppression.ts), boxes clipped to [0, 1] (SsdMobilenetv1.locateFaces).
 * Boxes are relative to the padded square net input; both detectors pad bottom/right.
 */
import { check } from '../../core/errors.js';
import type { Box } from '../../image/image.js';
import type { Tensor } from '../tensor.js';
import { TINY_FACE_ANCHORS } from './tiny-face-detector.js';

/** A detected face: box in image pixels and the detector's score in 0..1. */
export interface Detection {
  box: Box;
  score: number;
}

interface Rel { left: number; top: number; right: number; bottom: number }

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

function area(b: Rel): number {
  return (b.right - b.left) * (b.bottom - b.top);
}

/** Intersection over union of two boxes (0 when either is empty). */
export function iou(a: Rel, b: Rel): number {
  const w = Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left));
  const h = Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
  const inter = w * h;
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Greedy non-maximum suppression: visit boxes by descending score (ties: lower index first),
 * keep one unless it overlaps a kept box with IoU > iouThreshold.
 * requires: boxes.length === scores.length. ensures: indices of kept boxes, best first, at most maxOutput.
 */
export function nonMaxSuppression(boxes: readonly Rel[], scores: readonly number[], iouThreshold: number, maxOutput = Infinity): number[] {
  check(boxes.length === scores.length, 'nonMaxSuppression', `${boxes.length} boxes but ${scores.length} scores`);
  check(iouThreshold >= 0 && iouThreshold <= 1, 'nonMaxSuppression', `iouThreshold must be in 0..1, got ${iouThreshold}`);
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const kept: number[] = [];
  for (const i of order) {
    if (kept.length >= maxOutput) break;
    if (kept.every((k) => iou(boxes[i], boxes[k]) <= iouThreshold)) kept.push(i);
  }
  return kept;
}

/**
 * Relative (padded-square) box to image pixels with face-api.js's factors: the net saw the image
 * resized to round(side * inputSize / max(w, h)) pixels (utils computeReshapedDimensions), so a
 * relative coordinate r is r * inputSize / reshaped * side.
 */
function toPixels(r: Rel, inputSize: number, width: number, height: number): Box {
  const s = Math.max(width, height);
  const fx = (inputSize / Math.round((width * inputSize) / s)) * width;
  const fy = (inputSize / Math.round((height * inputSize) / s)) * height;
  const x = r.left * fx, y = r.top * fy;
  return { x, y, width: r.right * fx - x, height: r.bottom * fy - y };
}

export interface TinyDecodeOptions {
  /** Original image size (before padding). */
  width: number;
  height: number;
  /** The net input size the grid came from (416 by default). */
  inputSize?: number;
  /** face-api.js default 0.5; boxes with sigmoid(objectness) <= threshold are dropped. */
  scoreThreshold?: number;
  /** face-api.js TinyFaceDetector uses 0.4. */
  iouThreshold?: number;
}

/**
 * Faces from a tiny-face-detector grid [1, S, S, 25].
 * ensures: boxes in image pixels (not clipped, as in face-api.js), best score first.
 */
export function tinyFaceDetections(grid: Tensor, opts: TinyDecodeOptions): Detection[] {
  const [, cells, cellsW, depth] = grid.shape;
  check(grid.shape.length === 4 && cells === cellsW && depth === 25, 'tinyFaceDetections', `grid must be [1, S, S, 25], got [${grid.shape.join(', ')}]`);
  check(opts.width > 0 && opts.height > 0, 'tinyFaceDetections', `width and height must be positive, got ${opts.width}x${opts.height}`);
  const threshold = opts.scoreThreshold ?? 0.5;
  const rel: Rel[] = [], scores: number[] = [];
  for (let row = 0; row < cells; row++)
    for (let col = 0; col < cells; col++)
      for (let a = 0; a < 5; a++) {
        const o = ((row * cells + col) * 5 + a) * 5;
        const score = sigmoid(grid.data[o + 4]);
        if (!(score > threshold)) continue;
        const cx = (col + sigmoid(grid.data[o])) / cells;
        const cy = (row + sigmoid(grid.data[o + 1])) / cells;
        const w = (Math.exp(grid.data[o + 2]) * TINY_FACE_ANCHORS[a][0]) / cells;
        const h = (Math.exp(grid.data[o + 3]) * TINY_FACE_ANCHORS[a][1]) / cells;
        rel.push({ left: cx - w / 2, top: cy - h / 2, right: cx + w / 2, bottom: cy + h / 2 });
        scores.push(score);
      }
  const keep = nonMaxSuppression(rel, scores, opts.iouThreshold ?? 0.4);
  const inputSize = opts.inputSize ?? cells * 32;
  return keep.map((i) => ({ box: toPixels(rel[i], inputSize, opts.width, opts.height), score: scores[i] }));
}

export interface SsdDecodeOptions {
  /** Original image size (before padding). */
  width: number;
  height: number;
  /** face-api.js default minConfidence 0.5. */
  minConfidence?: number;
  /** face-api.js default 100. */
  maxResults?: number;
  /** face-api.js uses 0.5. */
  iouThreshold?: number;
}

/**
 * Faces from ssd-mobilenetv1 outputs (boxes [N, 4] as ymin, xmin, ymax, xmax relative; scores [N]).
 * ensures: boxes clipped to the image, in pixels, best score first.
 */
export function ssdDetections(out: { boxes: Tensor; scores: Tensor }, opts: SsdDecodeOptions): Detection[] {
  const n = out.scores.data.length;
  check(out.boxes.data.length === 4 * n, 'ssdDetections', `boxes must be [${n}, 4], got [${out.boxes.shape.join(', ')}]`);
  check(opts.width > 0 && opts.height > 0, 'ssdDetections', `width and height must be positive, got ${opts.width}x${opts.height}`);
  const minConfidence = opts.minConfidence ?? 0.5;
  const idx: number[] = [], rel: Rel[] = [], scores: number[] = [];
  for (let i = 0; i < n; i++) {
    const score = out.scores.data[i];
    if (!(score > minConfidence)) continue;
    const b = out.boxes.data.subarray(4 * i, 4 * i + 4);
    // ssdMobilenetv1/nonMaxSuppression.ts IOU orders each box's corners with min/max first.
    rel.push({ top: Math.min(b[0], b[2]), left: Math.min(b[1], b[3]), bottom: Math.max(b[0], b[2]), right: Math.max(b[1], b[3]) });
    scores.push(score);
    idx.push(i);
  }
  const keep = nonMaxSuppression(rel, scores, opts.iouThreshold ?? 0.5, opts.maxResults ?? 100);
  return keep.map((k) => {
    const b = out.boxes.data.subarray(4 * idx[k], 4 * idx[k] + 4);
    const clip: Rel = { top: Math.max(0, b[0]), left: Math.max(0, b[1]), bottom: Math.min(1, b[2]), right: Math.min(1, b[3]) };
    return { box: toPixels(clip, 512, opts.width, opts.height), score: scores[k] };
  });
}
