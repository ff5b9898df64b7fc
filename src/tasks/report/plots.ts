import { check } from '../../core/errors.js';
import type { Rgb, Scene, Shape } from './plots-scene.js';

/** Charts of the evaluations (ROC curves, confusion matrices, error histograms) as {@link Scene}s. */

/** Distinct colours for up to 8 series (then they repeat), readable on white. */
export const SERIES_COLORS: readonly Rgb[] = [[66, 99, 235], [217, 72, 15], [47, 158, 68], [174, 62, 201], [240, 140, 0], [12, 166, 120], [201, 42, 42], [73, 80, 87]];
const INK: Rgb = [33, 37, 41];
const GRID: Rgb = [222, 226, 230];
const WHITE: Rgb = [255, 255, 255];

export interface RocSeries { label: string; points: readonly { far: number; tar: number }[] }

/** Plot area of the ROC chart and its axis maps; FAR on a log axis from `minFar` to 1. */
export function rocAxes(width = 700, height = 400, minFar = 1e-3): { x: (far: number) => number; y: (tar: number) => number; left: number; top: number; right: number; bottom: number; minFar: number } {
  const left = 50;
  const top = 30;
  const right = width - 270;
  const bottom = height - 40;
  const lo = Math.log10(minFar);
  return {
    left, top, right, bottom, minFar,
    // FAR below the axis floor (including 0) is drawn on the left edge.
    x: (far) => left + ((Math.log10(Math.max(minFar, far)) - lo) / -lo) * (right - left),
    y: (tar) => bottom - Math.max(0, Math.min(1, tar)) * (bottom - top),
  };
}

/**
 * ROC curves of several methods on one chart: true accept rate against false accept rate (log
 * axis, so the low-FAR region where verification systems differ is visible), one legend entry each.
 * requires: minFar in (0, 1); every point's far, tar in [0, 1].
 */
export function rocPlot(series: readonly RocSeries[], title = 'ROC', minFar = 1e-3): Scene {
  check(minFar > 0 && minFar < 1, 'rocPlot', `minFar must be in (0, 1), got ${minFar}`);
  check(series.every((s) => s.points.every((p) => p.far >= 0 && p.far <= 1 && p.tar >= 0 && p.tar <= 1)), 'rocPlot', 'every point needs far and tar in [0, 1]');
  const width = 700;
  const height = 400;
  const a = rocAxes(width, height, minFar);
  const shapes: Shape[] = [];
  for (let e = Math.round(Math.log10(minFar)); e <= 0; e++) {
    const x = a.x(10 ** e);
    shapes.push({ kind: 'line', x1: x, y1: a.top, x2: x, y2: a.bottom, stroke: GRID }, { kind: 'text', x, y: a.bottom + 12, text: e === 0 ? '1' : `1E${e}`, color: INK, anchor: 'middle' });
  }
  for (let t = 0; t <= 10; t += 2) {
    const y = a.y(t / 10);
    shapes.push({ kind: 'line', x1: a.left, y1: y, x2: a.right, y2: y, stroke: GRID }, { kind: 'text', x: a.left - 6, y, text: (t / 10).toFixed(1), color: INK, anchor: 'end' });
  }
  shapes.push(
    { kind: 'line', x1: a.left, y1: a.bottom, x2: a.right, y2: a.bottom, stroke: INK },
    { kind: 'line', x1: a.left, y1: a.top, x2: a.left, y2: a.bottom, stroke: INK },
    { kind: 'text', x: (a.left + a.right) / 2, y: height - 10, text: 'false accept rate', color: INK, anchor: 'middle' },
    { kind: 'text', x: 8, y: a.top - 14, text: 'true accept rate', color: INK },
    { kind: 'text', x: (a.left + a.right) / 2, y: 10, text: title, color: INK, anchor: 'middle' },
  );
  series.forEach((s, i) => {
    const c = SERIES_COLORS[i % SERIES_COLORS.length]!;
    shapes.push({ kind: 'polyline', points: s.points.map((p) => [a.x(p.far), a.y(p.tar)] as const), stroke: c, width: 2 });
    const ly = a.top + 8 + i * 18;
    shapes.push({ kind: 'rect', x: a.right + 12, y: ly - 4, width: 14, height: 8, fill: c }, { kind: 'text', x: a.right + 32, y: ly, text: s.label, color: INK });
  });
  return { width, height, background: WHITE, shapes };
}

