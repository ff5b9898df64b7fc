import { FacetsError } from '../../core/errors.js';
import type { CascadeFeatureType, CascadeModel, HaarFeatures, LbpFeatures } from './model.js';
import { badModel, child, int, isObject, items, num, numbers, parseXmlTree, text, type XmlNode, type XmlObject } from './xml.js';

/** Count limits of the cascade reader (E_TOO_LARGE past them). */
export const CASCADE_LIMITS = {
  maxWindow: 1024,
  maxStages: 1000,
  maxTreesPerStage: 10_000,
  maxTotalNodes: 1_000_000,
  maxNodesPerTree: 1024,
  maxFeatures: 200_000,
};

/** OpenCV `CascadeClassifierImpl::Data::read`: `static const float THRESHOLD_EPS = 1e-5f`. */
const THRESHOLD_EPS = Math.fround(1e-5);

function tooLarge(msg: string): FacetsError {
  return new FacetsError('E_TOO_LARGE', `loadCascade: ${msg}`);
}

/**
 * Reads an OpenCV `opencv-cascade-classifier` XML (HAAR or LBP, BOOST stages) into flat arrays.
 * requires: nothing; malformed input is reported, never trusted.
 * ensures: every index the detector follows (feature, child node, leaf, subset word, rectangle
 *   corner inside the training window) is checked here, so evaluation cannot read out of bounds
 *   or loop. E_BAD_MODEL for malformed files, E_UNSUPPORTED for the pre-2.4 `opencv-haar-classifier`
 *   format and HOG cascades, E_TOO_LARGE past CASCADE_LIMITS.
 */
