import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evalFer2013, parseFer2013Labels, summariseFer2013 } from '../../src/tasks/eval/fer2013.js';
import { evalLfw, parsePairsCsv } from '../../src/tasks/eval/lfw.js';
import { accuracyAt, bestThreshold, rocAuc, tarAtFar } from '../../src/tasks/eval/roc.js';
import { sharedPath } from '../helpers/shared.js';

describe('verification statistics', () => {
  const arbPairs = fc.array(fc.record({ distance: fc.double({ min: 0, max: 2, noNaN: true }), same: fc.boolean() }), { minLength: 2, maxLength: 60 });

  it('bestThreshold is at least as accurate as every observed distance used as a threshold', () => {
    fc.assert(fc.property(arbPairs, (pairs) => {
      const best = bestThreshold(pairs);
      expect(best.accuracy).toBeCloseTo(accuracyAt(pairs, best.threshold), 12);
      for (const p of pairs) expect(best.accuracy).toBeGreaterThanOrEqual(accuracyAt(pairs, p.distance) - 1e-12);
    }), { seed: 4, numRuns: 200 });
  });

  it('AUC is 1 for perfectly separated pairs, 0.5 for identical distances, in [0, 1] always', () => {
    expect(rocAuc([{ distance: 0.1, same: true }, { distance: 0.9, same: false }])).toBe(1);
    expect(rocAuc([{ distance: 0.5, same: true }, { distance: 0.5, same: false }])).toBe(0.5);
    expect(tarAtFar([{ distance: 0.1, same: true }, { distance: 0.2, same: true }, { distance: 0.9, same: false }], 0.01)).toBe(1);
    fc.assert(fc.property(arbPairs, (pairs) => {
      const auc = rocAuc(pairs);
      if (Number.isNaN(auc)) return; // one class only
      expect(auc).toBeGreaterThanOrEqual(0);
      expect(auc).toBeLessThanOrEqual(1);
    }), { seed: 5, numRuns: 200 });
  });

  it('parsers reject malformed rows with E_BAD_ARGUMENT', () => {
    expect(() => parsePairsCsv('fold,same,img1,img2\n1,2,a,b')).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
    expect(() => parsePairsCsv('a,b\n')).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
    expect(() => parseFer2013Labels('path,emotion,usage\nx.jpg,9,PublicTest')).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
  });

  it('summariseFer2013 counts a hand-made confusion', () => {
    const r = summariseFer2013('fer2013', 'PublicTest', [[0, 0], [0, 1], [3, 3], [6, 3]], 1);
    expect(r.accuracy).toBe(0.5);
    expect(r.perClass.angry).toEqual({ n: 2, accuracy: 0.5 });
    expect(r.confusion[6]![3]).toBe(1);
  });
});

describe('evaluation smoke runs (real data, small)', () => {
  it('LFW: dlib-resnet with HOG + ERT gets >= 93% on 60 pairs of folds 1-3', async () => {
    const r = await evalLfw({
      root: sharedPath('data/lfw/lfw-deepfunneled'), pairs: sharedPath('data/lfw/pairs_dev_folds1-3.csv'),
      perFold: 20, cacheDir: null,
    });
    expect(r.n).toBe(60);
    expect(r.folds).toHaveLength(3);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.93);
    expect(r.auc).toBeGreaterThanOrEqual(0.97);
  });

  it('FER2013: the FER2013 emotion net beats chance by far on 200 PublicTest faces', async () => {
    const r = await evalFer2013({ root: sharedPath('data/fer2013'), labels: sharedPath('data/fer2013/labels.csv'), usage: 'PublicTest', limit: 200 });
    expect(r.n).toBe(200);
    expect(r.confusion.flat().reduce((a, b) => a + b, 0)).toBe(200);
    // limit spreads the rows over the class-sorted labels file: every class is present
    expect(Object.values(r.perClass).filter((c) => c.n > 0)).toHaveLength(7);
    expect(r.accuracy).toBeGreaterThan(0.45); // chance is 1/7; 65% measured on the full split
  });
});