/** White -> blue for a fraction in [0, 1]. */
function heat(t: number): Rgb {
  const u = Math.max(0, Math.min(1, t));
  return [Math.round(255 - u * (255 - 25)), Math.round(255 - u * (255 - 80)), Math.round(255 - u * (255 - 160))];
}

/**
 * Confusion matrix heat map: rows are the truth, columns the prediction; each cell is shaded by
 * its share of the row (the recall of that truth) and shows the count.
 * requires: a square matrix of non-negative counts with one label per row.
 */
export function confusionPlot(labels: readonly string[], matrix: readonly (readonly number[])[], title = 'confusion'): Scene {
  const k = labels.length;
  check(k >= 1 && matrix.length === k && matrix.every((r) => r.length === k && r.every((v) => Number.isFinite(v) && v >= 0)), 'confusionPlot', `need a ${k}x${k} matrix of non-negative counts`);
  const cell = 44;
  const left = 80;
  const top = 50;
  const width = left + k * cell + 20;
  const height = top + k * cell + 40;
  const shapes: Shape[] = [{ kind: 'text', x: width / 2, y: 12, text: title, color: INK, anchor: 'middle' }];
  matrix.forEach((row, i) => {
    const total = row.reduce((s, v) => s + v, 0);
    shapes.push({ kind: 'text', x: left - 6, y: top + i * cell + cell / 2, text: labels[i]!, color: INK, anchor: 'end' });
    row.forEach((v, j) => {
      const share = total ? v / total : 0;
      shapes.push(
        { kind: 'rect', x: left + j * cell, y: top + i * cell, width: cell - 1, height: cell - 1, fill: heat(share) },
        { kind: 'text', x: left + j * cell + cell / 2, y: top + i * cell + cell / 2, text: String(v), color: share > 0.55 ? WHITE : INK, anchor: 'middle' },
      );
    });
  });
  labels.forEach((l, j) => shapes.push({ kind: 'text', x: left + j * cell + cell / 2, y: top - 10, text: l.slice(0, 5), color: INK, anchor: 'middle' }));
  shapes.push({ kind: 'text', x: left + (k * cell) / 2, y: height - 14, text: 'rows: truth, columns: prediction', color: INK, anchor: 'middle' });
  return { width, height, background: WHITE, shapes };
}

/**
 * Histogram of signed age errors (predicted - true): bin k covers [from + k*binYears,
 * from + (k+1)*binYears); the end bins hold the tails.
 * requires: binYears > 0, counts non-negative.
 */
export function ageErrorPlot(h: { from: number; binYears: number; counts: readonly number[] }, title = 'age error (years)'): Scene {
  check(h.binYears > 0 && h.counts.length >= 1 && h.counts.every((c) => Number.isFinite(c) && c >= 0), 'ageErrorPlot', 'need binYears > 0 and non-negative counts');
  const width = 520;
  const height = 300;
  const left = 50;
  const top = 30;
  const right = width - 20;
  const bottom = height - 40;
  const max = Math.max(1, ...h.counts);
  const bw = (right - left) / h.counts.length;
  const shapes: Shape[] = [{ kind: 'text', x: width / 2, y: 10, text: title, color: INK, anchor: 'middle' }];
  h.counts.forEach((c, k) => {
    const bh = (c / max) * (bottom - top);
    shapes.push({ kind: 'rect', x: left + k * bw + 1, y: bottom - bh, width: bw - 2, height: bh, fill: h.from + k * h.binYears < 0 ? SERIES_COLORS[0]! : SERIES_COLORS[1]! });
    if (k % 2 === 0) shapes.push({ kind: 'text', x: left + k * bw, y: bottom + 12, text: String(h.from + k * h.binYears), color: INK, anchor: 'middle' });
  });
  shapes.push(
    { kind: 'line', x1: left, y1: bottom, x2: right, y2: bottom, stroke: INK },
    { kind: 'line', x1: left, y1: top, x2: left, y2: bottom, stroke: INK },
    { kind: 'text', x: left - 6, y: top, text: String(max), color: INK, anchor: 'end' },
    { kind: 'text', x: left - 6, y: bottom, text: '0', color: INK, anchor: 'end' },
    { kind: 'text', x: (left + right) / 2, y: height - 10, text: 'predicted - true age (years)', color: INK, anchor: 'middle' },
  );
  return { width, height, background: WHITE, shapes };
}
