/**
 * The ERT cascade exactly as dlib's `shape_predictor::operator()` runs it
 * (dlib/image_processing/shape_predictor.h; Kazemi & Sullivan 2014 sec. 2.1-2.3):
 *
 * 1. start from the mean shape (box-normalised);
 * 2. per cascade level: find the similarity from the mean shape to the current shape (2x2 part
 *    only, cast to float), place each feature pixel at tform*delta + current[anchor], map it to
 *    the image with the box (`unnormalizing_tform`), round to the nearest pixel
 *    (dlib vector->point conversion: floor(v + 0.5)) and read its intensity, 0 outside the image;
 * 3. every tree of the level: go left while `(float)pix[idx1] - (float)pix[idx2] > thresh`, add
 *    the leaf's shape increment to the current shape (float32 adds, as dlib's matrix<float>);
 * 4. map the final shape to the image.
 *
 * Box convention: a facets Box {x, y, width, height} is dlib's inclusive rectangle
 * left = x, top = y, right = x + width - 1, bottom = y + height - 1; normalised (0,0) maps to
 * (left, top) and (1,1) to (right, bottom).
 *
 * Intensity: grey images are used as they are; RGB(A) pixels become dlib's `get_pixel_intensity`
 * of an rgb_pixel, floor((r + g + b) / 3) (dlib/pixel.h assign_pixel rgb -> grey), which differs
 * from OpenCV's weighted grey. Pass the colour image to match dlib run on colour input.
 */
import { FacetsError, check } from '../core/errors.js';
import { assertImage, type Box, type Image } from '../image/image.js';
import { validateShapeModel, type ShapeModel } from './shape-model.js';
import { umeyama2d, type Point } from './similarity.js';

/** Options of ShapePredictor.predict. */
export interface PredictOptions {
  /** Round each coordinate like dlib's `point` conversion, floor(v + 0.5). Default false. */
  round?: boolean;
}

/** Landmarks plus the shape after every cascade level, all in image pixels (for step-through views). */
export interface PredictTrace {
  points: Point[];
  cascades: Point[][];
}

const fround = Math.fround;

/** A loaded ERT landmark model. Stateless between calls except scratch buffers (not re-entrant across threads). */
export class ShapePredictor {
  readonly model: ShapeModel;
  readonly numParts: number;
  private readonly splitsPerTree: number;
  private readonly leavesPerTree: number;
  private readonly treeStart: Int32Array;
  private readonly featStart: Int32Array;
  private readonly pix: Float32Array;
  private readonly cur: Float32Array;

  constructor(model: ShapeModel) {
    validateShapeModel(model, 'ShapePredictor');
    this.model = model;
    this.numParts = model.numParts;
    this.splitsPerTree = (1 << model.depth) - 1;
    this.leavesPerTree = 1 << model.depth;
    const nc = model.treesPerCascade.length;
    this.treeStart = new Int32Array(nc + 1);
    this.featStart = new Int32Array(nc + 1);
    for (let c = 0; c < nc; c++) {
      this.treeStart[c + 1] = this.treeStart[c] + model.treesPerCascade[c];
      this.featStart[c + 1] = this.featStart[c] + model.featuresPerCascade[c];
    }
    this.pix = new Float32Array(Math.max(...model.featuresPerCascade));
    this.cur = new Float32Array(2 * model.numParts);
  }

  /** Number of cascade levels. */
  get numCascades(): number {
    return this.model.treesPerCascade.length;
  }

  /**
   * The landmarks of the face in `box`.
   * requires: img is a valid Image (grey, RGB or RGBA); box has finite x, y and width, height >= 1.
   * ensures: numParts points in image pixels (floats, or dlib-rounded integers with `round`).
   */
  predict(img: Image, box: Box, opts: PredictOptions = {}): Point[] {
    return this.run(img, box, opts, null);
  }

  /** Like predict, and also returns the shape after each cascade level (for the step-through report). */
  predictTrace(img: Image, box: Box, opts: PredictOptions = {}): PredictTrace {
    const cascades: Point[][] = [];
    const points = this.run(img, box, opts, cascades);
    return { points, cascades };
  }

