import { FacetsError } from '../core/errors.js';
import { evalFer2013, FER2013_METHODS } from '../tasks/eval/fer2013.js';
import { evalFind } from '../tasks/eval/find.js';
import { evalLfw } from '../tasks/eval/lfw.js';
import { evalUtkface, UTK_MODELS } from '../tasks/eval/utkface.js';
import { LBP_CLASSIFIERS } from '../tasks/eval/lbp-emotion.js';
import { parseLbphParams } from '../tasks/eval/lbph-params.js';
import { writeReportDir } from '../tasks/eval/report-dir.js';
import type { EvalResult } from '../tasks/report/plots-report.js';
import { DETECTORS } from '../tasks/types.js';
import { FER2013_EMOTIONS } from '../tasks/labels.js';
import { optChoice } from './options.js';
import { optNumber, optString, type Args } from './args.js';
import { table } from './table.js';
import type { Command, Io } from './main.js';
import { pipelineOptions } from './options.js';
import { progressBar } from './progress.js';

/** `facets eval <task> ...`: standard benchmark protocols. */
export const evalCommand: Command = {
  usage: 'lfw --root <dir> --pairs <csv fold,same,img1,img2> [--model M] [--detector D] [--align A] [--metric X] [--lbph u2|radius=R,neighbors=P,grid=GxG,mapping=u2] [--per-fold N] [--no-cache] [--report <dir>] [--json]\n' +
    '  facets eval find --root <person/image dir> [--min-images 4] [--gallery-per-person 3] [--model M] [--json]\n' +
    '  facets eval fer2013 --root <dir> --labels <csv path,emotion,...,usage> [--usage PublicTest] [--method fer2013|face-expression|lbp] [--classifier softmax|centroid] [--train-limit N] [--limit N] [--report <dir>] [--json]\n' +
    '  facets eval utkface --root <dir> --labels <csv path,age,gender,...> [--model age-gender|ssrnet|gender|faceres] [--detector D|none] [--limit N] [--report <dir>] [--json]\n' +
    '  --report <dir> adds the result to <dir>/results.json and rewrites the charts (SVG + PNG) and index.html there',
  flags: ['no-cache'],
  async run(args: Args, io: Io): Promise<number> {
    const [task] = args.positional;
    if (task === 'fer2013') return fer2013(args, io);
    if (task === 'find') return find(args, io);
    if (task === 'utkface') return utkface(args, io);
    if (task !== 'lfw') throw new FacetsError('E_BAD_ARGUMENT', `eval: unknown task '${task ?? ''}'; available: lfw, fer2013, find, utkface`);
    const root = optString(args, 'root');
    const pairs = optString(args, 'pairs');
    if (!root || !pairs) throw new FacetsError('E_BAD_ARGUMENT', 'eval lfw needs --root <dir> and --pairs <csv>');
    const lbph = optString(args, 'lbph');
    const pipe = pipelineOptions(args);
    if (lbph !== undefined && pipe.model !== 'lbph') throw new FacetsError('E_BAD_ARGUMENT', 'eval lfw: --lbph needs --model lbph');
    const r = await evalLfw({
      root, pairs, ...pipe, perFold: optNumber(args, 'per-fold'), lbph: lbph === undefined ? undefined : parseLbphParams(lbph),
      cacheDir: args.options.has('no-cache') ? null : optString(args, 'cache', '.cache/facets-eval'),
      onProgress: progressBar('embedding', io.isTty),
    });
    await writeEvalReport(args, io, r);
    if (args.options.has('json')) {
      io.out(JSON.stringify(r));
    } else {
      io.out(`LFW: ${r.model}${r.lbph ? ` ${r.lbph}` : ''} (${r.detector} + ${r.align}, ${r.metric}) on ${r.n} pairs, ${r.images} images`);
      io.out(table(['fold', 'pairs', 'threshold (other folds)', 'accuracy'], r.folds.map((f) => [String(f.fold), String(f.n), f.threshold.toFixed(4), (f.accuracy * 100).toFixed(2) + '%'])));
      io.out(`accuracy ${(r.accuracy * 100).toFixed(2)}% +- ${(r.std * 100).toFixed(2)}, AUC ${r.auc.toFixed(4)}, TAR@FAR=1e-2 ${(r.tarAtFar1e2 * 100).toFixed(1)}%, TAR@FAR=1e-3 ${(r.tarAtFar1e3 * 100).toFixed(1)}%`);
      io.out(`best threshold over all pairs ${r.threshold.toFixed(4)}; ${r.failedDetections} image(s) without a detected face (whole image used)`);
      io.out(`ms per image: detect ${r.stageMs.detect.toFixed(0)}, align ${r.stageMs.align.toFixed(0)}, embed ${r.stageMs.embed.toFixed(0)}`);
    }
    return 0;
  },
};

