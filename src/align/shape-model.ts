/**
 * The in-memory form of an ensemble-of-regression-trees shape model (Kazemi & Sullivan 2014,
 * "One Millisecond Face Alignment with an Ensemble of Regression Trees", sec. 2), laid out as
 * flat typed arrays so prediction allocates nothing per tree.
 *
 * It mirrors dlib's `shape_predictor` (dlib/image_processing/shape_predictor.h):
 * `initial_shape` (mean shape in box-normalised coordinates, x0,y0,x1,y1,...), one forest per
 * cascade level, each tree complete of the same depth (splits in breadth-first order, node i has
 * children 2i+1 and 2i+2), and per cascade the feature pixels encoded relative to the mean shape
 * as (anchor landmark, delta).
 */
import { FacetsError } from '../core/errors.js';

/** A flat ERT model. All trees have `depth` levels: 2^depth - 1 splits and 2^depth leaves. */
export interface ShapeModel {
  /** Number of landmarks (68 for iBUG 300-W). */
  numParts: number;
  /** Mean shape, 2*numParts floats, box-normalised ((0,0) top-left, (1,1) bottom-right). */
  initialShape: Float32Array;
  /** Tree depth (dlib's default `tree_depth` is 4). */
  depth: number;
  /** Trees per cascade level; its length is the number of cascades. */
  treesPerCascade: number[];
  /** Feature pixels per cascade level. */
  featuresPerCascade: number[];
  /** Anchor landmark index per feature pixel, all cascades concatenated. */
  anchorIdx: Uint16Array;
  /** Offset (dx, dy) from the anchor in mean-shape coordinates, 2 per feature pixel. */
  deltas: Float32Array;
  /** Split feature indices (into the cascade's feature pixels), all trees concatenated. */
  splitIdx1: Uint16Array;
  splitIdx2: Uint16Array;
  /** Split thresholds: go left when pixel[idx1] - pixel[idx2] > thresh. */
  splitThresh: Float32Array;
  /**
   * Leaf shape increments, 2*numParts per leaf, all trees concatenated: float32 values, or int16
   * codes when `leafScales` is set (value = float32(code * leafScales[tree]); half the memory).
   */
  leafValues: Float32Array | Int16Array;
  /** Per-tree scale of int16 leaf codes; absent for float32 leaves. */
  leafScales?: Float32Array;
}

/** The i-th leaf value as a float, whatever the storage. */
export function leafValueAt(m: ShapeModel, i: number): number {
  if (m.leafScales) return Math.fround(m.leafValues[i] * m.leafScales[Math.floor(i / ((1 << m.depth) * 2 * m.numParts))]);
  return m.leafValues[i];
}

/** Caps that keep a hostile model from asking for absurd memory. */
export const SHAPE_MODEL_LIMITS = {
  maxParts: 1000,
  maxCascades: 100,
  maxTreesPerCascade: 10_000,
  maxDepth: 12,
  maxFeatures: 65_535,
  maxLeafFloats: 64 * 1024 * 1024,
} as const;

/**
 * Throws `E_BAD_MODEL` unless the arrays of `m` are mutually consistent (sizes, index ranges,
 * finite values), so `predict` can trust them.
 */
export function validateShapeModel(m: ShapeModel, fn: string): void {
  const bad = (msg: string): never => {
    throw new FacetsError('E_BAD_MODEL', `${fn}: ${msg}`);
  };
  const L = SHAPE_MODEL_LIMITS;
  if (!Number.isInteger(m.numParts) || m.numParts < 1 || m.numParts > L.maxParts) bad(`numParts ${m.numParts} out of 1..${L.maxParts}`);
  if (m.initialShape.length !== 2 * m.numParts) bad(`initial shape has ${m.initialShape.length} values, expected ${2 * m.numParts}`);
  if (!Number.isInteger(m.depth) || m.depth < 1 || m.depth > L.maxDepth) bad(`tree depth ${m.depth} out of 1..${L.maxDepth}`);
  const nc = m.treesPerCascade.length;
  if (nc < 1 || nc > L.maxCascades) bad(`${nc} cascades, expected 1..${L.maxCascades}`);
  if (m.featuresPerCascade.length !== nc) bad(`${m.featuresPerCascade.length} feature sets for ${nc} cascades`);
  const splitsPerTree = (1 << m.depth) - 1;
  const leavesPerTree = 1 << m.depth;
  let trees = 0;
  let feats = 0;
  for (let c = 0; c < nc; c++) {
    const t = m.treesPerCascade[c];
    const f = m.featuresPerCascade[c];
    if (!Number.isInteger(t) || t < 0 || t > L.maxTreesPerCascade) bad(`cascade ${c} has ${t} trees`);
    if (!Number.isInteger(f) || f < 1 || f > L.maxFeatures) bad(`cascade ${c} has ${f} feature pixels`);
    for (let s = trees * splitsPerTree; s < (trees + t) * splitsPerTree; s++) {
      if (m.splitIdx1[s] >= f || m.splitIdx2[s] >= f) bad(`cascade ${c} split ${s} uses feature ${Math.max(m.splitIdx1[s], m.splitIdx2[s])} of ${f}`);
    }
    trees += t;
    feats += f;
  }
  if (m.splitIdx1.length !== trees * splitsPerTree || m.splitIdx2.length !== trees * splitsPerTree || m.splitThresh.length !== trees * splitsPerTree) {
    bad(`split arrays hold ${m.splitIdx1.length}/${m.splitIdx2.length}/${m.splitThresh.length} entries, expected ${trees * splitsPerTree}`);
  }
  if (m.leafValues.length !== trees * leavesPerTree * 2 * m.numParts) bad(`leaf array holds ${m.leafValues.length} values, expected ${trees * leavesPerTree * 2 * m.numParts}`);
  if (m.anchorIdx.length !== feats || m.deltas.length !== 2 * feats) bad(`feature arrays hold ${m.anchorIdx.length}/${m.deltas.length} values for ${feats} features`);
  for (let i = 0; i < feats; i++) if (m.anchorIdx[i] >= m.numParts) bad(`feature ${i} anchored at landmark ${m.anchorIdx[i]} of ${m.numParts}`);
  if (m.leafScales) {
    if (!(m.leafValues instanceof Int16Array)) bad('leafScales given but leaf values are not int16 codes');
    if (m.leafScales.length !== trees) bad(`${m.leafScales.length} leaf scales for ${trees} trees`);
    if (!allFinite(m.leafScales)) bad('non-finite leaf scale');
  } else if (!(m.leafValues instanceof Float32Array) || !allFinite(m.leafValues)) {
    bad('leaf values must be finite float32 (or int16 codes with leafScales)');
  }
  if (!allFinite(m.initialShape) || !allFinite(m.deltas)) bad('non-finite value in shape or deltas');
  // NaN thresholds would silently send every sample right; +-Inf is legal in dlib but never trained.
  for (let i = 0; i < m.splitThresh.length; i++) if (Number.isNaN(m.splitThresh[i])) bad(`split ${i} threshold is NaN`);
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
