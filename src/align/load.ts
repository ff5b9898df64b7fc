/**
 * Loading shape predictors from bytes, in any JS runtime: facets' compact `.fert` file or dlib's
 * original serialised `shape_predictor` (.dat).
 */
import { FacetsError } from '../core/errors.js';
import { parseDlibShapePredictor } from './dlib-dat.js';
import { decodeShapeModel } from './ert-format.js';
import { ShapePredictor } from './shape-predictor.js';

/**
 * A ShapePredictor from facets' compact format (magic "FERT") or dlib's .dat bytes.
 * requires: bytes is a Uint8Array.
 * ensures: a ready predictor, or FacetsError E_BAD_MODEL naming what is wrong (unknown version,
 * truncation, checksum, inconsistent sizes).
 */
export function loadShapePredictor(bytes: Uint8Array): ShapePredictor {
  if (!(bytes instanceof Uint8Array)) {
    throw new FacetsError('E_BAD_ARGUMENT', `loadShapePredictor: expected a Uint8Array, got ${Object.prototype.toString.call(bytes)}`);
  }
  const isFert = bytes.length >= 4 && bytes[0] === 0x46 && bytes[1] === 0x45 && bytes[2] === 0x52 && bytes[3] === 0x54;
  return new ShapePredictor(isFert ? decodeShapeModel(bytes) : parseDlibShapePredictor(bytes));
}
