import { describe, expect, it } from 'vitest';
import { evalFer2013 } from '../../src/tasks/eval/fer2013.js';
import { evalUtkface } from '../../src/tasks/eval/utkface.js';
import { sharedPath } from '../helpers/shared.js';

// Small, fixed subsets of the benchmarks (rows evenly spread over each labels file) with bounds
// derived from the full runs: generous enough to survive harmless changes, tight enough that a
// broken pipeline (wrong labels, swapped genders, constant predictions) fails.
describe('benchmark smoke runs (real data, small)', () => {
  const fer = { root: sharedPath('data/fer2013'), labels: sharedPath('data/fer2013/labels.csv'), usage: 'PublicTest' };

  it('FER2013: the LBP-u2 baseline trained on 350 Training faces beats chance on 150 PublicTest faces', async () => {
    const r = await evalFer2013({ ...fer, method: 'lbp', classifier: 'softmax', trainLimit: 350, limit: 150 });
    expect(r.n).toBe(150);
    expect(r.trainN).toBe(350);
    // 31.3% measured on this subset (chance 14.3%, always-"happy" 24.7%); the full baseline is
    // 37.7% on all 3,589 PublicTest faces.
    expect(r.accuracy).toBeGreaterThan(0.22);
    const predicted = r.confusion[0]!.map((_, j) => r.confusion.reduce((s, row) => s + row[j]!, 0));
    expect(predicted.filter((c) => c > 0).length).toBeGreaterThanOrEqual(4); // not a constant answer
  });

  it('UTKFace: face-api age-gender on 40 faces (HOG detector) keeps age MAE and gender accuracy near the full run', async () => {
    const r = await evalUtkface({ root: sharedPath('data/utkface'), labels: sharedPath('data/utkface/labels.csv'), model: 'age-gender', limit: 40 });
    expect(r.n).toBe(40);
    // 500 evenly spread faces: MAE 3.99 years, group exact 66.6%, one-off 97.2%, gender 91.0%.
    // This subset: MAE 4.07, one-off 100%, gender 85.0%, no detection failure. A swapped gender
    // map would score ~15%, a broken age head far more than 7 years MAE.
    expect(r.mae!).toBeLessThan(7);
    expect(r.groupOneOff!).toBeGreaterThan(0.8);
    expect(r.accuracy!).toBeGreaterThan(0.75);
    expect(r.failedDetections).toBeLessThanOrEqual(4);
  });
});
