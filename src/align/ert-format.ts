/**
 * facets' compact ERT file (`weights/ert/*.fert`): dlib's shape_predictor with every field
 * exact except, in the default `int16` leaf encoding, the leaf values: quantised to int16 with one
 * float32 scale per tree (scale = max |leaf value| / 32767). The `float32` leaf encoding keeps
 * them exact (about twice the size). All numbers little-endian; sections 4-byte aligned.
 *
 *   "FERT" | u32 version=1 | u32 leafEncoding (0 int16, 1 float32) | u32 numParts | u32 depth |
 *   u32 numCascades | u32 totalFeatures | u32 totalTrees | u32 treesPerCascade[nc] |
 *   u32 featuresPerCascade[nc] | f32 initialShape[2P] | u16 anchorIdx[F] (pad) | f32 deltas[2F] |
 *   u16 splitIdx1[S] | u16 splitIdx2[S] (pad) | f32 thresh[S] |
 *   int16: f32 leafScale[T] | i16 leaves[T * 2^depth * 2P] (pad)   float32: f32 leaves[...] |
 *   u32 FNV-1a of every preceding byte
 * with S = T * (2^depth - 1). The checksum turns a flipped bit anywhere into E_BAD_MODEL instead
 * of silently wrong landmarks.
 *
 * Why int16 is not exact enough for bit-parity with dlib: the cascade is chaotic at the pixel
 * level. A leaf error of 1e-7 (box-normalised) moves a feature pixel by ~1e-5 px, which
 * occasionally crosses a rounding boundary, reads another pixel, flips a split and picks a
 * different leaf, moving landmarks by a pixel or more. Measured figures are in weights/ert/README.md.
 */
import { FacetsError } from '../core/errors.js';
import { SHAPE_MODEL_LIMITS as L, leafValueAt, validateShapeModel, type ShapeModel } from './shape-model.js';

const MAGIC = 0x54524546; // "FERT" read as a little-endian u32
export const FERT_VERSION = 1;

/** How leaf values are stored: `int16` (per-tree scale, ~33.6 MB for dlib's 68-point model) or exact `float32` (~66 MB). */
export type LeafEncoding = 'int16' | 'float32';

