import { check } from '../core/errors.js';
import { adaptBox, hogBoxFromLandmarks } from '../align/box-adapter.js';
import { crop } from '../image/geometry.js';
import type { Image } from '../image/image.js';
import { landmarkPoints } from '../nn/models/landmark68.js';
import { detectFaces, type DetectOptions } from './detect.js';
import { clipAndFloor } from './faceapi-crops.js';
import { net, shapePredictor } from './resources.js';
import type { DetectorName, Face, Point } from './types.js';

/** Landmark methods: dlib's regression trees, face-api's CNN and its tiny variant. */
export type LandmarkMethod = 'ert' | 'cnn' | 'cnn-tiny';
export const LANDMARK_METHODS: readonly LandmarkMethod[] = ['ert', 'cnn', 'cnn-tiny'];

/**
 * 68 points from face-api's landmark net, run as face-api.js runs it: on the detection box
 * clipped to the image and floored, points shifted back by the unfloored box origin.
 */
export async function cnnLandmarks(img: Image, face: Face, tiny = false): Promise<Point[]> {
  const box = clipAndFloor(face.box, img.width, img.height);
  check(box.width >= 1 && box.height >= 1, 'landmarks', `face box ${JSON.stringify(face.box)} lies outside the ${img.width}x${img.height} image`);
  const model = await net(tiny ? 'landmark68-tiny' : 'landmark68');
  const out = await model.run(crop(img, box));
  const x0 = Math.max(face.box.x, 0);
  const y0 = Math.max(face.box.y, 0);
  return landmarkPoints(out, box.width, box.height).map(([x, y]) => [x + x0, y + y0]);
}

/**
 * How the ERT box is found for a non-HOG detector: 'adapter' maps the detector's box with its
 * fitted adapter (src/align/box-adapter.ts); 'cnn' runs face-api's CNN landmarks on the
 * detector's box and takes the HOG-convention box of those landmarks (hogBoxFromLandmarks).
 */
export type ErtBoxVia = 'adapter' | 'cnn';

/**
 * Default per detector, chosen by mean ERT NME on ../shared/data/landmarks-300w-afw
 * (`npx tsx scripts/eval-landmarks.ts --all`, 2026-11-29; both ways on the same detected faces):
 * | detector | faces | via adapter: mean / median / > 10% | via CNN: mean / median / > 10% |
 * |---|---|---|---|
 * | ssd | 89 | 0.0971 / 0.0422 / 22 | **0.0851** / 0.0328 / 13 |
 * | tiny | 71 | 0.1240 / 0.0439 / 18 | **0.0794** / 0.0326 / 10 |
 * | lbp-cascade | 65 | **0.0311** / 0.0270 / 1 | 0.0880 / 0.0483 / 20 |
 * | haar-cascade | 82 | 0.0918 / 0.0312 / 9 | **0.0721** / 0.0316 / 9 |
 * The adapters' residual spread (5-14% of the box, src/align/box-adapter.ts) is too large for
 * SSD and tiny; the LBP cascade fires on frontal faces much like dlib's HOG detector, where its
 * adapter is both accurate and far better than the CNN route (the CNN itself does badly on LBP
 * boxes: NME 0.146). AFW is in 300-W, the ERT model's training set: optimistic for ERT.
 */
export const ERT_BOX_VIA: Readonly<Record<Exclude<DetectorName, 'hog'>, ErtBoxVia>> = {
  ssd: 'cnn',
  tiny: 'cnn',
  'lbp-cascade': 'adapter',
  'haar-cascade': 'cnn',
  // The whole image is no face box at all: only the CNN route can find the face in it.
  none: 'cnn',
};

/**
 * The box the ERT model expects (dlib HOG's convention). HOG boxes are used as they are; for
 * every other detector see {@link ErtBoxVia}; `via` overrides the measured default
 * {@link ERT_BOX_VIA} (for evaluation).
 */
export async function ertBox(img: Image, face: Face, via?: ErtBoxVia): Promise<Face['box']> {
  if (face.detector === 'hog') return adaptBox(face.box, 'hog');
  const how = via ?? ERT_BOX_VIA[face.detector];
  check(how === 'adapter' || how === 'cnn', 'ertBox', `via must be 'adapter' or 'cnn', got ${String(how)}`);
  if (how === 'adapter') {
    check(face.detector !== 'none', 'ertBox', "detector 'none' has no box adapter; use via 'cnn'");
    return adaptBox(face.box, face.detector);
  }
  return hogBoxFromLandmarks(await cnnLandmarks(img, face));
}

/** The 68 iBUG points (0-based pixels) of one detected face. */
export async function faceLandmarks(img: Image, face: Face, method: LandmarkMethod = 'ert'): Promise<Point[]> {
  check(LANDMARK_METHODS.includes(method), 'landmarks', `method must be one of ${LANDMARK_METHODS.join(', ')}, got ${String(method)}`);
  if (method === 'ert') return (await shapePredictor()).predict(img, await ertBox(img, face));
  return cnnLandmarks(img, face, method === 'cnn-tiny');
}

/** Options of {@link landmarks}. */
export interface LandmarksOptions extends DetectOptions {
  method?: LandmarkMethod;
}

/**
 * Detects faces and returns each one's 68 landmarks.
 * ensures: one entry per detected face, best detection first; [] when no face is found.
 */
export async function landmarks(img: Image, options: LandmarksOptions = {}): Promise<{ face: Face; points: Point[]; method: LandmarkMethod }[]> {
  const method = options.method ?? 'ert';
  check(LANDMARK_METHODS.includes(method), 'landmarks', `method must be one of ${LANDMARK_METHODS.join(', ')}, got ${String(method)}`);
  const faces = await detectFaces(img, { detector: 'hog', ...options });
  const out = [];
  for (const face of faces) out.push({ face, points: await faceLandmarks(img, face, method), method });
  return out;
}
