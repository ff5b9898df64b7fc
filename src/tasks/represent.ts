import { FacetsError, check } from '../core/errors.js';
import { arcfaceChip, faceChip } from '../align/face-chip.js';
import { crop } from '../image/geometry.js';
import { toGray } from '../image/gray.js';
import { assertImage, type Image } from '../image/image.js';
import { lbpHistogram, type LbpHistogramOptions } from '../lbp/ops/histogram.js';
import { detectFaces, type DetectOptions } from './detect.js';
import { alignDlibBox, clipAndFloor } from './faceapi-crops.js';
import { cnnLandmarks, faceLandmarks } from './landmarks.js';
import { assertFinite } from './metrics.js';
import { human, net } from './resources.js';
import type { DetectorName, Face, Point } from './types.js';

/** Face representations `represent` and `verify` compute. */
export type ModelName = 'dlib-resnet' | 'lbph' | 'mobilefacenet' | 'faceres';
export const MODELS: readonly ModelName[] = ['dlib-resnet', 'lbph', 'mobilefacenet', 'faceres'];

/**
 * How the face is brought to the model's input:
 * - 'ert': dlib's way: ERT landmarks, then a similarity warp to dlib's 150x150 chip (padding
 *   0.25), the input the face recognition net was trained on (the 5-point ArcFace chip for
 *   mobilefacenet);
 * - 'faceapi': face-api.js's way: CNN landmarks, then an axis-aligned crop around eyes and
 *   mouth, no rotation;
 * - 'none': the detection box itself, resized.
 */
export type AlignMode = 'ert' | 'faceapi' | 'none';
export const ALIGN_MODES: readonly AlignMode[] = ['ert', 'faceapi', 'none'];

export interface RepresentOptions extends DetectOptions {
  /** Default 'dlib-resnet'. */
  model?: ModelName;
  /** Default 'ert'. */
  align?: AlignMode;
  /**
   * true (default): no face found is an error (E_NO_FACE). false: the whole image is used as
   * the face, as DeepFace's enforce_detection=False does.
   */
  enforceDetection?: boolean;
  /**
   * Model 'lbph' only: LBP histogram options (radius, neighbors, gridX, gridY, mapping, e.g.
   * mapping 'u2' for uniform patterns). Default {@link LBPH_PARAMS}, OpenCV's LBPH.
   */
  lbph?: LbpHistogramOptions;
}

/** One face's representation: plain JSON. */
export interface Representation {
  embedding: number[];
  face: Face;
  model: ModelName;
  align: AlignMode;
}

/** What a representation was computed from (for the step-through report). */
export interface AlignedFace {
  face: Face;
  landmarks?: Point[];
  /** The image the model saw (before its own resize / normalisation). */
  chip: Image;
  /** chip -> image affine map when the chip is a warp (ert), else undefined. */
  transform?: [number, number, number, number, number, number];
}

/** LBPH parameters of the 'lbph' model: OpenCV's LBPHFaceRecognizer defaults on the grey chip. */
export const LBPH_PARAMS = { radius: 1, neighbors: 8, gridX: 8, gridY: 8 } as const;

function checkOptions(fn: string, o: RepresentOptions): { model: ModelName; align: AlignMode } {
  const model = o.model ?? 'dlib-resnet';
  const align = o.align ?? 'ert';
  check(MODELS.includes(model), fn, `model must be one of ${MODELS.join(', ')}, got ${String(model)}`);
  check(ALIGN_MODES.includes(align), fn, `align must be one of ${ALIGN_MODES.join(', ')}, got ${String(align)}`);
  return { model, align };
}

/** The faces to represent, honouring enforceDetection. Default detector for the pipeline: 'hog'. */
export async function facesFor(img: Image, o: RepresentOptions, fn: string): Promise<Face[]> {
  const detector: DetectorName = o.detector ?? 'hog';
  const faces = await detectFaces(img, { ...o, detector });
  if (faces.length > 0) return faces;
  if (o.enforceDetection === false) return detectFaces(img, { detector: 'none' });
  throw new FacetsError('E_NO_FACE', `${fn}: no face found with detector '${detector}'; pass enforceDetection: false to use the whole image`);
}

/** Brings one face to the model's input (see {@link AlignMode}). */
export async function alignFace(img: Image, face: Face, model: ModelName, align: AlignMode): Promise<AlignedFace> {
  if (align === 'none') return { face, chip: crop(img, clipBox(img, face)) };
  if (align === 'faceapi') {
    const landmarks = await cnnLandmarks(img, face);
    const box = clipAndFloor(alignDlibBox(landmarks, img.width, img.height), img.width, img.height);
    return { face, landmarks, chip: crop(img, box) };
  }
  const landmarks = await faceLandmarks(img, face, 'ert');
  if (model === 'mobilefacenet') {
    const c = arcfaceChip(img, landmarks, 112);
    return { face, landmarks, chip: c.image, transform: c.inverse };
  }
  const c = faceChip(img, landmarks, { size: 150, padding: 0.25 });
  return { face, landmarks, chip: c.image, transform: c.inverse };
}

function clipBox(img: Image, face: Face): Face['box'] {
  const b = clipAndFloor(face.box, img.width, img.height);
  if (b.width < 1 || b.height < 1) throw new FacetsError('E_NO_FACE', `face box ${JSON.stringify(face.box)} lies outside the image`);
  return b;
}

/**
 * The model's embedding of an aligned face chip. `lbph` overrides {@link LBPH_PARAMS} for the
 * 'lbph' model (ignored by the others).
 */
export async function embedChip(chip: Image, model: ModelName, lbph?: LbpHistogramOptions): Promise<Float32Array> {
  let v: Float32Array;
  switch (model) {
    case 'dlib-resnet':
      v = (await (await net('dlib-resnet')).run(chip)).data;
      break;
    case 'lbph':
      v = lbpHistogram(toGray(chip), lbph ?? LBPH_PARAMS);
      break;
    case 'mobilefacenet':
      v = (await (await human('mobilefacenet')).run(chip)).data;
      break;
    case 'faceres':
      v = ((await (await human('faceres')).run(chip)) as { descriptor: { data: Float32Array } }).descriptor.data;
      break;
    default:
      throw new FacetsError('E_BAD_ARGUMENT', `represent: unknown model '${String(model)}'`);
  }
  assertFinite(v, `represent(${model})`);
  return v;
}

/**
 * Embeddings of every face in `img`, best detection first.
 * throws: E_NO_FACE when none is found and enforceDetection is not false; E_NUMERIC when a net
 * produces NaN or Infinity.
 */
export async function represent(img: Image, options: RepresentOptions = {}): Promise<Representation[]> {
  assertImage(img, 'represent');
  const { model, align } = checkOptions('represent', options);
  const faces = await facesFor(img, options, 'represent');
  const out: Representation[] = [];
  for (const face of faces) {
    const aligned = await alignFace(img, face, model, align);
    out.push({ embedding: Array.from(await embedChip(aligned.chip, model, options.lbph)), face, model, align });
  }
  return out;
}
