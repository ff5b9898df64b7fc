/**
 * FER2013 evaluation of the emotion classifiers (accuracy, per-class accuracy, confusion matrix).
 *
 * Run: npx tsx scripts/eval-fer2013.ts --root ../shared/data/fer2013 --labels ../shared/data/fer2013/labels.csv
 *        [--usage PublicTest] [--method emotion|face-expression] [--limit N] [--backend cpu] [--json]
 * labels.csv: path,emotion,emotion_name,usage (0 angry .. 6 neutral, FER2013 order).
 * Models: 'emotion' (Human's oarriaga mini-Xception trained on FER2013; 48x48 grey resized to
 * 64x64 as Human does) and 'face-expression' (face-api.js, whose 7 classes are mapped onto
 * FER2013's names). The pure logic (parseLabels, confusion, summarise) is kept free of I/O so it
 * can move to src/tasks/eval.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readImage } from '../src/image/decode.js';
import { setBackend, type BackendName } from '../src/nn/backend.js';
import { loadHumanModel } from '../src/nn/human/load.js';
import { FER2013_LABELS, type Fer2013Label } from '../src/nn/human/specs.js';
import { FACE_EXPRESSIONS } from '../src/nn/models/face-expression.js';
import { loadModel } from '../src/nn/models/load-model.js';
import type { Tensor } from '../src/nn/tensor.js';
import type { Image } from '../src/image/image.js';

export interface LabelRow { path: string; label: number; usage: string }

/** Rows of labels.csv (header `path,emotion,...,usage`); throws on a malformed row. */
export function parseLabels(csv: string): LabelRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = lines[0].split(',');
  const ip = head.indexOf('path'), ie = head.indexOf('emotion'), iu = head.indexOf('usage');
  if (ip < 0 || ie < 0 || iu < 0) throw new Error(`labels: header must contain path, emotion and usage, got ${lines[0]}`);
  return lines.slice(1).map((l, k) => {
    const f = l.split(',');
    const label = Number(f[ie]);
    if (!Number.isInteger(label) || label < 0 || label > 6) throw new Error(`labels: row ${k + 2} has emotion ${f[ie]}`);
    return { path: f[ip], label, usage: f[iu] };
  });
}

/** face-api.js expression names -> FER2013 names. */
export const FACE_API_TO_FER: Record<(typeof FACE_EXPRESSIONS)[number], Fer2013Label> = {
  neutral: 'neutral', happy: 'happy', sad: 'sad', angry: 'angry', fearful: 'fear', disgusted: 'disgust', surprised: 'surprise',
};

/** 7x7 confusion matrix, rows = truth, columns = prediction (FER2013 indices). */
export function confusion(pairs: ReadonlyArray<[number, number]>): number[][] {
  const m = FER2013_LABELS.map(() => FER2013_LABELS.map(() => 0));
  for (const [t, p] of pairs) m[t][p]++;
  return m;
}

export interface EvalDoc {
  task: 'fer2013';
  model: string;
  n: number;
  accuracy: number;
  perClass: Record<Fer2013Label, { n: number; accuracy: number }>;
  confusion: number[][];
  labels: readonly Fer2013Label[];
  timeMs: number;
}

/** Accuracy, per-class accuracy (recall) and the confusion matrix of (truth, prediction) pairs. */
export function summarise(model: string, pairs: ReadonlyArray<[number, number]>, timeMs: number): EvalDoc {
  const m = confusion(pairs);
  const correct = m.reduce((s, row, i) => s + row[i], 0);
  const perClass = Object.fromEntries(FER2013_LABELS.map((l, i) => {
    const n = m[i].reduce((a, b) => a + b, 0);
    return [l, { n, accuracy: n ? m[i][i] / n : 0 }];
  })) as EvalDoc['perClass'];
  return { task: 'fer2013', model, n: pairs.length, accuracy: pairs.length ? correct / pairs.length : 0, perClass, confusion: m, labels: FER2013_LABELS, timeMs };
}

function argmax(v: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[b]) b = i;
  return b;
}

type Classifier = (img: Image) => Promise<number>;

async function classifier(method: string): Promise<Classifier> {
  if (method === 'emotion') {
    const m = await loadHumanModel('emotion');
    return async (img) => argmax((await m.run(img)).data);
  }
  if (method === 'face-expression') {
    const m = await loadModel('face-expression');
    const toFer = FACE_EXPRESSIONS.map((n) => FER2013_LABELS.indexOf(FACE_API_TO_FER[n]));
    return async (img) => toFer[argmax(((await m.run(img)) as Tensor).data)];
  }
  throw new Error(`unknown --method ${method}; expected emotion or face-expression`);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const root = arg('--root'), labels = arg('--labels');
  if (!root || !labels) throw new Error('usage: eval-fer2013.ts --root <dir> --labels <csv> [--usage PublicTest] [--method M] [--limit N] [--backend B] [--json]');
  setBackend((arg('--backend') ?? 'cpu') as BackendName);
  const usage = arg('--usage') ?? 'PublicTest';
  const limit = Number(arg('--limit') ?? Infinity);
  const rows = parseLabels(readFileSync(labels, 'utf8')).filter((r) => r.usage === usage).slice(0, limit);
  const methods = arg('--method') ? [arg('--method') as string] : ['emotion', 'face-expression'];
  const docs: EvalDoc[] = [];
  for (const method of methods) {
    const classify = await classifier(method);
    const pairs: Array<[number, number]> = [];
    const t0 = performance.now();
    for (const [k, r] of rows.entries()) {
      pairs.push([r.label, await classify(await readImage(path.join(root, r.path)))]);
      if (!process.argv.includes('--json') && (k + 1) % 500 === 0) console.error(`${method}: ${k + 1}/${rows.length}`);
    }
    docs.push(summarise(method, pairs, performance.now() - t0));
  }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(docs.length === 1 ? docs[0] : { task: 'fer2013', usage, results: docs }, null, 2));
    return;
  }
  for (const d of docs) {
    console.log(`${d.model}: accuracy ${(100 * d.accuracy).toFixed(2)}% on ${d.n} ${usage} images (${(d.timeMs / d.n).toFixed(1)} ms/image)`);
    for (const l of FER2013_LABELS) console.log(`  ${l.padEnd(9)} ${(100 * d.perClass[l].accuracy).toFixed(1).padStart(5)}%  (n=${d.perClass[l].n})`);
    console.log(`  confusion (rows truth, cols prediction, ${FER2013_LABELS.join(' ')}):`);
    for (const row of d.confusion) console.log('   ' + row.map((v) => String(v).padStart(5)).join(''));
  }
}

main().catch((e: unknown) => {
  console.error(`eval-fer2013: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
