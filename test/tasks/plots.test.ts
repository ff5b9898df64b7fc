import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeImage, encodePng } from '../../src/image/index.js';
import type { Fer2013Result } from '../../src/tasks/eval/fer2013.js';
import type { LfwResult } from '../../src/tasks/eval/lfw.js';
import { summariseFer2013 } from '../../src/tasks/eval/fer2013.js';
import { summariseUtkface } from '../../src/tasks/eval/utkface.js';
import { ageErrorPlot, confusionPlot, rocAxes, rocPlot, SERIES_COLORS } from '../../src/tasks/report/plots.js';
import { evalReportFiles, mergeResults } from '../../src/tasks/report/plots-report.js';
import { sceneToImage, sceneToSvg, type Scene } from '../../src/tasks/report/plots-scene.js';

/**
 * Structural XML check: every tag is closed in order, attributes are quoted, text holds no raw
 * '<' or unescaped '&'. Enough to know a browser parses the SVG as we built it.
 */
function wellFormed(xml: string): { ok: boolean; root?: string; why?: string } {
  const stack: string[] = [];
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let root: string | undefined;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[6]) return { ok: false, why: `stray '<' at ${m.index}` };
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|#39);)/.test(m[5])) return { ok: false, why: `raw '&' in text at ${m.index}` };
      continue;
    }
    const [, close, name, , self] = m;
    root ??= name;
    if (close) {
      if (stack.pop() !== name) return { ok: false, why: `</${name}> does not close the open tag` };
    } else if (!self) stack.push(name!);
  }
  return stack.length === 0 ? { ok: true, root } : { ok: false, why: `unclosed ${stack.join(',')}` };
}

const roc = [{ far: 0, tar: 0 }, { far: 0.001, tar: 0.5 }, { far: 0.01, tar: 0.9 }, { far: 0.1, tar: 0.97 }, { far: 1, tar: 1 }];

describe('evaluation plots', () => {
  it('rocPlot SVG is well-formed and its curve passes through the known ROC points', () => {
    const s = rocPlot([{ label: 'a & b <model>', points: roc }, { label: 'second', points: [{ far: 0, tar: 0 }, { far: 1, tar: 1 }] }]);
    const svg = sceneToSvg(s);
    expect(wellFormed(svg)).toEqual({ ok: true, root: 'svg' });
    expect(svg).toContain('a &amp; b &lt;model&gt;');
    const a = rocAxes(s.width, s.height);
    const poly = /<polyline[^>]*points="([^"]*)"/.exec(svg)![1]!.split(' ').map((p) => p.split(',').map(Number));
    expect(poly).toHaveLength(roc.length);
    // FAR 1e-2 is a third of the way along the 1e-3..1 log axis.
    expect(a.x(0.01)).toBeCloseTo(a.left + (1 / 3) * (a.right - a.left), 9);
    roc.forEach((p, i) => {
      expect(poly[i]![0]).toBeCloseTo(a.x(p.far), 1);
      expect(poly[i]![1]).toBeCloseTo(a.y(p.tar), 1);
    });
    // The raster carries the same curve: the first series' colour at the (FAR 1e-2, TAR 0.9) point.
    const img = sceneToImage(s);
    const o = (Math.round(a.y(0.9)) * img.width + Math.round(a.x(0.01))) * 3;
    expect([...img.data.subarray(o, o + 3)]).toEqual([...SERIES_COLORS[0]!]);
  });

  it('PNGs of every chart decode with decodeImage to the stated size', () => {
    const scenes: Scene[] = [
      rocPlot([{ label: 'x', points: roc }]),
      confusionPlot(['a', 'b', 'c'], [[5, 1, 0], [2, 7, 1], [0, 0, 3]]),
      ageErrorPlot({ from: -50, binYears: 5, counts: Array.from({ length: 20 }, (_, i) => i % 7) }),
    ];
    for (const s of scenes) {
      const back = decodeImage(encodePng(sceneToImage(s)));
      expect([back.width, back.height]).toEqual([s.width, s.height]);
      expect(wellFormed(sceneToSvg(s)).ok).toBe(true);
    }
  });

  it('confusionPlot shows every count and refuses a non-square matrix', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 7 }).chain((k) => fc.array(fc.array(fc.nat(999), { minLength: k, maxLength: k }), { minLength: k, maxLength: k })), (m) => {
      const svg = sceneToSvg(confusionPlot(m.map((_, i) => `c${i}`), m));
      expect(wellFormed(svg).ok).toBe(true);
      const texts = [...svg.matchAll(/>(\d+)<\/text>/g)].map((t) => Number(t[1]));
      expect(texts.slice(0, m.length * m.length).length).toBe(m.length * m.length);
      expect(texts.reduce((s, v) => s + v, 0) - m.length).toBeGreaterThanOrEqual(m.flat().reduce((s, v) => s + v, 0) - m.length);
    }), { seed: 42, numRuns: 30 });
    expect(() => confusionPlot(['a', 'b'], [[1, 2]])).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
    expect(() => rocPlot([{ label: 'x', points: [{ far: 2, tar: 0 }] }])).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
    expect(() => ageErrorPlot({ from: 0, binYears: 0, counts: [1] })).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
  });

  it('ageErrorPlot draws one bar per bin, tallest for the largest count', () => {
    const counts = [0, 3, 9, 4, 1];
    const s = ageErrorPlot({ from: -10, binYears: 5, counts });
    const bars = s.shapes.filter((p) => p.kind === 'rect');
    expect(bars).toHaveLength(counts.length);
    const heights = bars.map((b) => (b.kind === 'rect' ? b.height : 0));
    expect(heights.indexOf(Math.max(...heights))).toBe(2);
    expect(heights[0]).toBe(0);
  });
});

