import { check } from '../core/errors.js';
import { adaptBox, hogBoxFromLandmarks } from '../align/box-adapter.js';
import { crop } from '../image/geometry.js';
import type { Image } from '../image/image.js';
import { landmarkPoints } from '../nn/models/landmark68.js';
import { detectFaces, type DetectOptions } from './detect.js';
import { clipAndFloor } from './faceapi-crops.js';
import { net, shapePredictor } from './resources.js';
import type { Face, Point } from './types.js';

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
 * The box the ERT model expects (dlib HOG's convention). HOG boxes are used as they are; for
 * every other detector the box is estimated from face-api's CNN landmarks on that detector's
 * box (hogBoxFromLandmarks, fitted on dlib's own boxes and landmarks): the CNN is robust to the
 * detector's box convention, the ERT model is not.
 */
export async function ertBox(img: Image, face: Face): Promise<Face['box']> {
  if (face.detector === 'hog') return adaptBox(face.box, 'hog');
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
