/**
 * Plain-JSON readings of the Human models' raw outputs (DESIGN.md analyze results). Each checks
 * its tensor and refuses NaN/Infinity (E_NUMERIC) instead of returning a silent NaN.
 */
import { FacetsError, check } from '../../core/errors.js';
import type { Tensor } from '../tensor.js';
import { FER2013_LABELS, type Fer2013Label } from './specs.js';

function values(t: Tensor, n: number, fn: string): Float32Array {
  check(t !== null && typeof t === 'object' && t.data instanceof Float32Array && t.data.length === n, fn, `expected a tensor of ${n} values, got [${t?.shape?.join(', ')}]`);
  for (const v of t.data) if (!Number.isFinite(v)) throw new FacetsError('E_NUMERIC', `${fn}: the model produced a non-finite value (${v})`);
  return t.data;
}

function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

export interface EmotionReading {
  label: Fer2013Label;
  probabilities: Record<Fer2013Label, number>;
}

/** The FER2013 class with the highest probability and all seven, keyed by FER2013 names. */
export function readEmotion(t: Tensor): EmotionReading {
  const p = values(t, 7, 'readEmotion');
  const probabilities = Object.fromEntries(FER2013_LABELS.map((l, i) => [l, p[i]])) as Record<Fer2013Label, number>;
  return { label: FER2013_LABELS[argmax(p)], probabilities };
}

export interface GenderReading {
  label: 'female' | 'male';
  /** Probability of `label`. */
  probability: number;
}

/** oarriaga gender net: softmax [female, male]. */
export function readGender(t: Tensor): GenderReading {
  const [f, m] = values(t, 2, 'readGender');
  return m > f ? { label: 'male', probability: m } : { label: 'female', probability: f };
}

/** SSR-Net: the single output is the age in years. */
export function readAge(t: Tensor): number {
  return values(t, 1, 'readAge')[0];
}

export interface FaceresReading {
  descriptor: number[];
  gender: GenderReading;
  /** Years, refined between the argmax bin and its stronger neighbour as Human faceres.ts does. */
  age: number;
}

/**
 * FaceRes outputs: gender sigmoid > 0.5 is male (Human faceres.ts); the age softmax has 100
 * bins of 1 year; the estimate moves from the argmax bin toward its larger neighbour by that
 * neighbour's probability times 10 years, exactly Human's formula.
 */
export function readFaceres(out: { descriptor: Tensor; gender: Tensor; age: Tensor }): FaceresReading {
  const d = values(out.descriptor, 1024, 'readFaceres');
  const [g] = values(out.gender, 1, 'readFaceres');
  const a = values(out.age, 100, 'readFaceres');
  const i = argmax(a);
  const lo = i > 0 ? a[i - 1] : 0, hi = i < 99 ? a[i + 1] : 0;
  const age = Math.round(lo > hi ? 10 * i - 100 * lo : 10 * i + 100 * hi) / 10;
  return { descriptor: Array.from(d), gender: g > 0.5 ? { label: 'male', probability: g } : { label: 'female', probability: 1 - g }, age };
}
