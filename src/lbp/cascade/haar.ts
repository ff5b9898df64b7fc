import type { CascadeModel } from './model.js';

/**
 * Haar cascade evaluation with OpenCV 4.6's arithmetic (cascadedetect.hpp/.cpp, `HaarEvaluator`,
 * `predictOrderedStump`, `predictOrdered`): rectangle sums are int32, a feature is
 * `float(w0*s0 + w1*s1 [+ w2*s2]) * varianceNormFactor` in float32, stage sums are double.
 */

/** Per-window integral offsets of every Haar feature, for one buffer row stride. */
export interface HaarOffsets {
  /** `count * 12`: corners p0,p1,p2,p3 of rects 0..2; tilted ones already include `tiltedBase`. */
  ofs: Int32Array;
  /** Corners of OpenCV's `normrect` = (1, 1, W-2, H-2), the variance window. */
  norm: Int32Array;
  normArea: number;
}

/**
 * Precomputes feature corner offsets (OpenCV `HaarEvaluator::OptFeature::setOffsets`).
 * requires: features validated by the reader (corners inside the window).
 * ensures: sum at window origin p of rect r = buf[p+o0] - buf[p+o1] - buf[p+o2] + buf[p+o3].
 */
export function haarOffsets(model: CascadeModel, stride: number, tiltedBase: number): HaarOffsets {
  const f = model.haar!;
  const ofs = new Int32Array(f.count * 12);
  for (let i = 0; i < f.count; i++) {
    for (let r = 0; r < 3; r++) {
      const b = i * 12 + r * 4;
      const x = f.rects[b]!, y = f.rects[b + 1]!, w = f.rects[b + 2]!, h = f.rects[b + 3]!;
      if (f.tilted[i]) {
        // CV_TILTED_OFS: (x,y), (x-h, y+h), (x+w, y+w), (x+w-h, y+w+h) in the rotated integral.
        ofs[b] = tiltedBase + x + stride * y;
        ofs[b + 1] = tiltedBase + x - h + stride * (y + h);
        ofs[b + 2] = tiltedBase + x + w + stride * (y + w);
        ofs[b + 3] = tiltedBase + x + w - h + stride * (y + w + h);
      } else {
        ofs[b] = x + stride * y;
        ofs[b + 1] = x + w + stride * y;
        ofs[b + 2] = x + stride * (y + h);
        ofs[b + 3] = x + w + stride * (y + h);
      }
    }
  }
  const nx = 1, ny = 1, nw = model.width - 2, nh = model.height - 2;
  const norm = Int32Array.of(nx + stride * ny, nx + nw + stride * ny, nx + stride * (ny + nh), nx + nw + stride * (ny + nh));
  return { ofs, norm, normArea: nw * nh };
}

/**
 * OpenCV `HaarEvaluator::setWindow` + `runAt`: 1 = accepted by every stage, `-k` = rejected at
 * stage k (0 means stage 0, which makes the scan skip the next position), -1 also for a flat or
 * low-contrast window (`area * varianceNormFactor >= 0.1`), exactly as OpenCV returns it.
 * requires: p is a valid window origin in `sum` (and the same index in `sq`).
 */
export function runHaarAt(model: CascadeModel, o: HaarOffsets, sum: Int32Array, sq: Int32Array, p: number): number {
  const n = o.norm;
  const valsum = (sum[p + n[0]!]! - sum[p + n[1]!]! - sum[p + n[2]!]! + sum[p + n[3]!]!) | 0;
  // sqsum is CV_32S in 4.x; the window value is read back as unsigned.
  const valsq = (sq[p + n[0]!]! - sq[p + n[1]!]! - sq[p + n[2]!]! + sq[p + n[3]!]!) >>> 0;
  const area = o.normArea;
  let nf = area * valsq - valsum * valsum;
  if (!(nf > 0)) return -1;
  nf = Math.sqrt(nf);
  const vnf = Math.fround(1 / nf);
  if (!(area * vnf < 0.1)) return -1;
  return model.isStump ? haarStump(model, o.ofs, sum, p, vnf) : haarTrees(model, o.ofs, sum, p, vnf);
}

function haarFeature(ofs: Int32Array, w: Float32Array, fi: number, sum: Int32Array, p: number, vnf: number): number {
  const b = fi * 12;
  const s0 = (sum[p + ofs[b]!]! - sum[p + ofs[b + 1]!]! - sum[p + ofs[b + 2]!]! + sum[p + ofs[b + 3]!]!) | 0;
  const s1 = (sum[p + ofs[b + 4]!]! - sum[p + ofs[b + 5]!]! - sum[p + ofs[b + 6]!]! + sum[p + ofs[b + 7]!]!) | 0;
  let ret = Math.fround(Math.fround(w[fi * 3]! * Math.fround(s0)) + Math.fround(w[fi * 3 + 1]! * Math.fround(s1)));
  const w2 = w[fi * 3 + 2]!;
  if (w2 !== 0) {
    const s2 = (sum[p + ofs[b + 8]!]! - sum[p + ofs[b + 9]!]! - sum[p + ofs[b + 10]!]! + sum[p + ofs[b + 11]!]!) | 0;
    ret = Math.fround(ret + Math.fround(w2 * Math.fround(s2)));
  }
  return Math.fround(ret * vnf);
}

function haarStump(m: CascadeModel, ofs: Int32Array, sum: Int32Array, p: number, vnf: number): number {
  const w = m.haar!.weights;
  const nodeFeature = m.nodeFeature, th = m.nodeThreshold, leaves = m.leaves;
  const stageThreshold = m.stageThreshold, stageTreeCount = m.stageTreeCount;
  const nstages = stageThreshold.length;
  let node = 0;
  for (let si = 0; si < nstages; si++) {
    const nt = stageTreeCount[si]!;
    let tmp = 0;
    for (let t = 0; t < nt; t++, node++) {
      const v = haarFeature(ofs, w, nodeFeature[node]!, sum, p, vnf);
      // Stumps: leaf 0 below the threshold, leaf 1 otherwise (OpenCV `Stump(left, right)`).
      tmp += v < th[node]! ? leaves[2 * node]! : leaves[2 * node + 1]!;
    }
    if (tmp < stageThreshold[si]!) return -si;
  }
  return 1;
}

function haarTrees(m: CascadeModel, ofs: Int32Array, sum: Int32Array, p: number, vnf: number): number {
  const w = m.haar!.weights;
  const nstages = m.stageThreshold.length;
  for (let si = 0; si < nstages; si++) {
    const first = m.stageFirstTree[si]!, nt = m.stageTreeCount[si]!;
    let tmp = 0;
    for (let t = first; t < first + nt; t++) {
      const root = m.treeNodeOfs[t]!;
      let idx = 0;
      do {
        const k = root + idx;
        const v = haarFeature(ofs, w, m.nodeFeature[k]!, sum, p, vnf);
        idx = v < m.nodeThreshold[k]! ? m.nodeLeft[k]! : m.nodeRight[k]!;
      } while (idx > 0);
      tmp += m.leaves[m.treeLeafOfs[t]! - idx]!;
    }
    if (tmp < m.stageThreshold[si]!) return -si;
  }
  return 1;
}
