/**
 * The smoke pipeline every runtime runs (browser page, Node, Bun, Deno): tiny face detector ->
 * face crop -> 68 landmarks (CNN) -> dlib face chip -> 128-D descriptor + expression. It uses
 * only runtime-neutral modules (no Node built-ins, no DOM), so the same code gives the numbers
 * the runtimes are compared on, and the demo page shows its stages.
 */
import { FacetsError } from '../core/errors.js';
import { faceChip } from '../align/face-chip.js';
import type { Point } from '../align/similarity.js';
import { crop } from '../image/geometry.js';
import { assertImage, type Box, type Image } from '../image/image.js';
import { loadModel, type LoadModelOptions, type ModelTypes } from '../nn/models/load-model.js';
import { FACE_EXPRESSIONS } from '../nn/models/face-expression.js';
import { landmarkPoints } from '../nn/models/landmark68.js';
import { tinyFaceDetections } from '../nn/models/detections.js';

/** The nets the pipeline needs, loaded once (each sha256-checked by loadModel). */
export interface PipelineModels {
  detector: ModelTypes['tiny-face-detector'];
  landmarks: ModelTypes['landmark68'];
  descriptor: ModelTypes['dlib-resnet'];
  expression: ModelTypes['face-expression'];
}

/**
 * Loads the four nets from `opts.dir` (a URL in a browser; the package's weights/ by default).
 * ensures: E_IO / E_BAD_WEIGHTS from loadModel when a file is missing or fails its sha256.
 */
export async function loadPipelineModels(opts: LoadModelOptions = {}): Promise<PipelineModels> {
  const [detector, landmarks, descriptor, expression] = await Promise.all([
    loadModel('tiny-face-detector', opts),
    loadModel('landmark68', opts),
    loadModel('dlib-resnet', opts),
    loadModel('face-expression', opts),
  ]);
  return { detector, landmarks, descriptor, expression };
}

/** Options of {@link runPipeline}. */
export interface PipelineOptions {
  /** Tiny detector input side, a multiple of 32 (default 224: small enough for SwiftShader). */
  inputSize?: number;
  /** Detection score threshold (default 0.5). */
  minConfidence?: number;
  /** Clock for the per-stage timings (default performance.now). */
  now?: () => number;
}

/** One step of the pipeline as the step-through page shows it. */
export interface PipelineStage {
  name: 'detect' | 'crop' | 'landmarks' | 'chip' | 'descriptor' | 'emotion';
  ms: number;
  /** The picture this stage produced, when it makes one (crop and chip). */
  image?: Image;
}

/** Plain JSON except for the stage images. */
export interface PipelineResult {
  box: Box;
  score: number;
  /** Raw landmark net output (136 values in 0..1 of the padded crop): compared across runtimes. */
  landmarkOutput: number[];
  /** The 68 points in image pixels. */
  landmarks: Point[];
  descriptor: number[];
  /** FER2013 names (DESIGN.md), from face-expression's 7 probabilities. */
  emotion: { label: string; probabilities: Record<string, number> };
  stages: PipelineStage[];
}

// face-expression's order -> FER2013 names (DESIGN.md: emotion keys always use FER2013's names).
const FER_NAME: Record<(typeof FACE_EXPRESSIONS)[number], string> = {
  neutral: 'neutral', happy: 'happy', sad: 'sad', angry: 'angry', fearful: 'fear', disgusted: 'disgust', surprised: 'surprise',
};

/**
 * Runs detect -> landmarks -> chip -> descriptor -> emotion on the best face, on the current
 * backend (setBackend).
 * requires: a well-formed RGB or RGBA image.
 * ensures: E_NO_FACE when the detector finds nothing; stage timings in milliseconds.
 */
export async function runPipeline(img: Image, models: PipelineModels, opts: PipelineOptions = {}): Promise<PipelineResult> {
  assertImage(img, 'runPipeline');
  if (img.channels === 1) throw new FacetsError('E_BAD_ARGUMENT', 'runPipeline: needs an RGB(A) image, got a grey one');
  const now = opts.now ?? (() => performance.now());
  const inputSize = opts.inputSize ?? 224;
  const stages: PipelineStage[] = [];
  let t = now();
  const lap = (name: PipelineStage['name'], image?: Image): void => {
    const t1 = now();
    stages.push(image ? { name, ms: t1 - t, image } : { name, ms: t1 - t });
    t = t1;
  };

  const net = inputSize === models.detector.inputSize ? models.detector : models.detector.withInputSize(inputSize);
  const found = tinyFaceDetections(await net.run(img), {
    width: img.width, height: img.height, inputSize, scoreThreshold: opts.minConfidence ?? 0.5,
  });
  if (found.length === 0) throw new FacetsError('E_NO_FACE', `runPipeline: no face scored >= ${opts.minConfidence ?? 0.5} in the ${img.width}x${img.height} image`);
  const best = found.reduce((a, b) => (b.score > a.score ? b : a));
  lap('detect');

  const faceBox = clampBox(best.box, img);
  const face = crop(img, faceBox);
  lap('crop', face);

  const lmOut = await models.landmarks.run(face);
  const landmarks = landmarkPoints(lmOut, face.width, face.height).map(([x, y]): Point => [x + faceBox.x, y + faceBox.y]);
  lap('landmarks');

  const chip = faceChip(img, landmarks, { size: 150, padding: 0.25 });
  lap('chip', chip.image);

  const descriptor = Array.from((await models.descriptor.run(chip.image)).data);
  lap('descriptor');

  const probs = (await models.expression.run(face)).data;
  const probabilities: Record<string, number> = {};
  FACE_EXPRESSIONS.forEach((e, i) => { probabilities[FER_NAME[e]] = probs[i]; });
  const label = Object.entries(probabilities).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  lap('emotion');

  return { box: best.box, score: best.score, landmarkOutput: Array.from(lmOut.data), landmarks, descriptor, emotion: { label, probabilities }, stages };
}

/** The detector box cut to whole pixels inside the image (face-api crops the same way). */
function clampBox(b: Box, img: Image): Box {
  const x = Math.max(0, Math.floor(b.x));
  const y = Math.max(0, Math.floor(b.y));
  const right = Math.min(img.width, Math.ceil(b.x + b.width));
  const bottom = Math.min(img.height, Math.ceil(b.y + b.height));
  if (right - x < 1 || bottom - y < 1) throw new FacetsError('E_NO_FACE', `runPipeline: the detected box ${JSON.stringify(b)} lies outside the image`);
  return { x, y, width: right - x, height: bottom - y };
}
