import type { CascadeModel } from './model.js';

/**
 * LBP cascade evaluation as OpenCV 4.6 (`LBPEvaluator::OptFeature::calc`,
 * `predictCategoricalStump`, `predictCategorical`): the multi-block LBP code of Zhang et al. 2007
 * ("Face detection based on multi-block LBP representation"): 8 neighbouring block sums compared
 * with the centre block (>=), and a split goes left when bit `c` of the node's 256-bit subset is set.
 */

/**
 * The 16 grid-corner offsets of each feature's 3x3 blocks: `ofs[f*16 + j*4 + i]` is corner
 * (x + i*w, y + j*h) (OpenCV `LBPEvaluator::OptFeature::setOffsets`).
 */
export function lbpOffsets(model: CascadeModel, stride: number): Int32Array {
  const f = model.lbp!;
  const ofs = new Int32Array(f.count * 16);
  for (let k = 0; k < f.count; k++) {
    const x = f.rects[k * 4]!, y = f.rects[k * 4 + 1]!, w = f.rects[k * 4 + 2]!, h = f.rects[k * 4 + 3]!;
    for (let j = 0; j < 4; j++) for (let i = 0; i < 4; i++) ofs[k * 16 + j * 4 + i] = x + i * w + stride * (y + j * h);
  }
  return ofs;
}

/** The 8-bit MB-LBP code of feature `fi` at window origin `p`. */
export function lbpCode(ofs: Int32Array, fi: number, sum: Int32Array, p: number): number {
  const b = fi * 16;
  const c0 = sum[p + ofs[b]!]!, c1 = sum[p + ofs[b + 1]!]!, c2 = sum[p + ofs[b + 2]!]!, c3 = sum[p + ofs[b + 3]!]!;
  const c4 = sum[p + ofs[b + 4]!]!, c5 = sum[p + ofs[b + 5]!]!, c6 = sum[p + ofs[b + 6]!]!, c7 = sum[p + ofs[b + 7]!]!;
  const c8 = sum[p + ofs[b + 8]!]!, c9 = sum[p + ofs[b + 9]!]!, c10 = sum[p + ofs[b + 10]!]!, c11 = sum[p + ofs[b + 11]!]!;
  const c12 = sum[p + ofs[b + 12]!]!, c13 = sum[p + ofs[b + 13]!]!, c14 = sum[p + ofs[b + 14]!]!, c15 = sum[p + ofs[b + 15]!]!;
  const cval = (c5 - c6 - c9 + c10) | 0;
  // Clockwise from the top-left block: bit 7 = block (0,0) ... bit 0 = block (0,1).
  return (
    (((c0 - c1 - c4 + c5) | 0) >= cval ? 128 : 0) |
    (((c1 - c2 - c5 + c6) | 0) >= cval ? 64 : 0) |
    (((c2 - c3 - c6 + c7) | 0) >= cval ? 32 : 0) |
    (((c6 - c7 - c10 + c11) | 0) >= cval ? 16 : 0) |
    (((c10 - c11 - c14 + c15) | 0) >= cval ? 8 : 0) |
    (((c9 - c10 - c13 + c14) | 0) >= cval ? 4 : 0) |
    (((c8 - c9 - c12 + c13) | 0) >= cval ? 2 : 0) |
    (((c4 - c5 - c8 + c9) | 0) >= cval ? 1 : 0)
  );
}

/**
 * OpenCV `runAt` for LBP: 1 = accepted, `-k` = rejected at stage k (0: stage 0).
 * requires: p a valid window origin.
 */
export function runLbpAt(m: CascadeModel, ofs: Int32Array, sum: Int32Array, p: number): number {
  const stageThreshold = m.stageThreshold, stageTreeCount = m.stageTreeCount;
  const nstages = stageThreshold.length;
  const subsets = m.subsets, ss = m.subsetSize, leaves = m.leaves, nodeFeature = m.nodeFeature;
  if (m.isStump) {
    let node = 0;
    for (let si = 0; si < nstages; si++) {
      const nt = stageTreeCount[si]!;
      let tmp = 0;
      for (let t = 0; t < nt; t++, node++) {
        const c = lbpCode(ofs, nodeFeature[node]!, sum, p);
        tmp += (subsets[node * ss + (c >> 5)]! & (1 << (c & 31))) !== 0 ? leaves[2 * node]! : leaves[2 * node + 1]!;
      }
      if (tmp < stageThreshold[si]!) return -si;
    }
    return 1;
  }
  for (let si = 0; si < nstages; si++) {
    const first = m.stageFirstTree[si]!, nt = m.stageTreeCount[si]!;
    let tmp = 0;
    for (let t = first; t < first + nt; t++) {
      const root = m.treeNodeOfs[t]!;
      let idx = 0;
      do {
        const k = root + idx;
        const c = lbpCode(ofs, nodeFeature[k]!, sum, p);
        idx = (subsets[k * ss + (c >> 5)]! & (1 << (c & 31))) !== 0 ? m.nodeLeft[k]! : m.nodeRight[k]!;
      } while (idx > 0);
      tmp += leaves[m.treeLeafOfs[t]! - idx]!;
    }
    if (tmp < m.stageThreshold[si]!) return -si;
  }
  return 1;
}
