/**
 * The converted face-api.js nets: facets name, source file stem in @vladmandic/face-api's
 * model/ folder, and the input/output contract written into weights/manifest.json.
 * Preprocessing strings describe what `run(image)` does before the first layer (face-api.js
 * NetInput.toBatchTensor + the net's own normalisation).
 */
export type ModelName =
  | 'dlib-resnet'
  | 'landmark68'
  | 'landmark68-tiny'
  | 'face-expression'
  | 'age-gender'
  | 'tiny-face-detector'
  | 'ssd-mobilenetv1';

export interface ModelSpec {
  name: ModelName;
  source: string;
  inputSize: number;
  input: { size: number; channels: 3; layout: 'NHWC'; preprocessing: string };
  output: Record<string, string>;
}

const CENTER_PAD = 'RGB, zero-pad to square (centred), bilinear resize (align_corners=false)';
const FACE_MEAN = 'minus mean RGB [122.782, 117.001, 104.298], divided by 255';

export const MODEL_SPECS: readonly ModelSpec[] = [
  {
    name: 'dlib-resnet', source: 'face_recognition_model', inputSize: 150,
    input: { size: 150, channels: 3, layout: 'NHWC', preprocessing: `${CENTER_PAD} to 150x150, ${FACE_MEAN}` },
    output: { descriptor: '[1, 128] float32 face descriptor (dlib ResNet-29 metric space, L2 distance 0.6)' },
  },
  {
    name: 'landmark68', source: 'face_landmark_68_model', inputSize: 112,
    input: { size: 112, channels: 3, layout: 'NHWC', preprocessing: `${CENTER_PAD} to 112x112, ${FACE_MEAN}` },
    output: { landmarks: '[1, 136] x0,y0,x1,y1,... relative to the padded square input (0..1)' },
  },
  {
    name: 'landmark68-tiny', source: 'face_landmark_68_tiny_model', inputSize: 112,
    input: { size: 112, channels: 3, layout: 'NHWC', preprocessing: `${CENTER_PAD} to 112x112, ${FACE_MEAN}` },
    output: { landmarks: '[1, 136] x0,y0,x1,y1,... relative to the padded square input (0..1)' },
  },
  {
    name: 'face-expression', source: 'face_expression_model', inputSize: 112,
    input: { size: 112, channels: 3, layout: 'NHWC', preprocessing: `${CENTER_PAD} to 112x112, ${FACE_MEAN}` },
    output: { probabilities: '[1, 7] softmax over neutral, happy, sad, angry, fearful, disgusted, surprised' },
  },
  {
    name: 'age-gender', source: 'age_gender_model', inputSize: 112,
    input: { size: 112, channels: 3, layout: 'NHWC', preprocessing: `${CENTER_PAD} to 112x112, ${FACE_MEAN}` },
    output: { age: '[1] regressed age in years', gender: '[1, 2] softmax over male, female' },
  },
  {
    name: 'tiny-face-detector', source: 'tiny_face_detector_model', inputSize: 416,
    input: { size: 416, channels: 3, layout: 'NHWC', preprocessing: 'RGB, zero-pad bottom/right to square, bilinear resize to inputSize (any multiple of 32; 416 default), minus mean RGB [117.001, 114.697, 97.404], divided by 255' },
    output: { grid: '[1, S/32, S/32, 25]: 5 anchors x (tx, ty, tw, th, objectness logit)' },
  },
  {
    name: 'ssd-mobilenetv1', source: 'ssd_mobilenetv1_model', inputSize: 512,
    input: { size: 512, channels: 3, layout: 'NHWC', preprocessing: 'RGB, zero-pad bottom/right to square, bilinear resize to 512x512, x / 127.5 - 1' },
    output: { boxes: '[5118, 4] decoded (ymin, xmin, ymax, xmax) relative', scores: '[5118] sigmoid face score' },
  },
];

/** The spec of `name`, or undefined. */
export function findModelSpec(name: string): ModelSpec | undefined {
  return MODEL_SPECS.find((s) => s.name === name);
}
