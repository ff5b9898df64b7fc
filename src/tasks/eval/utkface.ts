import { FacetsError } from '../../core/errors.js';
import { readImage } from '../../image/decode.js';
import { analyze, type Action, type AgeModel, type GenderModel } from '../analyze.js';
import { ageGroup, ageGroupIndex } from '../labels.js';
import type { DetectorName } from '../types.js';
import { spread } from './subset.js';

/** Age/gender models `evalUtkface` measures (the names `analyze` uses). */
export type UtkModel = 'age-gender' | 'ssrnet' | 'gender' | 'faceres';
export const UTK_MODELS: readonly UtkModel[] = ['age-gender', 'ssrnet', 'gender', 'faceres'];

/** What each model predicts: SSR-Net is age only, Human's gender net gender only. */
const HAS_AGE: Record<UtkModel, boolean> = { 'age-gender': true, ssrnet: true, gender: false, faceres: true };
const HAS_GENDER: Record<UtkModel, boolean> = { 'age-gender': true, ssrnet: false, gender: true, faceres: true };

/** One usable labels.csv row; gender 0 male, 1 female (UTKFace's file-name convention). */
export interface UtkRow { path: string; age: number; gender: 0 | 1 }

/**
 * Rows of UTKFace's labels.csv (header with `path`, `age`, `gender`, optionally
 * `name_well_formed`). Rows with name_well_formed=0, an empty path, or an age/gender that is
 * missing or out of range are skipped and counted, not fatal: the data set's file names carry
 * the labels and a few are known to be malformed.
 * throws: E_BAD_ARGUMENT when the header lacks path, age or gender.
 */
export function parseUtkLabels(csv: string): { rows: UtkRow[]; skipped: number } {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = (lines[0] ?? '').split(',').map((s) => s.trim());
  const [ip, ia, ig, iw] = ['path', 'age', 'gender', 'name_well_formed'].map((k) => head.indexOf(k)) as [number, number, number, number];
  if (ip < 0 || ia < 0 || ig < 0) throw new FacetsError('E_BAD_ARGUMENT', `eval utkface: the labels header must contain path, age and gender, got '${lines[0] ?? ''}'`);
  const rows: UtkRow[] = [];
  let skipped = 0;
  for (const l of lines.slice(1)) {
    const f = l.split(',').map((s) => s.trim());
    const age = f[ia] === '' ? NaN : Number(f[ia]);
    const gender = f[ig];
    const ok = (f[ip] ?? '') !== '' && Number.isInteger(age) && age >= 0 && age <= 130 && (gender === '0' || gender === '1') && (iw < 0 || f[iw] !== '0');
    if (ok) rows.push({ path: f[ip]!, age, gender: gender === '1' ? 1 : 0 });
    else skipped++;
  }
  return { rows, skipped };
}

/** One face's truth and prediction (a prediction is absent when the model lacks it). */
export interface UtkPrediction { age: number; gender: 0 | 1; predAge?: number; predGender?: 0 | 1 }

/** Signed age errors (predicted - true) in bins of `binYears`, the first bin starting at `from`; the ends collect the tails. */
export interface AgeErrorHistogram { from: number; binYears: number; counts: number[] }

export interface UtkfaceResult {
  task: 'utkface';
  model: UtkModel;
  detector: DetectorName;
  n: number;
  /** Rows skipped for malformed names or missing labels. */
  skipped: number;
  /** Images where the detector found no face, so the whole image was the face box. */
  failedDetections: number;
  /** Gender accuracy (models with a gender output). */
  accuracy?: number;
  /** Age mean absolute error in years, and mean signed error (bias). */
  mae?: number;
  meanError?: number;
  /** Levi & Hassner 8-group accuracy, exact and within one adjacent group. */
  groupExact?: number;
  groupOneOff?: number;
  ageErrors?: AgeErrorHistogram;
  timeMs: number;
}

