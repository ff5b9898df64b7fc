import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FacetsError } from '../../core/errors.js';
import { packageFileUrl } from '../../core/package-files.js';
import { loadHogDetector, type HogDetector } from './model.js';

/** The shipped detector: dlib 19.24's `get_frontal_face_detector()`, serialised by dlib (Boost licence). */
export const FRONTAL_FACE_DETECTOR_FILE = 'weights/hog/frontal_face_detector.svm';
/** sha256 of the shipped file, checked on load. */
export const FRONTAL_FACE_DETECTOR_SHA256 = 'f3f7aa833fb4a14a46fc48689f45b98d85ef72d6dfaf8bdc012b7d3c522a5426';

let cached: HogDetector | null = null;

/**
 * Loads dlib's frontal face detector shipped in facets' `weights/hog/` (Node only; reads a file).
 * Finds the package by walking up from this module to the folder whose package.json is named
 * "facets", so it works from src/ (tsx, vitest) and from dist/ after a build.
 * ensures: the same detector object on every call (loaded once); E_IO when the file is missing,
 *          E_BAD_WEIGHTS when its sha256 differs, E_BAD_MODEL when it does not parse.
 */
export function loadFrontalFaceDetector(): HogDetector {
  if (cached) return cached;
  const file = fileURLToPath(packageFileUrl(FRONTAL_FACE_DETECTOR_FILE));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new FacetsError('E_IO', `loadFrontalFaceDetector: cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== FRONTAL_FACE_DETECTOR_SHA256) {
    throw new FacetsError('E_BAD_WEIGHTS', `loadFrontalFaceDetector: ${file} has sha256 ${sha}, expected ${FRONTAL_FACE_DETECTOR_SHA256}`);
  }
  cached = loadHogDetector(bytes);
  return cached;
}