export function readCascadeXml(xml: string): CascadeModel {
  const { name, node: root } = parseXmlTree(xml);
  const typeId = root['@_type_id'];
  if (typeId === 'opencv-haar-classifier' || (typeId === undefined && root['stageType'] === undefined && root['stages'] !== undefined && root['size'] !== undefined)) {
    throw new FacetsError('E_UNSUPPORTED', `loadCascade: <${name}> is an old-format (OpenCV 1.x/2.x "opencv-haar-classifier") cascade; convert it with OpenCV's traincascade tools or use a new-format file`);
  }
  if (typeId !== undefined && typeId !== 'opencv-cascade-classifier') throw badModel(`<${name}> has type_id "${String(typeId)}", expected "opencv-cascade-classifier"`);
  const where = `<${name}>`;
  const stageType = text(root, 'stageType', where);
  if (stageType !== 'BOOST') throw badModel(`stageType must be BOOST, got "${stageType.slice(0, 40)}"`);
  const ft = text(root, 'featureType', where);
  if (ft === 'HOG') throw new FacetsError('E_UNSUPPORTED', 'loadCascade: HOG cascades are not supported (OpenCV dropped them in 3.0)');
  if (ft !== 'HAAR' && ft !== 'LBP') throw badModel(`featureType must be HAAR or LBP, got "${ft.slice(0, 40)}"`);
  const featureType: CascadeFeatureType = ft;
  const width = int(num(text(root, 'width', where), 'width'), 'width', 1, CASCADE_LIMITS.maxWindow);
  const height = int(num(text(root, 'height', where), 'height'), 'height', 1, CASCADE_LIMITS.maxWindow);
  const fp = child(root, 'featureParams', where);
  if (!isObject(fp)) throw badModel('<featureParams> must contain <maxCatCount>');
  const ncategories = int(num(text(fp, 'maxCatCount', '<featureParams>'), 'maxCatCount'), 'maxCatCount', 0, 1 << 16);
  // LBP codes are 8 bits, so a categorical split needs 256 categories; Haar splits are ordered.
  if (featureType === 'LBP' && ncategories !== 256) throw badModel(`LBP cascades need maxCatCount 256, got ${ncategories}`);
  if (featureType === 'HAAR' && ncategories !== 0) throw badModel(`HAAR cascades need maxCatCount 0, got ${ncategories}`);
  const subsetSize = (ncategories + 31) >> 5;
  const nodeStep = 3 + (ncategories > 0 ? subsetSize : 1);

  const stagesXml = items(root, 'stages', where);
  if (stagesXml.length === 0) throw badModel('<stages> is empty');
  if (stagesXml.length > CASCADE_LIMITS.maxStages) throw tooLarge(`${stagesXml.length} stages, more than the limit ${CASCADE_LIMITS.maxStages}`);
  const featuresXml = items(root, 'features', where);
  if (featuresXml.length === 0) throw badModel('<features> is empty');
  if (featuresXml.length > CASCADE_LIMITS.maxFeatures) throw tooLarge(`${featuresXml.length} features, more than the limit ${CASCADE_LIMITS.maxFeatures}`);
  const nfeatures = featuresXml.length;

  const stageThreshold: number[] = [], stageFirst: number[] = [], stageCount: number[] = [];
  const treeNodeCount: number[] = [], treeNodeOfs: number[] = [], treeLeafOfs: number[] = [];
  const nodeFeature: number[] = [], nodeThreshold: number[] = [], nodeLeft: number[] = [], nodeRight: number[] = [];
  const subsets: number[] = [], leaves: number[] = [];
  let maxNodes = 0;
  for (let si = 0; si < stagesXml.length; si++) {
    const sw = `stage ${si}`;
    const st = stagesXml[si]!;
    if (!isObject(st)) throw badModel(`${sw}: must contain <stageThreshold> and <weakClassifiers>`);
    stageThreshold.push(Math.fround(Math.fround(num(text(st, 'stageThreshold', sw), `${sw} stageThreshold`)) - THRESHOLD_EPS));
    const weak = items(st, 'weakClassifiers', sw);
    if (weak.length === 0) throw badModel(`${sw}: <weakClassifiers> is empty`);
    if (weak.length > CASCADE_LIMITS.maxTreesPerStage) throw tooLarge(`${sw}: ${weak.length} trees, more than the limit ${CASCADE_LIMITS.maxTreesPerStage}`);
    stageFirst.push(treeNodeCount.length);
    stageCount.push(weak.length);
    for (let wi = 0; wi < weak.length; wi++) {
      const tw = `${sw} tree ${wi}`;
      const w = weak[wi]!;
      if (!isObject(w)) throw badModel(`${tw}: must contain <internalNodes> and <leafValues>`);
      const inodes = numbers(child(w, 'internalNodes', tw), `${tw} internalNodes`, CASCADE_LIMITS.maxNodesPerTree * nodeStep);
      const lv = numbers(child(w, 'leafValues', tw), `${tw} leafValues`, CASCADE_LIMITS.maxNodesPerTree + 1);
      if (inodes.length === 0 || inodes.length % nodeStep !== 0) {
        throw badModel(`${tw}: internalNodes has ${inodes.length} numbers, expected a positive multiple of ${nodeStep}`);
      }
      const n = inodes.length / nodeStep;
      if (lv.length !== n + 1) throw badModel(`${tw}: ${lv.length} leafValues for ${n} split nodes, expected ${n + 1}`);
      if (nodeFeature.length + n > CASCADE_LIMITS.maxTotalNodes) throw tooLarge(`more than ${CASCADE_LIMITS.maxTotalNodes} nodes`);
      treeNodeCount.push(n);
      treeNodeOfs.push(nodeFeature.length);
      treeLeafOfs.push(leaves.length);
      maxNodes = Math.max(maxNodes, n);
      for (let k = 0; k < n; k++) {
        const b = k * nodeStep;
        const nw = `${tw} node ${k}`;
        // Children that are split nodes must come later in the tree (traincascade writes them
        // that way); this is what guarantees the tree walk ends.
        const left = int(inodes[b]!, `${nw} left`, -n, n - 1);
        const right = int(inodes[b + 1]!, `${nw} right`, -n, n - 1);
        if ((left > 0 && left <= k) || (right > 0 && right <= k)) throw badModel(`${nw}: child index must point forward, got ${left}/${right}`);
        nodeLeft.push(left);
        nodeRight.push(right);
        nodeFeature.push(int(inodes[b + 2]!, `${nw} feature index`, 0, nfeatures - 1));
        if (ncategories > 0) {
          for (let j = 0; j < subsetSize; j++) subsets.push(int(inodes[b + 3 + j]!, `${nw} subset word ${j}`));
          nodeThreshold.push(0);
        } else {
          nodeThreshold.push(Math.fround(inodes[b + 3]!));
        }
      }
      for (const v of lv) leaves.push(Math.fround(v));
    }
  }

  const haar = featureType === 'HAAR' ? readHaarFeatures(featuresXml, width, height) : null;
  const lbp = featureType === 'LBP' ? readLbpFeatures(featuresXml, width, height) : null;
  return {
    featureType, width, height, ncategories, subsetSize,
    stageThreshold: Float32Array.from(stageThreshold),
    stageFirstTree: Int32Array.from(stageFirst),
    stageTreeCount: Int32Array.from(stageCount),
    treeNodeCount: Int32Array.from(treeNodeCount),
    treeNodeOfs: Int32Array.from(treeNodeOfs),
    treeLeafOfs: Int32Array.from(treeLeafOfs),
    nodeFeature: Int32Array.from(nodeFeature),
    nodeThreshold: Float32Array.from(nodeThreshold),
    nodeLeft: Int32Array.from(nodeLeft),
    nodeRight: Int32Array.from(nodeRight),
    subsets: Int32Array.from(subsets),
    leaves: Float32Array.from(leaves),
    isStump: maxNodes === 1,
    haar, lbp,
  };
}