/** FNV-1a 32-bit over bytes [0, end). */
function fnv1a(bytes: Uint8Array, end: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

const pad4 = (n: number) => (n + 3) & ~3;

/** Total bytes of a file with these counts (header through checksum). */
function fileSize(nc: number, P: number, F: number, S: number, T: number, perTree: number, exact: boolean): number {
  const leaves = exact ? 4 * T * perTree : 4 * T + pad4(2 * T * perTree);
  return 32 + 8 * nc + 8 * P + pad4(2 * F) + 8 * F + pad4(4 * S) + 4 * S + leaves + 4;
}

/**
 * Encodes a model into the compact format, quantising leaves; deterministic (same model, same bytes).
 * requires: validateShapeModel(model) passes.
 */
export function encodeShapeModel(model: ShapeModel, leafEncoding: LeafEncoding = 'int16'): Uint8Array {
  validateShapeModel(model, 'encodeShapeModel');
  const exact = leafEncoding === 'float32';
  const nc = model.treesPerCascade.length;
  const T = model.treesPerCascade.reduce((a, b) => a + b, 0);
  const F = model.anchorIdx.length;
  const S = model.splitIdx1.length;
  const perTree = (1 << model.depth) * 2 * model.numParts;
  const size = fileSize(nc, model.numParts, F, S, T, perTree, exact);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  let o = 0;
  const u32 = (v: number) => { dv.setUint32(o, v, true); o += 4; };
  const f32 = (v: number) => { dv.setFloat32(o, v, true); o += 4; };
  const u16 = (v: number) => { dv.setUint16(o, v, true); o += 2; };
  [MAGIC, FERT_VERSION, exact ? 1 : 0, model.numParts, model.depth, nc, F, T].forEach(u32);
  model.treesPerCascade.forEach(u32);
  model.featuresPerCascade.forEach(u32);
  model.initialShape.forEach(f32);
  model.anchorIdx.forEach(u16);
  o = pad4(o);
  model.deltas.forEach(f32);
  model.splitIdx1.forEach(u16);
  model.splitIdx2.forEach(u16);
  o = pad4(o);
  model.splitThresh.forEach(f32);
  if (exact) {
    for (let i = 0; i < model.leafValues.length; i++) f32(leafValueAt(model, i));
    dv.setUint32(o, fnv1a(out, o), true);
    return out;
  }
  if (model.leafScales) {
    // Already int16 codes (a decoded .fert): write them back unchanged, so re-encoding is lossless.
    model.leafScales.forEach(f32);
    model.leafValues.forEach((q) => { dv.setInt16(o, q, true); o += 2; });
    o = pad4(o);
    dv.setUint32(o, fnv1a(out, o), true);
    return out;
  }
  const scales = new Float32Array(T);
  for (let t = 0; t < T; t++) {
    let m = 0;
    for (let i = t * perTree; i < (t + 1) * perTree; i++) m = Math.max(m, Math.abs(model.leafValues[i]));
    scales[t] = m / 32767;
    f32(scales[t]);
  }
  for (let t = 0; t < T; t++) {
    const s = scales[t];
    for (let i = t * perTree; i < (t + 1) * perTree; i++) {
      dv.setInt16(o, s === 0 ? 0 : Math.max(-32767, Math.min(32767, Math.round(model.leafValues[i] / s))), true);
      o += 2;
    }
  }
  o = pad4(o);
  dv.setUint32(o, fnv1a(out, o), true);
  return out;
}

/**
 * Decodes the compact format. int16 leaves stay int16 codes with per-tree `leafScales`
 * (value = float32(code * scale), see leafValueAt); float32 leaves come back as they are.
 * ensures: a validated ShapeModel, or FacetsError E_BAD_MODEL (bad magic, unknown version,
 * truncation, checksum mismatch, inconsistent sizes) naming the problem.
 */
export function decodeShapeModel(bytes: Uint8Array): ShapeModel {
  const fn = 'loadShapePredictor';
  const bad = (msg: string): never => {
    throw new FacetsError('E_BAD_MODEL', `${fn}: ${msg}`);
  };
  if (!(bytes instanceof Uint8Array)) throw new FacetsError('E_BAD_ARGUMENT', `${fn}: expected a Uint8Array`);
  if (bytes.length < 36) bad(`file is ${bytes.length} bytes, too short for a facets ERT header`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) bad('not a facets ERT file (magic "FERT" missing)');
  const version = dv.getUint32(4, true);
  if (version !== FERT_VERSION) bad(`unknown facets ERT version ${version}, this build reads ${FERT_VERSION}`);
  const enc = dv.getUint32(8, true);
  if (enc !== 0 && enc !== 1) bad(`unknown leaf encoding ${enc}`);
  const [numParts, depth, nc, F, T] = [12, 16, 20, 24, 28].map((p) => dv.getUint32(p, true));
  if (numParts < 1 || numParts > L.maxParts) bad(`numParts ${numParts} out of 1..${L.maxParts}`);
  if (depth < 1 || depth > L.maxDepth) bad(`depth ${depth} out of 1..${L.maxDepth}`);
  if (nc < 1 || nc > L.maxCascades) bad(`${nc} cascades out of 1..${L.maxCascades}`);
  if (F > L.maxFeatures * L.maxCascades || T > L.maxTreesPerCascade * L.maxCascades) bad(`${F} features / ${T} trees exceed the limits`);
  const perTree = (1 << depth) * 2 * numParts;
  if (T * perTree > L.maxLeafFloats) bad(`${T * perTree} leaf values exceed the limit ${L.maxLeafFloats}`);
  const S = T * ((1 << depth) - 1);
  const expected = fileSize(nc, numParts, F, S, T, perTree, enc === 1);
  if (bytes.length !== expected) bad(`file is ${bytes.length} bytes, its header implies ${expected} (truncated or corrupt)`);
  const sum = dv.getUint32(expected - 4, true);
  if (fnv1a(bytes, expected - 4) !== sum) bad('checksum mismatch (file corrupt)');

  let o = 32;
  const u32s = (n: number) => Array.from({ length: n }, () => { const v = dv.getUint32(o, true); o += 4; return v; });
  const f32s = (n: number) => { const a = new Float32Array(n); for (let i = 0; i < n; i++, o += 4) a[i] = dv.getFloat32(o, true); return a; };
  const u16s = (n: number) => { const a = new Uint16Array(n); for (let i = 0; i < n; i++, o += 2) a[i] = dv.getUint16(o, true); return a; };
  const treesPerCascade = u32s(nc);
  const featuresPerCascade = u32s(nc);
  if (treesPerCascade.reduce((a, b) => a + b, 0) !== T) bad('tree counts do not add up to the header total');
  if (featuresPerCascade.reduce((a, b) => a + b, 0) !== F) bad('feature counts do not add up to the header total');
  const initialShape = f32s(2 * numParts);
  const anchorIdx = u16s(F);
  o = pad4(o);
  const deltas = f32s(2 * F);
  const splitIdx1 = u16s(S);
  const splitIdx2 = u16s(S);
  o = pad4(o);
  const splitThresh = f32s(S);
  const model: ShapeModel = { numParts, initialShape, depth, treesPerCascade, featuresPerCascade, anchorIdx, deltas, splitIdx1, splitIdx2, splitThresh, leafValues: new Float32Array(0) };
  if (enc === 1) {
    model.leafValues = f32s(T * perTree);
  } else {
    // Keep the int16 codes (half the memory); ShapePredictor scales them as it adds.
    model.leafScales = f32s(T);
    const codes = new Int16Array(T * perTree);
    for (let i = 0; i < codes.length; i++, o += 2) codes[i] = dv.getInt16(o, true);
    model.leafValues = codes;
  }
  validateShapeModel(model, fn);
  return model;
}
