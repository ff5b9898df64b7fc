import { FacetsError } from '../../core/errors.js';
import { distanceFn, type Metric } from '../metrics.js';
import type { AlignMode, ModelName } from '../represent.js';
import { DEFAULT_METRIC } from '../verify.js';
import type { DetectorName } from '../types.js';
import { accuracyAt, bestThreshold, rocAuc, rocCurve, tarAtFar, type ScoredPair } from './roc.js';
import { embedFiles } from './embed.js';
import { lbphParamsLabel } from './lbph-params.js';
import type { LbpHistogramOptions } from '../../lbp/ops/histogram.js';

export interface LfwOptions {
  /** Folder holding `<Person>/<Person>_NNNN.jpg`. */
  root: string;
  /** CSV `fold,same,img1,img2` (paths relative to root). */
  pairs: string;
  model?: ModelName;
  detector?: DetectorName;
  align?: AlignMode;
  metric?: Metric;
  /** Use only the first N pairs of each fold, half same and half different (smoke runs). */
  perFold?: number;
  /** Folder for cached embeddings (keyed by file hash + model + options); null disables. */
  cacheDir?: string | null;
  /** Model 'lbph' only: histogram options instead of OpenCV's defaults (see parseLbphParams). */
  lbph?: LbpHistogramOptions;
  onProgress?: (done: number, total: number) => void;
}

export interface LfwResult {
  task: 'lfw';
  model: ModelName;
  detector: DetectorName;
  align: AlignMode;
  metric: Metric;
  /** Model 'lbph' with non-default parameters: their short name (lbphParamsLabel). */
  lbph?: string;
  n: number;
  folds: { fold: number; n: number; threshold: number; accuracy: number }[];
  /** Mean and standard deviation of the per-fold accuracies (threshold chosen on the other folds). */
  accuracy: number;
  std: number;
  /** The threshold with the best accuracy over all pairs (what a default threshold should be). */
  threshold: number;
  auc: number;
  tarAtFar1e2: number;
  tarAtFar1e3: number;
  /** Images in which the detector found no face (the whole image was used instead). */
  failedDetections: number;
  images: number;
  /** Mean milliseconds per image and stage (cached images excluded). */
  stageMs: { detect: number; align: number; embed: number };
  roc: { far: number; tar: number }[];
  timeMs: number;
}

interface Pair { fold: number; same: boolean; a: string; b: string }

/** Parses the pairs CSV (header `fold,same,img1,img2`). throws: E_BAD_ARGUMENT on a malformed row. */
export function parsePairsCsv(text: string): Pair[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = lines.shift()?.split(',').map((s) => s.trim());
  if (!head || head.join(',') !== 'fold,same,img1,img2') throw new FacetsError('E_BAD_ARGUMENT', `eval lfw: pairs CSV must start with 'fold,same,img1,img2', got '${head?.join(',')}'`);
  return lines.map((l, i) => {
    const [fold, same, a, b] = l.split(',').map((s) => s.trim());
    if (!a || !b || !/^\d+$/.test(fold ?? '') || (same !== '0' && same !== '1')) throw new FacetsError('E_BAD_ARGUMENT', `eval lfw: bad pairs row ${i + 2}: '${l}'`);
    return { fold: Number(fold), same: same === '1', a, b };
  });
}

/**
 * The LFW verification protocol: for each fold, the threshold is chosen on the other folds and
 * accuracy measured on it (with a single fold, on itself, which flatters the figure).
 */
export async function evalLfw(o: LfwOptions): Promise<LfwResult> {
  const t0 = performance.now();
  const fs = await import('node:fs/promises');
  const model = o.model ?? 'dlib-resnet';
  const detector = o.detector ?? 'hog';
  const align = o.align ?? 'ert';
  const metric = o.metric ?? DEFAULT_METRIC[model];
  let pairs = parsePairsCsv(await fs.readFile(o.pairs, 'utf8'));
  if (o.perFold !== undefined) {
    const seen = new Map<string, number>();
    const half = Math.ceil(o.perFold / 2);
    pairs = pairs.filter((p) => {
      const key = `${p.fold}:${p.same}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      return seen.get(key)! <= half;
    });
  }
  const files = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const { embeddings: emb, failedDetections: failed, stageMs } = await embedFiles(o.root, files, { model, detector, align, cacheDir: o.cacheDir, lbph: o.lbph }, o.onProgress);
  const dist = distanceFn(metric);
  const scored = pairs.map((p) => ({ fold: p.fold, same: p.same, distance: dist(emb.get(p.a)!, emb.get(p.b)!) }));
  const folds = [...new Set(scored.map((p) => p.fold))].sort((a, b) => a - b);
  const perFold = folds.map((fold) => {
    const test = scored.filter((p) => p.fold === fold);
    const train = folds.length > 1 ? scored.filter((p) => p.fold !== fold) : test;
    const { threshold } = bestThreshold(train);
    return { fold, n: test.length, threshold, accuracy: accuracyAt(test, threshold) };
  });
  const accs = perFold.map((f) => f.accuracy);
  const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
  const std = Math.sqrt(accs.reduce((a, b) => a + (b - mean) ** 2, 0) / accs.length);
  const all: ScoredPair[] = scored;
  return {
    task: 'lfw', model, detector, align, metric, ...(model === 'lbph' && o.lbph ? { lbph: lbphParamsLabel(o.lbph) } : {}), n: pairs.length, folds: perFold, accuracy: mean, std,
    threshold: bestThreshold(all).threshold, auc: rocAuc(all), tarAtFar1e2: tarAtFar(all, 1e-2), tarAtFar1e3: tarAtFar(all, 1e-3),
    failedDetections: failed, images: files.length,
    stageMs,
    roc: rocCurve(all), timeMs: performance.now() - t0,
  };
}