  private run(img: Image, box: Box, opts: PredictOptions, trace: Point[][] | null): Point[] {
    const fn = 'ShapePredictor.predict';
    assertImage(img, fn);
    check(box !== null && typeof box === 'object', fn, `box must be {x, y, width, height}, got ${String(box)}`);
    check([box.x, box.y, box.width, box.height].every(Number.isFinite), fn, `box must have finite numbers, got ${JSON.stringify(box)}`);
    check(box.width >= 1 && box.height >= 1, fn, `box width and height must be >= 1, got ${box.width}x${box.height}`);
    const m = this.model;
    const left = box.x;
    const top = box.y;
    const sx = box.width - 1; // right - left
    const sy = box.height - 1; // bottom - top
    const { width: W, height: H, channels: C, data } = img;
    const init = m.initialShape;
    const cur = this.cur;
    cur.set(init);
    const pix = this.pix;
    const nParts = m.numParts;
    const shapeLen = 2 * nParts;
    const ns = this.splitsPerTree;
    const nl = this.leavesPerTree;
    const { splitIdx1, splitIdx2, splitThresh, leafValues, leafScales, anchorIdx, deltas } = m;

    for (let c = 0; c < m.treesPerCascade.length; c++) {
      // find_tform_between_shapes(initial, current), 2x2 part cast to float (matrix_cast<float>).
      const t = umeyama2d(nParts, (i) => init[2 * i], (i) => init[2 * i + 1], (i) => cur[2 * i], (i) => cur[2 * i + 1]);
      const m00 = fround(t[0]), m01 = fround(t[1]), m10 = fround(t[3]), m11 = fround(t[4]);
      for (let f = this.featStart[c], k = 0; f < this.featStart[c + 1]; f++, k++) {
        const dx = deltas[2 * f], dy = deltas[2 * f + 1];
        const a = anchorIdx[f];
        // float arithmetic as dlib: tform*delta in float, + location(current_shape, anchor) in float.
        const nx = fround(fround(fround(m00 * dx) + fround(m01 * dy)) + cur[2 * a]);
        const ny = fround(fround(fround(m10 * dx) + fround(m11 * dy)) + cur[2 * a + 1]);
        const px = Math.floor(left + sx * nx + 0.5);
        const py = Math.floor(top + sy * ny + 0.5);
        if (px >= 0 && py >= 0 && px < W && py < H) {
          const o = (py * W + px) * C;
          pix[k] = C === 1 ? data[o] : Math.floor((data[o] + data[o + 1] + data[o + 2]) / 3);
        } else {
          pix[k] = 0;
        }
      }
      for (let tr = this.treeStart[c]; tr < this.treeStart[c + 1]; tr++) {
        const base = tr * ns;
        let node = 0;
        while (node < ns) {
          const s = base + node;
          node = pix[splitIdx1[s]] - pix[splitIdx2[s]] > splitThresh[s] ? 2 * node + 1 : 2 * node + 2;
        }
        const leaf = (tr * nl + node - ns) * shapeLen;
        // Float32Array stores round each sum to float, as dlib's `current_shape += leaf`.
        if (leafScales) {
          // float32(code * scale) is exactly the decoded leaf value; the product is exact in double.
          const sc = leafScales[tr];
          for (let j = 0; j < shapeLen; j++) cur[j] += fround(leafValues[leaf + j] * sc);
        } else {
          for (let j = 0; j < shapeLen; j++) cur[j] += leafValues[leaf + j];
        }
      }
      if (trace) trace.push(this.toImage(left, top, sx, sy, opts.round === true));
    }
    const out = this.toImage(left, top, sx, sy, opts.round === true);
    for (const p of out) if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new FacetsError('E_NUMERIC', `${fn}: non-finite landmark`);
    return out;
  }

  private toImage(left: number, top: number, sx: number, sy: number, round: boolean): Point[] {
    const cur = this.cur;
    const out: Point[] = new Array(this.numParts);
    for (let i = 0; i < this.numParts; i++) {
      const x = left + sx * cur[2 * i];
      const y = top + sy * cur[2 * i + 1];
      out[i] = round ? [Math.floor(x + 0.5), Math.floor(y + 0.5)] : [x, y];
    }
    return out;
  }
}
