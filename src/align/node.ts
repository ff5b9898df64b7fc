/**
 * Node-only helpers: find and load the shape predictor shipped in `weights/ert/`. Kept apart from
 * the runtime-neutral modules because it needs node:fs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FacetsError } from '../core/errors.js';
import { packageFileUrl } from '../core/package-files.js';
import { loadShapePredictor } from './load.js';
import type { ShapePredictor } from './shape-predictor.js';

/** File name of the converted dlib 68-point model inside weights/ert/. */
export const DEFAULT_ERT_FILE = 'shape_predictor_68_face_landmarks.fert';

/** Absolute path of the shipped 68-point model. */
export function defaultShapePredictorPath(): string {
  return fileURLToPath(packageFileUrl(`weights/ert/${DEFAULT_ERT_FILE}`));
}

let cached: ShapePredictor | null = null;

/**
 * Loads (once, then cached) the shipped dlib 68-point model (iBUG 300-W: non-commercial use).
 * ensures: a ShapePredictor, or FacetsError E_BAD_WEIGHTS when the file is missing / E_BAD_MODEL when corrupt.
 */
export function loadDefaultShapePredictor(): ShapePredictor {
  if (cached) return cached;
  const path = defaultShapePredictorPath();
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new FacetsError('E_BAD_WEIGHTS', `loadDefaultShapePredictor: cannot read ${path}: ${(e as Error).message}; run \`npx tsx scripts/convert-ert.ts\``, { cause: e });
  }
  cached = loadShapePredictor(bytes);
  return cached;
}
