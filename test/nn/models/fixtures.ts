/** Shared helpers for the model parity tests: fixture loading and weight loading from weights/. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readImage } from '../../../src/image/decode.js';
import type { Image } from '../../../src/image/image.js';
import { backendByName, type BackendName } from '../../../src/nn/backend.js';
import { loadWeights, type WeightMap } from '../../../src/nn/weights/load.js';

export const ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES = path.resolve(ROOT, '../shared/fixtures/tfjs-models');

export interface FaceApiFixtures {
  face_recognition: Array<{ input: string; descriptor: number[] }>;
  face_landmark_68: Array<{ input: string; landmarks136: number[] }>;
  face_landmark_68_tiny: Array<{ input: string; landmarks136: number[] }>;
  face_expression: Array<{ input: string; probabilities: number[] }>;
  age_gender: Array<{ input: string; age: number[]; genderLogits: number[] }>;
  tiny_face_detector: Array<{ input: string; size: number[]; shape: number[]; grid: number[] }>;
  ssd_mobilenetv1: Array<{ input: string; boxes: number[]; scores: number[] }>;
}

let cached: FaceApiFixtures | undefined;
export function faceApiFixtures(): FaceApiFixtures {
  cached ??= JSON.parse(readFileSync(path.join(FIXTURES, 'outputs.json'), 'utf8')).faceapi_models as FaceApiFixtures;
  return cached;
}

export function fixtureImage(file: string): Promise<Image> {
  return readImage(path.join(FIXTURES, file));
}

export function weightsOf(name: string): WeightMap {
  const header = JSON.parse(readFileSync(path.join(ROOT, 'weights', `${name}.json`), 'utf8'));
  return loadWeights(header, new Uint8Array(readFileSync(path.join(ROOT, 'weights', `${name}.bin`))));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = d; // NaN propagates as a failure
  }
  return m;
}

export function relL2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, n = 0;
  for (let i = 0; i < a.length; i++) { d += (a[i] - b[i]) ** 2; n += b[i] ** 2; }
  return Math.sqrt(d / n);
}

/** Backends to run parity on; an unavailable one is reported with its reason (tfjs describeWithFlags style). */
export function backendStatus(name: BackendName): string | null {
  try {
    return backendByName(name).unavailableReason();
  } catch (e) {
    return (e as Error).message;
  }
}
