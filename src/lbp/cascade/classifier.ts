import { check } from '../../core/errors.js';
import { assertGray, type Box, type GrayImage } from '../../image/image.js';
import { roundHalfEven as cvRound } from '../../image/round.js';
import { groupRectangles, type GroupedBox } from './group.js';
import { haarOffsets, runHaarAt } from './haar.js';
import { integralSums, integralTilted } from './integral.js';
import { lbpOffsets, runLbpAt } from './lbp.js';
import type { CascadeModel } from './model.js';
import { readCascadeXml } from './read.js';
import { pyramidLevel } from './pyramid.js';
import { planScales, type ScalePlan, type SizeLimit } from './scales.js';

/** Options of `detectMultiScale`, OpenCV's names and defaults. */
export interface DetectMultiScaleOptions {
  /** Pyramid step, > 1 (default 1.1). */
  scaleFactor?: number;
  /** Candidates a box needs beyond itself to be kept (default 3); 0 returns raw candidates. */
  minNeighbors?: number;
  /** Smallest box, `{width, height}` or `[width, height]` (default none). */
  minSize?: SizeLimit | readonly [number, number];
  /** Largest box (default: the image). */
  maxSize?: SizeLimit | readonly [number, number];
}

/** Work done at one pyramid level (for the step-through report). */
export interface CascadeScaleStats extends ScalePlan {
  /** Window positions evaluated (OpenCV `runAt` calls). */
  windowsTested: number;
  /** Windows that passed every stage (raw candidates at this level). */
  windowsAccepted: number;
}

/** `detectMultiScaleDetailed` result: plain JSON data. */
export interface CascadeDetections {
  /** Final boxes, after grouping and clipping to the image (what OpenCV returns). */
  boxes: Box[];
  /** Final boxes with their vote counts (same order as `boxes`). */
  grouped: GroupedBox[];
  /** Every accepted window, in original-image pixels, before grouping. */
  candidates: Box[];
  scales: CascadeScaleStats[];
}

/** A loaded OpenCV cascade (`opencv-cascade-classifier`, HAAR or LBP). Immutable; reentrant. */
export class CascadeClassifier {
  readonly model: CascadeModel;

  constructor(model: CascadeModel) {
    this.model = model;
  }

  /** Training window size (the smallest detectable object). */
  get windowSize(): { width: number; height: number } {
    return { width: this.model.width, height: this.model.height };
  }

  get featureType(): 'HAAR' | 'LBP' {
    return this.model.featureType;
  }

  /**
   * Finds objects as OpenCV 4.6 `CascadeClassifier::detectMultiScale(gray, scaleFactor,
   * minNeighbors, 0, minSize, maxSize)` does, box for box.
   * requires: gray.channels === 1; scaleFactor > 1; minNeighbors an integer >= 0.
   * ensures: boxes lie inside the image; the same set of boxes as OpenCV (order may differ).
   */
  detectMultiScale(gray: GrayImage, options: DetectMultiScaleOptions = {}): Box[] {
    return this.detectMultiScaleDetailed(gray, options).boxes;
  }

