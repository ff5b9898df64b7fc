import { FacetsError } from '../core/errors.js';
import { readPackageFile } from '../core/package-files.js';
import { loadShapePredictor } from '../align/load.js';
import type { ShapePredictor } from '../align/shape-predictor.js';
import type { CascadeClassifier } from '../lbp/cascade/classifier.js';
import { loadShippedCascade } from '../lbp/cascade/shipped.js';
import { loadHogDetector, type HogDetector } from '../lbp/hog/model.js';
import { loadHumanModel, type HumanModel } from '../nn/human/load.js';
import type { HumanModelName } from '../nn/human/specs.js';
import { loadModel, type ModelTypes } from '../nn/models/load-model.js';
import type { ModelName } from '../nn/models/specs.js';
import { sha256Hex } from '../nn/weights/sha256.js';

/**
 * The models the tasks use, each loaded once per process on first use and then shared (the
 * only state the tasks layer keeps). Loads are cached as promises, so concurrent first calls
 * share one load instead of racing.
 */
const cache = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    // A failed load is not cached: the next call tries again (e.g. after the file is restored).
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** Shipped files with the sha256 they must have (checked at load, never at inference). */
const SHIPPED = {
  hog: 'weights/hog/frontal_face_detector.svm',
  ert: 'weights/ert/shape_predictor_68_face_landmarks.fert',
} as const;

/**
 * A shipped file's bytes, checked against weights/SHA256SUMS.
 * requires: rel relative to the package root. `read` reads package files (tests inject faults).
 * ensures: E_BAD_WEIGHTS when the file is unlisted or its sha256 differs; E_IO when unreadable.
 */
export async function readVerified(rel: string, read: (rel: string) => Promise<Uint8Array> = readPackageFile): Promise<Uint8Array> {
  const bytes = await read(rel);
  const sums = await checksums();
  const want = sums.get(rel);
  if (want === undefined) throw new FacetsError('E_BAD_WEIGHTS', `${rel} is not listed in weights/SHA256SUMS`);
  if (sha256Hex(bytes) !== want) throw new FacetsError('E_BAD_WEIGHTS', `${rel} does not match its sha256 in weights/SHA256SUMS (corrupted or replaced)`);
  return bytes;
}

/** weights/SHA256SUMS (`sha256sum` format, paths relative to the package root). */
function checksums(): Promise<Map<string, string>> {
  return once('SHA256SUMS', async () => {
    const text = new TextDecoder().decode(await readPackageFile('weights/SHA256SUMS'));
    const sums = new Map<string, string>();
    for (const line of text.split('\n')) {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
      if (m) sums.set(m[2]!, m[1]!);
    }
    return sums;
  });
}

/**
 * A file reader for loadModel / loadHumanModel that checks every file of the package's `folder`
 * against weights/SHA256SUMS. The loaders' own check covers only the binary (its sha256 is in the
 * header), so without this a changed header (a quantisation scale, a shape) would load silently.
 */
function verifiedIn(folder: string): (url: URL) => Promise<Uint8Array> {
  return (url) => readVerified(folder + decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1)));
}

/** A converted face-api net (weights/<name>.json + .bin, every file checked against SHA256SUMS). */
export function net<K extends ModelName>(name: K): Promise<ModelTypes[K]> {
  return once(`net:${name}`, () => loadModel(name, { readFile: verifiedIn('weights/') }));
}

/** A converted Human graph model (weights/human/, every file checked against SHA256SUMS). */
export function human<K extends HumanModelName>(name: K): Promise<HumanModel<K>> {
  return once(`human:${name}`, () => loadHumanModel(name, { readFile: verifiedIn('weights/human/') }));
}

/** A shipped OpenCV cascade. */
export function cascade(name: 'lbp-cascade' | 'haar-cascade'): Promise<CascadeClassifier> {
  return once(name, () => loadShippedCascade(name === 'lbp-cascade' ? 'lbp-frontalface-improved' : 'haar-frontalface-default', readVerified));
}

/** dlib's frontal face (HOG) detector. */
export function hogDetector(): Promise<HogDetector> {
  return once('hog', async () => loadHogDetector(await readVerified(SHIPPED.hog)));
}

/** dlib's 68-point regression-tree landmark model (iBUG 300-W: non-commercial use). */
export function shapePredictor(): Promise<ShapePredictor> {
  return once('ert', async () => loadShapePredictor(await readVerified(SHIPPED.ert)));
}