async function fer2013(args: Args, io: Io): Promise<number> {
  const root = optString(args, 'root');
  const labels = optString(args, 'labels');
  if (!root || !labels) throw new FacetsError('E_BAD_ARGUMENT', 'eval fer2013 needs --root <dir> and --labels <csv>');
  const r = await evalFer2013({
    root, labels, usage: optString(args, 'usage'), method: optChoice(args, 'method', FER2013_METHODS), limit: optNumber(args, 'limit'),
    classifier: optChoice(args, 'classifier', LBP_CLASSIFIERS), trainLimit: optNumber(args, 'train-limit'),
    onProgress: progressBar('classifying', io.isTty),
  });
  await writeEvalReport(args, io, r);
  if (args.options.has('json')) {
    io.out(JSON.stringify(r));
    return 0;
  }
  io.out(`FER2013 ${r.usage}: ${r.model}${r.classifier ? ` (${r.classifier}, trained on ${r.trainN} Training images)` : ''} accuracy ${(r.accuracy * 100).toFixed(2)}% on ${r.n} images (${(r.timeMs / r.n).toFixed(1)} ms/image)`);
  io.out(table(['class', 'n', 'accuracy'], FER2013_EMOTIONS.map((l) => [l, String(r.perClass[l].n), (r.perClass[l].accuracy * 100).toFixed(1) + '%'])));
  io.out(`confusion (rows truth, columns prediction):\n${table(['', ...FER2013_EMOTIONS], r.confusion.map((row, i) => [FER2013_EMOTIONS[i]!, ...row.map(String)]))}`);
  return 0;
}

async function find(args: Args, io: Io): Promise<number> {
  const root = optString(args, 'root');
  if (!root) throw new FacetsError('E_BAD_ARGUMENT', 'eval find needs --root <dir of person/image>');
  const { metric, ...pipe } = pipelineOptions(args);
  if (metric) throw new FacetsError('E_BAD_ARGUMENT', 'eval find uses each model\'s default metric');
  const r = await evalFind({
    root, ...pipe, minImages: optNumber(args, 'min-images'), galleryPerPerson: optNumber(args, 'gallery-per-person'),
    cacheDir: args.options.has('no-cache') ? null : optString(args, 'cache', '.cache/facets-eval'),
    onProgress: progressBar('embedding', io.isTty),
  });
  if (args.options.has('json')) io.out(JSON.stringify(r));
  else io.out(`find: ${r.model}, ${r.persons} people, ${r.galleryEntries} gallery entries, ${r.queries} queries: top-1 ${(r.top1 * 100).toFixed(2)}%, top-5 ${(r.top5 * 100).toFixed(2)}%`);
  return 0;
}

const pct = (v: number | undefined): string => (v === undefined ? '-' : (v * 100).toFixed(2) + '%');

async function utkface(args: Args, io: Io): Promise<number> {
  const root = optString(args, 'root');
  const labels = optString(args, 'labels');
  if (!root || !labels) throw new FacetsError('E_BAD_ARGUMENT', 'eval utkface needs --root <dir> and --labels <csv>');
  const r = await evalUtkface({
    root, labels, model: optChoice(args, 'model', UTK_MODELS), detector: optChoice(args, 'detector', DETECTORS), limit: optNumber(args, 'limit'),
    onProgress: progressBar('analysing', io.isTty),
  });
  await writeEvalReport(args, io, r);
  if (args.options.has('json')) {
    io.out(JSON.stringify(r));
    return 0;
  }
  io.out(`UTKFace: ${r.model} (detector ${r.detector}) on ${r.n} images (${r.skipped} rows skipped, ${r.failedDetections} without a detected face: whole image used), ${(r.timeMs / r.n).toFixed(0)} ms/image`);
  io.out(table(['age MAE', 'mean error', 'group exact', 'group one-off', 'gender accuracy'], [[r.mae === undefined ? '-' : r.mae.toFixed(2), r.meanError === undefined ? '-' : r.meanError.toFixed(2), pct(r.groupExact), pct(r.groupOneOff), pct(r.accuracy)]]));
  return 0;
}

/** `--report <dir>`: adds the result to the report folder and says where it went (stderr, so --json stays clean). */
async function writeEvalReport(args: Args, io: Io, r: EvalResult): Promise<void> {
  const dir = optString(args, 'report');
  if (dir === undefined) return;
  const written = await writeReportDir(dir, r);
  io.err(`report: ${written.length} files in ${dir} (open ${dir}/index.html)`);
}
