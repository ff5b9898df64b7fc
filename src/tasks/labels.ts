import { FacetsError } from '../core/errors.js';
import { FER2013_LABELS, type Fer2013Label } from '../nn/human/specs.js';

/** FER2013's seven classes in its label order (0 angry ... 6 neutral); the emotion net's output order. */
export const FER2013_EMOTIONS = FER2013_LABELS;
export type Emotion = Fer2013Label;

/**
 * face-api.js's expression classes (its output order) and the FER2013 name each one means.
 * The two label sets describe the same seven basic emotions (Ekman's six plus neutral).
 */
export const FACE_API_TO_FER2013: Record<string, Emotion> = {
  neutral: 'neutral',
  happy: 'happy',
  sad: 'sad',
  angry: 'angry',
  fearful: 'fear',
  disgusted: 'disgust',
  surprised: 'surprise',
};

/** Probabilities keyed by FER2013 names from a face-api expression vector (face-api order). */
export function fer2013FromFaceApi(order: readonly string[], probs: ArrayLike<number>): Record<Emotion, number> {
  const out = Object.fromEntries(FER2013_EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>;
  order.forEach((name, i) => {
    const e = FACE_API_TO_FER2013[name];
    if (!e) throw new FacetsError('E_BAD_MODEL', `unknown face-api expression '${name}'`);
    out[e] = probs[i]!;
  });
  return out;
}

/** The eight age groups of Levi & Hassner 2015 (Adience). */
export const AGE_GROUPS = ['0-2', '4-6', '8-13', '15-20', '25-32', '38-43', '48-53', '60+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

const GROUP_RANGES: readonly [number, number][] = [[0, 2], [4, 6], [8, 13], [15, 20], [25, 32], [38, 43], [48, 53], [60, Infinity]];

/**
 * The Levi & Hassner group of an age in years. Ages in the gaps between groups (e.g. 3, 14,
 * 35) go to the nearest group; an exact tie between two groups goes to the older one.
 * requires: years finite and >= 0.
 */
export function ageGroup(years: number): AgeGroup {
  if (!Number.isFinite(years) || years < 0) throw new FacetsError('E_NUMERIC', `ageGroup: age must be a finite number >= 0, got ${years}`);
  let best = 0;
  let bestGap = Infinity;
  GROUP_RANGES.forEach(([lo, hi], i) => {
    const gap = years < lo ? lo - years : years > hi ? years - hi : 0;
    if (gap <= bestGap) {
      best = i;
      bestGap = gap;
    }
  });
  return AGE_GROUPS[best]!;
}

/** Index of a group in {@link AGE_GROUPS}; one-off accuracy counts neighbours as correct. */
export function ageGroupIndex(group: AgeGroup): number {
  return AGE_GROUPS.indexOf(group);
}
