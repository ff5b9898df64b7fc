import { FacetsError } from '../../core/errors.js';
import { readImage } from '../../image/decode.js';
import type { Image } from '../../image/image.js';
import { FACE_EXPRESSIONS } from '../../nn/models/face-expression.js';
import { FACE_API_TO_FER2013, FER2013_EMOTIONS, type Emotion } from '../labels.js';
import { human, net } from '../resources.js';
import { LBP_CLASSIFIERS, predictLbpEmotion, trainLbpEmotion, type LbpClassifier } from './lbp-emotion.js';
import { spread } from './subset.js';

/** Emotion classifiers `evalFer2013` measures (the names `analyze` uses for `emotionModel`). */
export type Fer2013Method = 'fer2013' | 'face-expression' | 'lbp';
export const FER2013_METHODS: readonly Fer2013Method[] = ['fer2013', 'face-expression', 'lbp'];

export interface LabelRow { path: string; label: number; usage: string }

/** Rows of labels.csv (header with `path`, `emotion`, `usage`). throws: E_BAD_ARGUMENT on a malformed row. */
export function parseFer2013Labels(csv: string): LabelRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = (lines[0] ?? '').split(',');
  const ip = head.indexOf('path');
  const ie = head.indexOf('emotion');
  const iu = head.indexOf('usage');
  if (ip < 0 || ie < 0 || iu < 0) throw new FacetsError('E_BAD_ARGUMENT', `eval fer2013: the labels header must contain path, emotion and usage, got '${lines[0] ?? ''}'`);
  return lines.slice(1).map((l, k) => {
    const f = l.split(',');
    const label = Number(f[ie]);
    if (!Number.isInteger(label) || label < 0 || label > 6) throw new FacetsError('E_BAD_ARGUMENT', `eval fer2013: row ${k + 2} has emotion '${f[ie]}'`);
    return { path: f[ip]!, label, usage: f[iu]! };
  });
}

export interface Fer2013Result {
  task: 'fer2013';
  model: Fer2013Method;
  usage: string;
  n: number;
  accuracy: number;
  /** Recall of each class. */
  perClass: Record<Emotion, { n: number; accuracy: number }>;
  /** 7x7, rows = truth, columns = prediction, FER2013 order. */
  confusion: number[][];
  labels: readonly Emotion[];
  /** The LBP baseline only: its classifier and how many Training images it learnt from. */
  classifier?: LbpClassifier;
  trainN?: number;
  timeMs: number;
}

/** Accuracy, per-class recall and the confusion matrix of (truth, prediction) pairs. */
export function summariseFer2013(model: Fer2013Method, usage: string, pairs: ReadonlyArray<[number, number]>, timeMs: number): Fer2013Result {
  const m = FER2013_EMOTIONS.map(() => FER2013_EMOTIONS.map(() => 0));
  for (const [t, p] of pairs) m[t]![p]!++;
  const correct = m.reduce((s, row, i) => s + row[i]!, 0);
  const perClass = Object.fromEntries(FER2013_EMOTIONS.map((l, i) => {
    const n = m[i]!.reduce((a, b) => a + b, 0);
    return [l, { n, accuracy: n ? m[i]![i]! / n : 0 }];
  })) as Fer2013Result['perClass'];
  return { task: 'fer2013', model, usage, n: pairs.length, accuracy: pairs.length ? correct / pairs.length : 0, perClass, confusion: m, labels: FER2013_EMOTIONS, timeMs };
}

const argmax = (v: ArrayLike<number>): number => {
  let b = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[b]!) b = i;
  return b;
};

/** The predicted FER2013 class index of a 48x48 face image. */
async function classifier(method: Fer2013Method): Promise<(img: Image) => Promise<number>> {
  if (method === 'fer2013') {
    const m = await human('emotion');
    return async (img) => argmax((await m.run(img)).data);
  }
  const m = await net('face-expression');
  const toFer = FACE_EXPRESSIONS.map((n) => FER2013_EMOTIONS.indexOf(FACE_API_TO_FER2013[n]!));
  return async (img) => toFer[argmax((await m.run(img)).data)]!;
}

/**
 * FER2013 evaluation: each 48x48 face goes to the classifier as it is (the data set's faces are
 * already cropped and centred). `limit` / `trainLimit` take that many rows evenly spread over
 * the split (labels.csv is sorted by class, so a prefix would hold one class only).
 * Method 'lbp' first trains the LBP-u2 baseline (see lbp-emotion.ts) on the Training rows.
 * Node only (reads files).
 */
export async function evalFer2013(o: {
  root: string; labels: string; usage?: string; method?: Fer2013Method; limit?: number;
  classifier?: LbpClassifier; trainLimit?: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<Fer2013Result> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const usage = o.usage ?? 'PublicTest';
  const method = o.method ?? 'fer2013';
  if (!FER2013_METHODS.includes(method)) throw new FacetsError('E_BAD_ARGUMENT', `eval fer2013: method must be one of ${FER2013_METHODS.join(', ')}, got ${String(method)}`);
  const all = parseFer2013Labels(await fs.readFile(o.labels, 'utf8'));
  const rows = spread(all.filter((r) => r.usage === usage), o.limit, 'eval fer2013: limit');
  if (rows.length === 0) throw new FacetsError('E_BAD_ARGUMENT', `eval fer2013: no rows with usage '${usage}' in ${o.labels}`);
  const t0 = performance.now();
  let classify: (img: Image) => Promise<number>;
  let lbp: Pick<Fer2013Result, 'classifier' | 'trainN'> = {};
  if (method === 'lbp') {
    const cls = o.classifier ?? 'softmax';
    if (!LBP_CLASSIFIERS.includes(cls)) throw new FacetsError('E_BAD_ARGUMENT', `eval fer2013: classifier must be one of ${LBP_CLASSIFIERS.join(', ')}, got ${String(cls)}`);
    const train = spread(all.filter((r) => r.usage === 'Training'), o.trainLimit, 'eval fer2013: trainLimit');
    if (train.length === 0) throw new FacetsError('E_BAD_ARGUMENT', `eval fer2013: the LBP baseline needs Training rows in ${o.labels}`);
    const faces = await Promise.all(train.map((r) => readImage(path.join(o.root, r.path))));
    const model = trainLbpEmotion(faces, train.map((r) => r.label), FER2013_EMOTIONS.length, cls);
    classify = async (img) => predictLbpEmotion(model, img);
    lbp = { classifier: cls, trainN: train.length };
  } else {
    classify = await classifier(method);
  }
  const pairs: [number, number][] = [];
  for (const [k, r] of rows.entries()) {
    pairs.push([r.label, await classify(await readImage(path.join(o.root, r.path)))]);
    o.onProgress?.(k + 1, rows.length);
  }
  return { ...summariseFer2013(method, usage, pairs, performance.now() - t0), ...lbp };
}
