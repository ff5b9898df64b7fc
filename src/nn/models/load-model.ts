/**
 * loadModel(name): reads weights/<name>.json + .bin (verifying size and sha256) and builds the
 * net. Node built-ins are imported lazily, only when reading from a file: URL, so the module
 * itself runs in any JS runtime (browsers fetch the files instead).
 */
import { FacetsError } from '../../core/errors.js';
import { folderUrl, readUrl } from '../../core/package-files.js';
import type { Tensor } from '../tensor.js';
import { loadWeights, type WeightMap } from '../weights/load.js';
import { ageGender } from './age-gender.js';
import { dlibResnet } from './dlib-resnet.js';
import { faceExpression } from './face-expression.js';
import { landmark68, landmark68Tiny } from './landmark68.js';
import type { NetModel } from './model.js';
import { findModelSpec, MODEL_SPECS, type ModelName } from './specs.js';
import { ssdMobilenetv1 } from './ssd-mobilenetv1.js';
import { tinyFaceDetector, type TinyFaceDetectorModel } from './tiny-face-detector.js';

/** The model type each name builds. */
export interface ModelTypes {
  'dlib-resnet': NetModel<Tensor>;
  'landmark68': NetModel<Tensor>;
  'landmark68-tiny': NetModel<Tensor>;
  'face-expression': NetModel<Tensor>;
  'age-gender': NetModel<{ age: Tensor; gender: Tensor }>;
  'tiny-face-detector': TinyFaceDetectorModel;
  'ssd-mobilenetv1': NetModel<{ boxes: Tensor; scores: Tensor }>;
}

const BUILDERS: { [K in ModelName]: (w: WeightMap) => ModelTypes[K] } = {
  'dlib-resnet': dlibResnet,
  'landmark68': landmark68,
  'landmark68-tiny': landmark68Tiny,
  'face-expression': faceExpression,
  'age-gender': ageGender,
  'tiny-face-detector': (w) => tinyFaceDetector(w),
  'ssd-mobilenetv1': ssdMobilenetv1,
};

/** Builds the named model from an already loaded weight map. */
export function buildModel<K extends ModelName>(name: K, weights: WeightMap): ModelTypes[K] {
  return BUILDERS[name](weights);
}

export interface LoadModelOptions {
  /** Folder (URL or path) holding <name>.json and <name>.bin; default: the package's weights/. */
  dir?: string | URL;
  /** Custom reader, e.g. for a bundler; gets the file URL. */
  readFile?: (url: URL) => Promise<Uint8Array>;
}

const DEFAULT_DIR = new URL('../../../weights/', import.meta.url);

const defaultRead = (url: URL): Promise<Uint8Array> => readUrl(url, 'loadModel');
const dirUrl = (dir: string | URL | undefined): URL => folderUrl(dir, DEFAULT_DIR);

/**
 * Loads converted weights and builds the named net (see specs.ts for the names).
 * requires: name one of MODEL_SPECS.
 * ensures: throws E_BAD_ARGUMENT for an unknown name, E_IO when a file cannot be read and
 * E_BAD_WEIGHTS when the files are corrupt, truncated or of an unknown format version.
 */
export async function loadModel<K extends ModelName>(name: K, opts: LoadModelOptions = {}): Promise<ModelTypes[K]> {
  if (!findModelSpec(name)) {
    throw new FacetsError('E_BAD_ARGUMENT', `loadModel: unknown model ${JSON.stringify(name)}; expected one of ${MODEL_SPECS.map((s) => s.name).join(', ')}`);
  }
  const base = dirUrl(opts.dir);
  const read = opts.readFile ?? defaultRead;
  const headerBytes = await read(new URL(`${name}.json`, base));
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(headerBytes));
  } catch (e) {
    throw new FacetsError('E_BAD_WEIGHTS', `loadModel: ${name}.json is not valid JSON: ${(e as Error).message}`);
  }
  const file = typeof header === 'object' && header !== null && typeof (header as { binary?: { file?: unknown } }).binary?.file === 'string'
    ? (header as { binary: { file: string } }).binary.file
    : `${name}.bin`;
  if (file.includes('/') || file.includes('\\')) throw new FacetsError('E_BAD_WEIGHTS', `loadModel: binary file name ${JSON.stringify(file)} must not contain a path`);
  const binary = await read(new URL(file, base));
  return buildModel(name, loadWeights(header, binary));
}