function featureNode(f: XmlNode, i: number): XmlObject {
  if (!isObject(f)) throw badModel(`feature ${i}: must be an element with <rect> or <rects>`);
  return f;
}

/** HaarEvaluator::Feature::read: up to 3 "x y w h weight" rects and an optional <tilted>. */
function readHaarFeatures(fx: XmlNode[], W: number, H: number): HaarFeatures {
  const count = fx.length;
  const rects = new Int32Array(count * 12);
  const weights = new Float32Array(count * 3);
  const tilted = new Uint8Array(count);
  let hasTilted = false;
  for (let i = 0; i < count; i++) {
    const f = featureNode(fx[i]!, i);
    const rs = items(f, 'rects', `feature ${i}`);
    if (rs.length < 1 || rs.length > 3) throw badModel(`feature ${i}: ${rs.length} rects, expected 1 to 3`);
    const t = f['tilted'] === undefined ? 0 : num(text(f, 'tilted', `feature ${i}`), `feature ${i} tilted`);
    tilted[i] = t !== 0 ? 1 : 0;
    if (t !== 0) hasTilted = true;
    for (let r = 0; r < rs.length; r++) {
      const rw = `feature ${i} rect ${r}`;
      const v = numbers(rs[r]!, rw, 5);
      if (v.length !== 5) throw badModel(`${rw}: expected "x y width height weight", got ${v.length} numbers`);
      const x = int(v[0]!, `${rw} x`, 0, W), y = int(v[1]!, `${rw} y`, 0, H);
      const w = int(v[2]!, `${rw} width`, 0, W), h = int(v[3]!, `${rw} height`, 0, H);
      // The corners the evaluator reads must lie in the window's integral (CV_SUM_OFS /
      // CV_TILTED_OFS corners), else sums would come from neighbouring windows or past the buffer.
      const inside = t !== 0 ? x - h >= 0 && x + w <= W && y + w + h <= H : x + w <= W && y + h <= H;
      if (!inside) throw badModel(`${rw}: rectangle ${x},${y},${w},${h}${t !== 0 ? ' (tilted)' : ''} leaves the ${W}x${H} window`);
      rects.set([x, y, w, h], i * 12 + r * 4);
      weights[i * 3 + r] = Math.fround(v[4]!);
    }
  }
  return { rects, weights, tilted, count, hasTilted };
}

/** LBPEvaluator::Feature::read: "x y w h" of the top-left block of a 3x3 grid. */
function readLbpFeatures(fx: XmlNode[], W: number, H: number): LbpFeatures {
  const count = fx.length;
  const rects = new Int32Array(count * 4);
  for (let i = 0; i < count; i++) {
    const f = featureNode(fx[i]!, i);
    const fw = `feature ${i} rect`;
    const v = numbers(child(f, 'rect', `feature ${i}`), fw, 4);
    if (v.length !== 4) throw badModel(`${fw}: expected "x y width height", got ${v.length} numbers`);
    const x = int(v[0]!, `${fw} x`, 0, W), y = int(v[1]!, `${fw} y`, 0, H);
    const w = int(v[2]!, `${fw} width`, 1, W), h = int(v[3]!, `${fw} height`, 1, H);
    if (x + 3 * w > W || y + 3 * h > H) throw badModel(`${fw}: 3x3 blocks of ${w}x${h} at ${x},${y} leave the ${W}x${H} window`);
    rects.set([x, y, w, h], i * 4);
  }
  return { rects, count };
}
