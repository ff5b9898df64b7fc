/**
 * Reads dlib's serialised `shape_predictor` (e.g. shape_predictor_68_face_landmarks.dat) into a
 * flat ShapeModel. Layout (dlib/image_processing/shape_predictor.h `serialize`):
 *   int version (must be 1)
 *   matrix<float,0,1> initial_shape
 *   vector<vector<regression_tree>> forests       tree = vector<split_feature> splits,
 *                                                        vector<matrix<float,0,1>> leaf_values
 *                                                  split_feature = ulong idx1, ulong idx2, float thresh
 *   vector<vector<ulong>> anchor_idx
 *   vector<vector<vector<float,2>>> deltas
 */
import { DlibReader } from '../core/dlib-serialize.js';
import { SHAPE_MODEL_LIMITS as L, validateShapeModel, type ShapeModel } from './shape-model.js';

/**
 * Parses dlib's shape_predictor bytes.
 * requires: bytes is a dlib-serialised shape_predictor (version 1) with complete trees of one depth.
 * ensures: a validated ShapeModel, or FacetsError E_BAD_MODEL naming the field and byte offset.
 */
export function parseDlibShapePredictor(bytes: Uint8Array): ShapeModel {
  const r = new DlibReader(bytes);
  const version = r.readInt('shape_predictor version', 4);
  if (version !== 1) r.fail('shape_predictor version', `unknown version ${version}, only 1 is supported`);
  const init = r.readMatrix('float32', 2 * L.maxParts, 'initial_shape');
  if (init.cols !== 1 || init.rows % 2 !== 0 || init.rows === 0) r.fail('initial_shape', `expected a 2N x 1 column, got ${init.rows}x${init.cols}`);
  const numParts = init.rows / 2;
  const shapeLen = init.rows;

  const nc = r.readVectorLength(L.maxCascades, 'forests', 1);
  const treesPerCascade: number[] = [];
  let depth = -1;
  // Sizes are known only after the first tree; grow plain arrays, then pack once.
  const idx1: number[] = [];
  const idx2: number[] = [];
  const thresh: number[] = [];
  const leafChunks: Float32Array[] = [];
  for (let c = 0; c < nc; c++) {
    const nt = r.readVectorLength(L.maxTreesPerCascade, `forest ${c}`, 2);
    treesPerCascade.push(nt);
    for (let t = 0; t < nt; t++) {
      const what = `forest ${c} tree ${t}`;
      const ns = r.readVectorLength((1 << L.maxDepth) - 1, `${what} splits`, 6);
      const d = Math.log2(ns + 1);
      if (!Number.isInteger(d) || d < 1) r.fail(`${what} splits`, `${ns} splits is not a complete binary tree`);
      if (depth === -1) depth = d;
      else if (d !== depth) r.fail(`${what} splits`, `depth ${d} differs from the first tree's ${depth}; facets needs one depth`);
      const sw = `${what} split`;
      for (let s = 0; s < ns; s++) {
        idx1.push(r.readUint(sw));
        idx2.push(r.readUint(sw));
        thresh.push(r.readFloat(sw));
      }
      const nl = r.readVectorLength(ns + 1, `${what} leaf_values`, 4);
      if (nl !== ns + 1) r.fail(`${what} leaf_values`, `${nl} leaves for ${ns} splits`);
      if ((idx1.length / ns) * nl * shapeLen > L.maxLeafFloats) r.fail(`${what} leaf_values`, `model exceeds ${L.maxLeafFloats} leaf values`);
      for (let l = 0; l < nl; l++) {
        const leaf = r.readMatrix('float32', shapeLen, `${what} leaf`);
        if (leaf.rows !== shapeLen || leaf.cols !== 1) r.fail(`${what} leaf ${l}`, `expected ${shapeLen}x1, got ${leaf.rows}x${leaf.cols}`);
        leafChunks.push(leaf.data);
      }
    }
  }

  const na = r.readVectorLength(L.maxCascades, 'anchor_idx', 1);
  if (na !== nc) r.fail('anchor_idx', `${na} anchor sets for ${nc} cascades`);
  const featuresPerCascade: number[] = [];
  const anchors: number[] = [];
  for (let c = 0; c < nc; c++) {
    const nf = r.readVectorLength(L.maxFeatures, `anchor_idx ${c}`, 2);
    featuresPerCascade.push(nf);
    for (let i = 0; i < nf; i++) anchors.push(r.readUint(`anchor_idx ${c} item ${i}`));
  }
  const nd = r.readVectorLength(L.maxCascades, 'deltas', 1);
  if (nd !== nc) r.fail('deltas', `${nd} delta sets for ${nc} cascades`);
  const deltas = new Float32Array(anchors.length * 2);
  let k = 0;
  for (let c = 0; c < nc; c++) {
    const nf = r.readVectorLength(L.maxFeatures, `deltas ${c}`, 8);
    if (nf !== featuresPerCascade[c]) r.fail(`deltas ${c}`, `${nf} deltas for ${featuresPerCascade[c]} anchors`);
    for (let i = 0; i < nf; i++) {
      const [x, y] = r.readVector2('float32', `deltas ${c} item ${i}`);
      deltas[k++] = x;
      deltas[k++] = y;
    }
  }
  if (depth === -1) r.fail('forests', 'the model has no trees');
  if (anchors.some((a) => a > 0xffff) || idx1.some((a) => a > 0xffff) || idx2.some((a) => a > 0xffff)) {
    r.fail('forests', 'an index exceeds 65535');
  }

  const leafValues = new Float32Array(leafChunks.length * shapeLen);
  leafChunks.forEach((chunk, i) => leafValues.set(chunk, i * shapeLen));
  const model: ShapeModel = {
    numParts,
    initialShape: init.data,
    depth,
    treesPerCascade,
    featuresPerCascade,
    anchorIdx: Uint16Array.from(anchors),
    deltas,
    splitIdx1: Uint16Array.from(idx1),
    splitIdx2: Uint16Array.from(idx2),
    splitThresh: Float32Array.from(thresh),
    leafValues,
  };
  validateShapeModel(model, 'parseDlibShapePredictor');
  return model;
}
