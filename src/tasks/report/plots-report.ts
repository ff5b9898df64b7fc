import { encodePng } from '../../image/encode.js';
import type { Fer2013Result } from '../eval/fer2013.js';
import type { LfwResult } from '../eval/lfw.js';
import type { UtkfaceResult } from '../eval/utkface.js';
import { renderReportHtml, type ReportStage } from './html.js';
import { ageErrorPlot, confusionPlot, rocPlot } from './plots.js';
import { sceneToImage, sceneToSvg, type Scene } from './plots-scene.js';

/** The evaluation results a report can show. */
export type EvalResult = LfwResult | Fer2013Result | UtkfaceResult;

/** A short name of the method behind a result, unique per task (the legend and file names use it). */
export function resultLabel(r: EvalResult): string {
  if (r.task === 'lfw') return `${r.model} ${r.detector}+${r.align}${r.lbph ? ` ${r.lbph}` : ''}`;
  if (r.task === 'fer2013') return r.model === 'lbp' ? `lbp-${r.classifier ?? 'softmax'}${r.trainN !== undefined ? ` n${r.trainN}` : ''}` : r.model;
  return `${r.model} ${r.detector}`;
}

/** A file name fragment from a label: lower case letters, digits, dots and dashes. */
const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-|-$/g, '');

export interface ReportFile { path: string; data: string | Uint8Array }

const pct = (v: number | undefined): string => (v === undefined ? '-' : `${(v * 100).toFixed(2)}%`);

function both(name: string, scene: Scene): ReportFile[] {
  return [{ path: `${name}.svg`, data: sceneToSvg(scene) }, { path: `${name}.png`, data: encodePng(sceneToImage(scene)) }];
}

/**
 * The files of an evaluation report: each chart as SVG and PNG (ROC curves of every LFW
 * result on one chart, a confusion heat map per FER2013 result, an age error histogram per
 * UTKFace result with ages) and a self-contained index.html showing the charts and figures.
 * Pure: the caller writes the files.
 */
export function evalReportFiles(results: readonly EvalResult[], title = 'facets evaluation'): ReportFile[] {
  const files: ReportFile[] = [];
  const stages: ReportStage[] = [];
  const lfw = results.filter((r): r is LfwResult => r.task === 'lfw');
  if (lfw.length) {
    const scene = rocPlot(lfw.map((r) => ({ label: resultLabel(r), points: r.roc })), 'LFW verification ROC');
    files.push(...both('lfw-roc', scene));
    stages.push({
      id: 'lfw', title: 'LFW verification', about: 'Mean accuracy over folds with the threshold chosen on the other folds (the LFW protocol), area under the ROC curve, and true accept rates at fixed false accept rates.',
      figures: [{ caption: 'ROC curves (log false accept rate)', svg: sceneToSvg(scene) }],
      facts: Object.fromEntries(lfw.map((r) => [resultLabel(r), `${pct(r.accuracy)} +- ${(r.std * 100).toFixed(2)}, AUC ${r.auc.toFixed(4)}, TAR@1e-3 ${pct(r.tarAtFar1e3)}, ${r.n} pairs, ${r.failedDetections} detection failures`])),
    });
  }
  const fer = results.filter((r): r is Fer2013Result => r.task === 'fer2013');
  if (fer.length) {
    const figures = fer.map((r) => {
      const scene = confusionPlot(r.labels, r.confusion, `FER2013 ${r.usage}: ${resultLabel(r)}`);
      files.push(...both(`fer2013-confusion-${slug(resultLabel(r))}`, scene));
      return { caption: `${resultLabel(r)}: accuracy ${pct(r.accuracy)} on ${r.n} images`, svg: sceneToSvg(scene) };
    });
    stages.push({
      id: 'fer2013', title: 'FER2013 expressions', about: 'Accuracy and confusion matrices of each emotion classifier on the chosen split; rows are the true class, shading is the share of that row.',
      figures, facts: Object.fromEntries(fer.map((r) => [resultLabel(r), `${pct(r.accuracy)} (${r.n} images)`])),
    });
  }
  const utk = results.filter((r): r is UtkfaceResult => r.task === 'utkface');
  if (utk.length) {
    const figures = utk.filter((r) => r.ageErrors).map((r) => {
      const scene = ageErrorPlot(r.ageErrors!, `UTKFace age error: ${resultLabel(r)}`);
      files.push(...both(`utkface-age-error-${slug(resultLabel(r))}`, scene));
      return { caption: `${resultLabel(r)}: MAE ${r.mae!.toFixed(2)} years`, svg: sceneToSvg(scene) };
    });
    stages.push({
      id: 'utkface', title: 'UTKFace age and gender', about: 'Age mean absolute error, Levi & Hassner 8-group accuracy (exact and one group off) and gender accuracy; the histograms show predicted minus true age.',
      figures,
      facts: Object.fromEntries(utk.map((r) => [resultLabel(r), `MAE ${r.mae === undefined ? '-' : r.mae.toFixed(2)}, group ${pct(r.groupExact)} / one-off ${pct(r.groupOneOff)}, gender ${pct(r.accuracy)}, n ${r.n}, ${r.failedDetections} detection failures`])),
    });
  }
  files.push({ path: 'index.html', data: renderReportHtml({ title, subtitle: `${results.length} result(s)`, stages }) });
  return files;
}

/**
 * Adds `r` to earlier results (replacing one with the same task and label), so runs of
 * several methods into one report folder end up on the same charts.
 */
export function mergeResults(earlier: readonly EvalResult[], r: EvalResult): EvalResult[] {
  return [...earlier.filter((e) => !(e.task === r.task && resultLabel(e) === resultLabel(r))), r];
}