  /** `detectMultiScale` plus raw candidates and per-scale work. Same requires/ensures. */
  detectMultiScaleDetailed(gray: GrayImage, options: DetectMultiScaleOptions = {}): CascadeDetections {
    const fn = 'detectMultiScale';
    assertGray(gray, fn);
    const scaleFactor = options.scaleFactor ?? 1.1;
    const minNeighbors = options.minNeighbors ?? 3;
    check(typeof scaleFactor === 'number' && Number.isFinite(scaleFactor) && scaleFactor > 1, fn, `scaleFactor must be a finite number > 1, got ${String(scaleFactor)}`);
    check(Number.isInteger(minNeighbors) && minNeighbors >= 0, fn, `minNeighbors must be an integer >= 0, got ${String(minNeighbors)}`);
    const minSize = toSize(options.minSize, 'minSize');
    const maxSize = toSize(options.maxSize, 'maxSize');
    const m = this.model;
    const plans = planScales(gray.width, gray.height, m.width, m.height, scaleFactor, minSize, maxSize);
    const candidates: Box[] = [];
    const scales: CascadeScaleStats[] = [];
    if (plans.length > 0) {
      // One buffer sized for the largest level, reused at every level with the same row stride,
      // so feature offsets are computed once (OpenCV's `sbuf` + `computeOptFeatures`).
      const p0 = plans[0]!;
      const stride = p0.scaledWidth + 1;
      const plane = stride * (p0.scaledHeight + 1);
      const hasTilted = m.haar?.hasTilted === true;
      const sum = new Int32Array(hasTilted ? 2 * plane : plane);
      const sq = m.featureType === 'HAAR' ? new Int32Array(plane) : null;
      const hOfs = m.featureType === 'HAAR' ? haarOffsets(m, stride, plane) : null;
      const lOfs = m.featureType === 'LBP' ? lbpOffsets(m, stride) : null;
      // A Uint8Array view keeps the pyramid kernel monomorphic (gray.data may be Uint8ClampedArray).
      const pixels = new Uint8Array(gray.data.buffer, gray.data.byteOffset, gray.data.length);
      for (const plan of plans) {
        const level = pyramidLevel(pixels, gray.width, gray.height, plan.scaledWidth, plan.scaledHeight);
        integralSums(level, plan.scaledWidth, plan.scaledHeight, sum, sq, stride, 0);
        if (hasTilted) integralTilted(level, plan.scaledWidth, plan.scaledHeight, sum, stride, plane);
        let tested = 0, accepted = 0;
        const step = plan.step, sc = plan.scale;
        for (let y = 0; y < plan.scanHeight; y += step) {
          for (let x = 0; x < plan.scanWidth; x += step) {
            const p = y * stride + x;
            const r = hOfs ? runHaarAt(m, hOfs, sum, sq!, p) : runLbpAt(m, lOfs!, sum, p);
            tested++;
            if (r > 0) {
              accepted++;
              candidates.push({ x: cvRound(Math.fround(x * sc)), y: cvRound(Math.fround(y * sc)), width: plan.windowWidth, height: plan.windowHeight });
            } else if (r === 0) {
              x += step; // rejected by stage 0: OpenCV skips the next position too
            }
          }
        }
        scales.push({ ...plan, windowsTested: tested, windowsAccepted: accepted });
      }
    }
    const grouped = clipBoxes(groupRectangles(candidates, minNeighbors, 0.2), gray.width, gray.height);
    return { boxes: grouped.map(({ x, y, width, height }) => ({ x, y, width, height })), grouped, candidates, scales };
  }
}

/**
 * Parses OpenCV cascade XML text; pure, works in any JS runtime.
 * ensures: a ready classifier, or FacetsError E_BAD_MODEL / E_UNSUPPORTED / E_TOO_LARGE.
 */
export function loadCascade(xmlText: string): CascadeClassifier {
  return new CascadeClassifier(readCascadeXml(xmlText));
}

function toSize(v: SizeLimit | readonly [number, number] | undefined, name: string): SizeLimit {
  if (v === undefined) return { width: 0, height: 0 };
  const s = Array.isArray(v) ? { width: v[0] as number, height: v[1] as number } : (v as SizeLimit);
  check(
    s !== null && typeof s === 'object' && Number.isInteger(s.width) && Number.isInteger(s.height) && s.width >= 0 && s.height >= 0,
    'detectMultiScale',
    `${name} must be {width, height} or [width, height] with non-negative integers, got ${JSON.stringify(v)}`,
  );
  return s;
}

/** OpenCV `clipObjects`: intersect with the image, drop empty boxes. */
function clipBoxes(boxes: GroupedBox[], w: number, h: number): GroupedBox[] {
  const out: GroupedBox[] = [];
  for (const b of boxes) {
    const x0 = Math.max(b.x, 0), y0 = Math.max(b.y, 0);
    const x1 = Math.min(b.x + b.width, w), y1 = Math.min(b.y + b.height, h);
    if (x1 > x0 && y1 > y0) out.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0, neighbors: b.neighbors });
  }
  return out;
}