describe('evalReportFiles', () => {
  const lfw = (model: LfwResult['model'], acc: number): LfwResult => ({
    task: 'lfw', model, detector: 'hog', align: 'ert', metric: 'euclidean', n: 10, folds: [], accuracy: acc, std: 0.01, threshold: 0.6, auc: 0.99,
    tarAtFar1e2: 0.9, tarAtFar1e3: 0.8, failedDetections: 0, images: 20, stageMs: { detect: 1, align: 1, embed: 1 }, roc, timeMs: 1,
  });
  const fer: Fer2013Result = summariseFer2013('fer2013', 'PublicTest', [[0, 0], [1, 2], [3, 3]], 5);
  const utk = summariseUtkface('age-gender', 'hog', [{ age: 30, gender: 1, predAge: 35, predGender: 1 }, { age: 5, gender: 0, predAge: 4, predGender: 1 }], { skipped: 0, failedDetections: 0, timeMs: 1 });

  it('puts every LFW method on one ROC chart and writes each chart as SVG and PNG plus index.html', () => {
    const all = [lfw('dlib-resnet', 0.98), lfw('lbph', 0.7), fer, utk];
    const files = evalReportFiles(all);
    const names = files.map((f) => f.path).sort();
    expect(names).toEqual(['fer2013-confusion-fer2013.png', 'fer2013-confusion-fer2013.svg', 'index.html', 'lfw-roc.png', 'lfw-roc.svg', 'utkface-age-error-age-gender-hog.png', 'utkface-age-error-age-gender-hog.svg']);
    const rocSvg = files.find((f) => f.path === 'lfw-roc.svg')!.data as string;
    expect(rocSvg.match(/<polyline/g)).toHaveLength(2);
    const html = files.find((f) => f.path === 'index.html')!.data as string;
    for (const id of ['lfw', 'fer2013', 'utkface']) expect(html).toContain(`id="stage-${id}"`);
    expect(html).not.toMatch(/<script|(src|href)="https?:/);
  });

  it('mergeResults replaces a result of the same method and keeps the others', () => {
    const merged = mergeResults([lfw('dlib-resnet', 0.9), lfw('lbph', 0.7)], lfw('dlib-resnet', 0.95));
    expect(merged.map((r) => (r.task === 'lfw' ? [r.model, r.accuracy] : []))).toEqual([['lbph', 0.7], ['dlib-resnet', 0.95]]);
  });
});
