import { check } from '../core/errors.js';
import { toGray } from '../image/gray.js';
import { assertImage, type Image } from '../image/image.js';
import { detectHog } from '../lbp/hog/detect.js';
import { ssdDetections, tinyFaceDetections } from '../nn/models/detections.js';
import { cascade, hogDetector, net } from './resources.js';
import { DETECTORS, type DetectorName, type Face } from './types.js';

/** Options of {@link detectFaces}. */
export interface DetectOptions {
  /** Default 'ssd'. */
  detector?: DetectorName;
  /** Drop faces scoring below this (probability detectors: default 0.5 ssd, 0.5 tiny). */
  minConfidence?: number;
  /** Keep at most this many faces, best first (default and cap: {@link MAX_FACES}). */
  maxFaces?: number;
  /** 'tiny': net input size, a multiple of 32 (default 416). */
  inputSize?: number;
  /** 'hog': times to double the image first (dlib `detector(img, n)`); default 0. */
  upsample?: number;
  /** Cascades: OpenCV detectMultiScale parameters (defaults 1.1, 3, 30x30). */
  scaleFactor?: number;
  minNeighbors?: number;
  minSize?: number;
}

/** Most faces returned for one image: a bound on work per image downstream. */
export const MAX_FACES = 256;

/**
 * Finds faces. Boxes are in image pixels; faces come best first.
 * requires: a well-formed image; a known detector.
 * ensures: [] when nothing is found (not an error: callers that need a face enforce it).
 */
export async function detectFaces(img: Image, options: DetectOptions = {}): Promise<Face[]> {
  assertImage(img, 'detectFaces');
  const detector = options.detector ?? 'ssd';
  check(DETECTORS.includes(detector), 'detectFaces', `detector must be one of ${DETECTORS.join(', ')}, got ${String(detector)}`);
  const maxFaces = options.maxFaces ?? MAX_FACES;
  check(Number.isInteger(maxFaces) && maxFaces >= 1 && maxFaces <= MAX_FACES, 'detectFaces', `maxFaces must be an integer in 1..${MAX_FACES}, got ${maxFaces}`);
  if (options.minConfidence !== undefined) check(Number.isFinite(options.minConfidence), 'detectFaces', `minConfidence must be finite, got ${options.minConfidence}`);
  check(img.width > 0 && img.height > 0, 'detectFaces', `image is empty (${img.width}x${img.height})`);
  const faces = await DETECT[detector](img, options);
  return faces.sort((a, b) => b.score - a.score).slice(0, maxFaces);
}

type DetectFn = (img: Image, o: DetectOptions) => Promise<Face[]>;

const DETECT: Record<DetectorName, DetectFn> = {
  none: async (img) => [{ box: { x: 0, y: 0, width: img.width, height: img.height }, score: 1, detector: 'none' }],

  ssd: async (img, o) => {
    const model = await net('ssd-mobilenetv1');
    const out = await model.run(img);
    return ssdDetections(out, { width: img.width, height: img.height, minConfidence: o.minConfidence ?? 0.5 })
      .map((d) => ({ box: d.box, score: d.score, detector: 'ssd' as const }));
  },

  tiny: async (img, o) => {
    const model = await net('tiny-face-detector');
    const inputSize = o.inputSize ?? 416;
    check(Number.isInteger(inputSize) && inputSize >= 32 && inputSize % 32 === 0 && inputSize <= 1024, 'detectFaces', `inputSize must be a multiple of 32 in 32..1024, got ${inputSize}`);
    const grid = await (inputSize === model.inputSize ? model : model.withInputSize(inputSize)).run(img);
    return tinyFaceDetections(grid, { width: img.width, height: img.height, inputSize, scoreThreshold: o.minConfidence ?? 0.5 })
      .map((d) => ({ box: d.box, score: d.score, detector: 'tiny' as const }));
  },

  hog: async (img, o) => {
    const found = detectHog(await hogDetector(), img, { upsample: o.upsample ?? 0 });
    return found
      .filter((d) => o.minConfidence === undefined || d.score >= o.minConfidence)
      .map((d) => ({ box: d.box, score: d.score, detector: 'hog' as const }));
  },

  'lbp-cascade': (img, o) => runCascade('lbp-cascade', img, o),
  'haar-cascade': (img, o) => runCascade('haar-cascade', img, o),
};

async function runCascade(name: 'lbp-cascade' | 'haar-cascade', img: Image, o: DetectOptions): Promise<Face[]> {
  const classifier = await cascade(name);
  const minSize = o.minSize ?? 30;
  const found = classifier.detectMultiScaleDetailed(toGray(img), {
    scaleFactor: o.scaleFactor ?? 1.1,
    minNeighbors: o.minNeighbors ?? 3,
    minSize: { width: minSize, height: minSize },
  });
  return found.grouped
    .filter((g) => o.minConfidence === undefined || g.neighbors >= o.minConfidence)
    .map((g) => ({ box: { x: g.x, y: g.y, width: g.width, height: g.height }, score: g.neighbors, detector: name }));
}
