/**
 * The in-memory form of an OpenCV `opencv-cascade-classifier` (the format written by
 * `opencv_traincascade`, read by OpenCV 4.x `CascadeClassifierImpl::Data::read`).
 * Flat typed arrays, so the detector's hot loop touches no objects.
 */

/** Feature families OpenCV 4.x still evaluates (HOG cascades were dropped in 3.0). */
export type CascadeFeatureType = 'HAAR' | 'LBP';

/** Haar features: up to 3 weighted rectangles each, upright or tilted by 45 degrees. */
export interface HaarFeatures {
  /** `count * 3 * 4` ints: x, y, width, height of rect 0..2 (unused rects are all 0). */
  rects: Int32Array;
  /** `count * 3` float32 weights (unused rects have weight 0). */
  weights: Float32Array;
  /** 1 when the feature uses the 45-degree rotated integral (Lienhart & Maydt 2002). */
  tilted: Uint8Array;
  count: number;
  hasTilted: boolean;
}

/** LBP features: a 3x3 grid of equal blocks; `rects` holds the top-left block, 4 ints each. */
export interface LbpFeatures {
  rects: Int32Array;
  count: number;
}

/**
 * Boosted stages of decision trees. Tree `t` owns nodes `nodeOfs[t] .. nodeOfs[t]+nodeCount[t]-1`
 * and leaves `leafOfs[t] .. leafOfs[t]+nodeCount[t]`, exactly OpenCV's layout: a child index
 * `> 0` is an internal node (relative to the tree's root), `<= 0` is leaf `-idx`.
 */
export interface CascadeModel {
  featureType: CascadeFeatureType;
  /** Training window (`<width>`, `<height>`), the smallest object size the cascade sees. */
  width: number;
  height: number;
  /** `maxCatCount`: 0 for ordered (Haar) features, 256 for LBP codes. */
  ncategories: number;
  /** `(ncategories + 31) >> 5` int32 words per node (8 for LBP). */
  subsetSize: number;
  /** `stageThreshold` as float32 minus OpenCV's `THRESHOLD_EPS` (1e-5f), in float32. */
  stageThreshold: Float32Array;
  stageFirstTree: Int32Array;
  stageTreeCount: Int32Array;
  treeNodeCount: Int32Array;
  treeNodeOfs: Int32Array;
  treeLeafOfs: Int32Array;
  nodeFeature: Int32Array;
  /** Ordered features only (Haar): float32 split threshold. */
  nodeThreshold: Float32Array;
  nodeLeft: Int32Array;
  nodeRight: Int32Array;
  /** Categorical features only (LBP): `subsetSize` words per node. */
  subsets: Int32Array;
  leaves: Float32Array;
  /** True when every tree is one split (OpenCV then uses its `Stump` fast path). */
  isStump: boolean;
  haar: HaarFeatures | null;
  lbp: LbpFeatures | null;
}
