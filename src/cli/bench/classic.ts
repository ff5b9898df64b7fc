/**
 * The classic stages of `facets bench`: LBPH histogram (OpenCV's LBPHFaceRecognizer feature),
 * LBP and Haar cascade detection (OpenCV's CascadeClassifier), dlib's HOG face detector and
 * dlib's regression-tree landmarks (Kazemi & Sullivan 2014). They use no compute backend, and
 * their reference tools are native programs, so no peer runs in this process: their own
 * timings are recorded beside the parity fixtures (bench/lbp, bench/cascade, bench/align).
 */
import { loadDefaultShapePredictor } from '../../align/node.js';
import { toGray } from '../../image/gray.js';
import type { Box, Image } from '../../image/image.js';
import { resize } from '../../image/resize.js';
import { loadShippedCascade } from '../../lbp/cascade/shipped.js';
import { detectHog } from '../../lbp/hog/detect.js';
import { loadFrontalFaceDetector } from '../../lbp/hog/node.js';
import { lbpHistogram } from '../../lbp/ops/histogram.js';

export const CLASSIC_STAGES = ['lbph', 'lbp-cascade', 'haar-cascade', 'hog', 'ert'] as const;
export type ClassicStage = (typeof CLASSIC_STAGES)[number];

/** A prepared stage: what it is run on (for the report) and one run of it. */
export interface ClassicRun {
  input: string;
  run: () => unknown;
}

/**
 * Prepares `stage` on the sample face (an RGB photo, 250x250 for the shipped LFW samples).
 * ensures: E_IO / E_BAD_WEIGHTS / E_BAD_MODEL from the loaders when a shipped model is missing.
 */
export async function prepareClassic(stage: ClassicStage, face: Image): Promise<ClassicRun> {
  const size = `${face.width}x${face.height}`;
  switch (stage) {
    case 'lbph': {
      // The classic baseline runs on dlib's 150x150 chip; radius 1, 8 neighbours, 8x8 grid are
      // OpenCV's LBPHFaceRecognizer defaults (a 16,384-float histogram).
      const chip = toGray(resize(face, 150, 150));
      return { input: '150x150 grey', run: () => lbpHistogram(chip) };
    }
    case 'lbp-cascade':
    case 'haar-cascade': {
      const cascade = await loadShippedCascade(stage === 'lbp-cascade' ? 'lbp-frontalface-improved' : 'haar-frontalface-default');
      const gray = toGray(face);
      return { input: `${size} grey`, run: () => cascade.detectMultiScale(gray) };
    }
    case 'hog': {
      const det = loadFrontalFaceDetector();
      return { input: `${size} RGB`, run: () => detectHog(det, face) };
    }
    case 'ert': {
      const sp = loadDefaultShapePredictor();
      const box = faceBox(face);
      return { input: `${size} RGB, one face box`, run: () => sp.predict(face, box) };
    }
  }
}

/** The HOG detector's best box, or the centred half of the image when it finds none. */
function faceBox(face: Image): Box {
  const [best] = detectHog(loadFrontalFaceDetector(), face);
  if (best) return best.box;
  const w = Math.max(1, Math.round(face.width / 2));
  const h = Math.max(1, Math.round(face.height / 2));
  return { x: Math.round((face.width - w) / 2), y: Math.round((face.height - h) / 2), width: w, height: h };
}
