/** Shared test helpers: fixture paths (../shared, relative to the repo root) and comparisons. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readImage } from '../../../src/image/decode.js';
import type { Image } from '../../../src/image/image.js';
import type { HumanModelName } from '../../../src/nn/human/specs.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED = path.resolve(REPO, '../shared');
export const TFJS_FIXTURES = path.join(SHARED, 'fixtures/tfjs-models');

export interface HumanCase {
  input: string;
  outputs: Record<string, { shape: number[]; data: number[] }>;
}

let cached: Record<HumanModelName, { cases: HumanCase[] }> | null = null;

/** outputs.json `human_models` (TF.js 4.22 cpu outputs of the five graph models). */
export function humanFixtures(): Record<HumanModelName, { cases: HumanCase[] }> {
  cached ??= JSON.parse(readFileSync(path.join(TFJS_FIXTURES, 'outputs.json'), 'utf8')).human_models;
  return cached as Record<HumanModelName, { cases: HumanCase[] }>;
}

export function fixtureImage(file: string): Promise<Image> {
  return readImage(path.join(TFJS_FIXTURES, file));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < Math.min(a.length, b.length); i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** max |a - b| / max |b|: the relative error of a descriptor in the max norm. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ref = 0;
  for (let i = 0; i < b.length; i++) ref = Math.max(ref, Math.abs(b[i]));
  return maxAbsDiff(a, b) / ref;
}