/** Histogram of signed errors, bins [from + k*binYears, from + (k+1)*binYears), tails clamped into the end bins. */
export function ageErrorHistogram(errors: readonly number[], binYears = 5, from = -50, bins = 20): AgeErrorHistogram {
  const counts = new Array<number>(bins).fill(0);
  for (const e of errors) counts[Math.min(bins - 1, Math.max(0, Math.floor((e - from) / binYears)))]!++;
  return { from, binYears, counts };
}

/**
 * Age MAE, group exact/one-off accuracy and gender accuracy over predictions; only the
 * figures the model has are present.
 */
export function summariseUtkface(model: UtkModel, detector: DetectorName, preds: readonly UtkPrediction[], extra: { skipped: number; failedDetections: number; timeMs: number }): UtkfaceResult {
  const r: UtkfaceResult = { task: 'utkface', model, detector, n: preds.length, ...extra };
  const aged = preds.filter((p) => p.predAge !== undefined);
  if (aged.length) {
    const errors = aged.map((p) => p.predAge! - p.age);
    r.mae = errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length;
    r.meanError = errors.reduce((s, e) => s + e, 0) / errors.length;
    const gaps = aged.map((p) => Math.abs(ageGroupIndex(ageGroup(Math.max(0, p.predAge!))) - ageGroupIndex(ageGroup(p.age))));
    r.groupExact = gaps.filter((g) => g === 0).length / gaps.length;
    r.groupOneOff = gaps.filter((g) => g <= 1).length / gaps.length;
    r.ageErrors = ageErrorHistogram(errors);
  }
  const sexed = preds.filter((p) => p.predGender !== undefined);
  if (sexed.length) r.accuracy = sexed.filter((p) => p.predGender === p.gender).length / sexed.length;
  return r;
}

/**
 * UTKFace age/gender evaluation through `analyze` (its face crop and each model's own
 * preprocessing). The crops are already aligned faces, so a detector may miss the large face:
 * then the whole image is the face box (counted in failedDetections). `detector: 'none'` always
 * uses the whole image. Default detector 'hog'. `limit` takes that many rows evenly spread over
 * the file (labels.csv is sorted by file name, i.e. by age). Node only (reads files).
 */
export async function evalUtkface(o: {
  root: string; labels: string; model?: UtkModel; detector?: DetectorName; limit?: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<UtkfaceResult> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const model = o.model ?? 'age-gender';
  const detector = o.detector ?? 'hog';
  if (!UTK_MODELS.includes(model)) throw new FacetsError('E_BAD_ARGUMENT', `eval utkface: model must be one of ${UTK_MODELS.join(', ')}, got ${String(model)}`);
  const { rows: all, skipped } = parseUtkLabels(await fs.readFile(o.labels, 'utf8'));
  const rows = spread(all, o.limit, 'eval utkface: limit');
  if (rows.length === 0) throw new FacetsError('E_BAD_ARGUMENT', `eval utkface: no usable rows in ${o.labels}`);
  const actions: Action[] = [...(HAS_AGE[model] ? ['age' as const] : []), ...(HAS_GENDER[model] ? ['gender' as const] : [])];
  const ageModel: AgeModel | undefined = HAS_AGE[model] ? (model as AgeModel) : undefined;
  const genderModel: GenderModel | undefined = HAS_GENDER[model] ? (model as GenderModel) : undefined;
  const preds: UtkPrediction[] = [];
  let failed = 0;
  const t0 = performance.now();
  for (const [k, r] of rows.entries()) {
    const img = await readImage(path.join(o.root, r.path));
    const [a] = await analyze(img, { actions, ageModel, genderModel, detector, enforceDetection: false });
    if (detector !== 'none' && a!.face.detector === 'none') failed++;
    preds.push({ age: r.age, gender: r.gender, predAge: a!.age?.years, predGender: a!.gender ? (a!.gender.label === 'female' ? 1 : 0) : undefined });
    o.onProgress?.(k + 1, rows.length);
  }
  return summariseUtkface(model, detector, preds, { skipped, failedDetections: failed, timeMs: performance.now() - t0 });
}
