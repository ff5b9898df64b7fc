/**
 * The facets side of `facets bench` for the CNNs: which nets are benchmarked, the input each one
 * gets, and a forward function per net. Every net gets an input already at its own size (the
 * sample face resized once), so the timed work is the net itself plus the net's own
 * normalisation, on both sides of the comparison.
 */
import { FacetsError } from '../../core/errors.js';
import type { Image } from '../../image/image.js';
import { resize } from '../../image/resize.js';
import { humanNetInput } from '../../nn/human/preprocess.js';
import { loadHumanModel } from '../../nn/human/load.js';
import { findHumanSpec, type HumanModelName } from '../../nn/human/specs.js';
import { loadModel } from '../../nn/models/load-model.js';
import type { NetModel } from '../../nn/models/model.js';
import type { ModelName } from '../../nn/models/specs.js';
import type { Tensor } from '../../nn/tensor.js';

/** A face-api.js net (loadModel) at one input size, and its face-api.js `nets` key. */
export interface FaceApiBenchModel {
  id: string;
  family: 'faceapi';
  net: ModelName;
  size: number;
  faceApiNet: string;
}

/** A Human graph model (loadHumanModel); its TF.js twin is the package's `<net>.json`. */
export interface HumanBenchModel {
  id: string;
  family: 'human';
  net: HumanModelName;
  size: number;
}

export type BenchModel = FaceApiBenchModel | HumanBenchModel;

const faceApi = (net: ModelName, size: number, faceApiNet: string, id: string = net): FaceApiBenchModel => ({ id, family: 'faceapi', net, size, faceApiNet });
const human = (net: HumanModelName): HumanBenchModel => ({ id: net, family: 'human', net, size: findHumanSpec(net)!.inputSize });

/** Every CNN the bench knows, in report order (face-api.js nets, then Human graph models). */
export const BENCH_MODELS: readonly BenchModel[] = [
  faceApi('dlib-resnet', 150, 'faceRecognitionNet'),
  faceApi('landmark68', 112, 'faceLandmark68Net'),
  faceApi('landmark68-tiny', 112, 'faceLandmark68TinyNet'),
  faceApi('face-expression', 112, 'faceExpressionNet'),
  faceApi('age-gender', 112, 'ageGenderNet'),
  faceApi('tiny-face-detector', 416, 'tinyFaceDetector', 'tiny-face-detector@416'),
  faceApi('tiny-face-detector', 224, 'tinyFaceDetector', 'tiny-face-detector@224'),
  faceApi('ssd-mobilenetv1', 512, 'ssdMobilenetv1'),
  human('emotion'),
  human('gender'),
  human('age'),
  human('faceres'),
  human('mobilefacenet'),
];

/** The net input both sides get: an RGB image (face-api.js nets) or a float tensor (graph models). */
export type BenchInput = { kind: 'image'; image: Image } | { kind: 'tensor'; tensor: Tensor };

/**
 * The input of `m` made from the sample face.
 * requires: face an RGB image. ensures: an image of m.size x m.size, or the graph model's
 * preprocessed input [1, size, size, channels] exactly as Human prepares it.
 */
export function benchInput(m: BenchModel, face: Image): BenchInput {
  const image = face.width === m.size && face.height === m.size ? face : resize(face, m.size, m.size);
  if (m.family === 'faceapi') return { kind: 'image', image };
  return { kind: 'tensor', tensor: humanNetInput(image, m.size, findHumanSpec(m.net)!.preprocessing, 'bench') };
}

/**
 * Loads `m` and returns one forward pass on `input` for the current backend (setBackend).
 * ensures: E_IO / E_BAD_WEIGHTS from the loaders when the weights are missing or corrupt.
 */
export async function facetsForward(m: BenchModel, input: BenchInput): Promise<() => Promise<unknown>> {
  if (m.family === 'human') {
    if (input.kind !== 'tensor') throw new FacetsError('E_BAD_ARGUMENT', `bench: ${m.id} needs a tensor input`);
    const model = await loadHumanModel(m.net);
    return async () => model.graph.run(input.tensor);
  }
  if (input.kind !== 'image') throw new FacetsError('E_BAD_ARGUMENT', `bench: ${m.id} needs an image input`);
  if (m.net === 'tiny-face-detector') {
    const model = (await loadModel('tiny-face-detector')).withInputSize(m.size);
    return () => model.run(input.image);
  }
  const model: NetModel = await loadModel(m.net);
  return () => model.run(input.image);
}
