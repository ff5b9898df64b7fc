import { FacetsError, check } from '../core/errors.js';
import { crop } from '../image/geometry.js';
import { assertImage, type Image } from '../image/image.js';
import { FACE_EXPRESSIONS } from '../nn/models/face-expression.js';
import { alignMinBox, clipAndFloor } from './faceapi-crops.js';
import { cnnLandmarks } from './landmarks.js';
import { ageGroup, fer2013FromFaceApi, FER2013_EMOTIONS, type AgeGroup, type Emotion } from './labels.js';
import { facesFor } from './represent.js';
import { human, net } from './resources.js';
import { readAge, readEmotion, readFaceres, readGender } from '../nn/human/decode.js';
import type { DetectOptions } from './detect.js';
import type { Face } from './types.js';

export type Action = 'emotion' | 'age' | 'gender';
export const ACTIONS: readonly Action[] = ['emotion', 'age', 'gender'];
export type EmotionModel = 'fer2013' | 'face-expression';
export type AgeModel = 'age-gender' | 'ssrnet' | 'faceres';
export type GenderModel = 'age-gender' | 'gender' | 'faceres';

export interface AnalyzeOptions extends DetectOptions {
  actions?: Action[];
  emotionModel?: EmotionModel;
  ageModel?: AgeModel;
  genderModel?: GenderModel;
  /** As in represent: false analyses the whole image when no face is found. */
  enforceDetection?: boolean;
}

/** One face's analysis (DESIGN.md shape); only the requested actions are present. */
export interface Analysis {
  face: Face;
  emotion?: { label: Emotion; probabilities: Record<Emotion, number>; model: EmotionModel };
  age?: { years: number; group: AgeGroup; model: AgeModel };
  gender?: { label: 'female' | 'male'; probability: number; model: GenderModel };
}


/**
 * Emotion, age and gender of every face, best detection first. Every net sees the crop
 * face-api.js gives its age/gender/expression nets (the CNN landmarks' bounding box grown by
 * 20%); each model then applies its own preprocessing. Defaults: FER2013 emotion net (Human's
 * oarriaga mini-Xception), face-api's age-gender net.
 * throws: E_NO_FACE (unless enforceDetection is false), E_NUMERIC on non-finite outputs.
 */
export async function analyze(img: Image, options: AnalyzeOptions = {}): Promise<Analysis[]> {
  assertImage(img, 'analyze');
  const actions = options.actions ?? ['emotion', 'age', 'gender'];
  check(Array.isArray(actions) && actions.length > 0 && actions.every((a) => ACTIONS.includes(a)), 'analyze', `actions must be a non-empty list of ${ACTIONS.join(', ')}, got ${JSON.stringify(actions)}`);
  const emotionModel = options.emotionModel ?? 'fer2013';
  const ageModel = options.ageModel ?? 'age-gender';
  const genderModel = options.genderModel ?? 'age-gender';
  check(['fer2013', 'face-expression'].includes(emotionModel), 'analyze', `emotionModel must be 'fer2013' or 'face-expression', got ${String(emotionModel)}`);
  check(['age-gender', 'ssrnet', 'faceres'].includes(ageModel), 'analyze', `ageModel must be 'age-gender', 'ssrnet' or 'faceres', got ${String(ageModel)}`);
  check(['age-gender', 'gender', 'faceres'].includes(genderModel), 'analyze', `genderModel must be 'age-gender', 'gender' or 'faceres', got ${String(genderModel)}`);
  const faces = await facesFor(img, options, 'analyze');
  const out: Analysis[] = [];
  for (const face of faces) {
    const landmarks = await cnnLandmarks(img, face);
    const box = clipAndFloor(alignMinBox(landmarks, 0.2), img.width, img.height);
    if (box.width < 1 || box.height < 1) throw new FacetsError('E_NO_FACE', `analyze: face crop ${JSON.stringify(box)} is empty`);
    const chip = crop(img, box);
    const result: Analysis = { face: { ...face, landmarks } };
    if (actions.includes('emotion')) result.emotion = await emotionOf(chip, emotionModel);
    if (actions.includes('age') || actions.includes('gender')) {
      const ag = await ageGenderOf(chip, ageModel, genderModel);
      if (actions.includes('age')) result.age = ag.age;
      if (actions.includes('gender')) result.gender = ag.gender;
    }
    out.push(result);
  }
  return out;
}

async function emotionOf(chip: Image, model: EmotionModel): Promise<NonNullable<Analysis['emotion']>> {
  if (model === 'fer2013') {
    const r = readEmotion(await (await human('emotion')).run(chip));
    return { label: r.label, probabilities: r.probabilities, model };
  }
  // Every net's run() already refuses NaN / Infinity outputs (E_NUMERIC).
  const probs = (await (await net('face-expression')).run(chip)).data;
  const probabilities = fer2013FromFaceApi(FACE_EXPRESSIONS, probs);
  const label = FER2013_EMOTIONS.reduce((a, b) => (probabilities[b] > probabilities[a] ? b : a));
  return { label, probabilities, model };
}

type AgeGender = Required<Pick<Analysis, 'age' | 'gender'>>;

async function ageGenderOf(chip: Image, ageModel: AgeModel, genderModel: GenderModel): Promise<AgeGender> {
  // Each distinct net runs once, however many of the two answers it provides.
  const cache = new Map<string, Promise<{ years?: number; gender?: { label: 'female' | 'male'; probability: number } }>>();
  const run = (m: AgeModel | GenderModel): Promise<{ years?: number; gender?: { label: 'female' | 'male'; probability: number } }> => {
    if (!cache.has(m)) cache.set(m, readModel(chip, m));
    return cache.get(m)!;
  };
  const years = (await run(ageModel)).years!;
  const gender = (await run(genderModel)).gender!;
  return { age: { years, group: ageGroup(Math.max(0, years)), model: ageModel }, gender: { ...gender, model: genderModel } };
}

async function readModel(chip: Image, m: AgeModel | GenderModel): Promise<{ years?: number; gender?: { label: 'female' | 'male'; probability: number } }> {
  switch (m) {
    case 'age-gender': {
      const { age, gender } = await (await net('age-gender')).run(chip);
      const [male, female] = [gender.data[0]!, gender.data[1]!];
      return { years: age.data[0]!, gender: female > male ? { label: 'female', probability: female } : { label: 'male', probability: male } };
    }
    case 'ssrnet':
      return { years: readAge(await (await human('age')).run(chip)) };
    case 'gender':
      return { gender: readGender(await (await human('gender')).run(chip)) };
    case 'faceres': {
      const r = readFaceres((await (await human('faceres')).run(chip)) as Parameters<typeof readFaceres>[0]);
      return { years: r.age, gender: r.gender };
    }
    default:
      throw new FacetsError('E_BAD_ARGUMENT', `analyze: unknown model '${String(m)}'`);
  }
}
