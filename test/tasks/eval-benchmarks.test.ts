import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createImage } from '../../src/image/index.js';
import { predictNearestCentroid, predictSoftmax, trainNearestCentroid, trainSoftmax } from '../../src/tasks/eval/classifiers.js';
import { LBP_EMOTION_FEATURES, lbpEmotionFeatures, predictLbpEmotion, trainLbpEmotion } from '../../src/tasks/eval/lbp-emotion.js';
import { lbphParamsLabel, parseLbphParams } from '../../src/tasks/eval/lbph-params.js';
import { spread } from '../../src/tasks/eval/subset.js';
import { embedChip } from '../../src/tasks/represent.js';
import { ageErrorHistogram, parseUtkLabels, summariseUtkface } from '../../src/tasks/eval/utkface.js';

const BAD = expect.objectContaining({ code: 'E_BAD_ARGUMENT' });

/**
 * Separable synthetic "histograms": class c puts most of its mass in bins 2c and 2c+1, the rest
 * spread by `noise` (a value in [0, 1) per bin scaled to a tenth of the class mass).
 */
function synthetic(classes: number, perClass: number, noise: number[]): { x: Float32Array[]; y: number[] } {
  const d = 2 * classes + 3;
  const x: Float32Array[] = [];
  const y: number[] = [];
  let k = 0;
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      const h = new Float32Array(d);
      for (let j = 0; j < d; j++) h[j] = 0.1 * noise[k++ % noise.length]! / d;
      h[2 * c] += 0.5;
      h[2 * c + 1] += 0.4;
      x.push(h);
      y.push(c);
    }
  }
  return { x, y };
}

describe('classifiers', () => {
  const arb = fc.record({ classes: fc.integer({ min: 2, max: 6 }), perClass: fc.integer({ min: 1, max: 6 }), noise: fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 50 }) });

  it('nearest-centroid classifies separable synthetic histograms perfectly', () => {
    fc.assert(fc.property(arb, ({ classes, perClass, noise }) => {
      const { x, y } = synthetic(classes, perClass, noise);
      const m = trainNearestCentroid({ x, y, classes });
      x.forEach((v, i) => expect(predictNearestCentroid(m, v)).toBe(y[i]));
    }), { seed: 42, numRuns: 60 });
  });

  it('softmax fits separable data and training is deterministic (bit-identical weights)', () => {
    fc.assert(fc.property(arb, ({ classes, perClass, noise }) => {
      const { x, y } = synthetic(classes, perClass, noise);
      const a = trainSoftmax({ x, y, classes }, { epochs: 10, learningRate: 0.1 });
      const b = trainSoftmax({ x, y, classes }, { epochs: 10, learningRate: 0.1 });
      expect(a.weights.map((w) => [...w])).toEqual(b.weights.map((w) => [...w]));
      expect([...a.bias]).toEqual([...b.bias]);
      x.forEach((v, i) => expect(predictSoftmax(a, v)).toBe(y[i]));
    }), { seed: 42, numRuns: 40 });
  });

  it('a different seed changes the SGD order but not the validity of the model', () => {
    const { x, y } = synthetic(3, 5, [0.3, 0.7, 0.1, 0.9]);
    const a = trainSoftmax({ x, y, classes: 3 }, { seed: 1 });
    const b = trainSoftmax({ x, y, classes: 3 }, { seed: 2 });
    expect([...a.weights[0]!]).not.toEqual([...b.weights[0]!]);
    x.forEach((v, i) => expect(predictSoftmax(b, v)).toBe(y[i]));
  });

  it('refuses malformed training sets and feature lengths with E_BAD_ARGUMENT / E_NUMERIC', () => {
    const x = [Float32Array.of(1, 0), Float32Array.of(0, 1)];
    expect(() => trainNearestCentroid({ x, y: [0], classes: 2 })).toThrow(BAD);
    expect(() => trainNearestCentroid({ x, y: [0, 2], classes: 2 })).toThrow(BAD);
    expect(() => trainSoftmax({ x: [Float32Array.of(1), Float32Array.of(1, 2)], y: [0, 1], classes: 2 })).toThrow(BAD);
    expect(() => trainSoftmax({ x, y: [0, 1], classes: 2 }, { epochs: 0 })).toThrow(BAD);
    expect(() => trainSoftmax({ x: [Float32Array.of(NaN, 0), x[1]!], y: [0, 1], classes: 2 })).toThrow(expect.objectContaining({ code: 'E_NUMERIC' }));
    expect(() => predictSoftmax(trainSoftmax({ x, y: [0, 1], classes: 2 }), Float32Array.of(1))).toThrow(BAD);
    expect(() => predictNearestCentroid(trainNearestCentroid({ x, y: [0, 1], classes: 2 }), Float32Array.of(1))).toThrow(BAD);
  });
});

describe('LBP emotion baseline', () => {
  it('features are 6x6 cells of 59 u2 bins, each cell summing to 1', () => {
    const img = createImage(48, 48, 1);
    for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 37 + (i >> 5) * 11) & 255;
    const h = lbpEmotionFeatures(img);
    expect(LBP_EMOTION_FEATURES.mapping).toBe('u2');
    expect(h.length).toBe(6 * 6 * 59);
    for (let c = 0; c < 36; c++) expect(h.subarray(c * 59, (c + 1) * 59).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
  });

  it('tells apart two synthetic textures (stripes vs flat) with both classifiers', () => {
    const face = (kind: number, phase: number) => {
      const img = createImage(48, 48, 1);
      for (let y = 0; y < 48; y++) for (let x = 0; x < 48; x++) img.data[y * 48 + x] = kind === 0 ? (((x + phase) >> 1) & 1) * 200 : (((y + phase) >> 1) & 1) * 200;
      return img;
    };
    const faces = [0, 1, 2, 3].flatMap((p) => [face(0, p), face(1, p)]);
    const labels = [0, 1, 2, 3].flatMap(() => [0, 1]);
    for (const cls of ['centroid', 'softmax'] as const) {
      const m = trainLbpEmotion(faces, labels, 2, cls);
      expect(predictLbpEmotion(m, face(0, 5))).toBe(0);
      expect(predictLbpEmotion(m, face(1, 6))).toBe(1);
    }
    expect(() => trainLbpEmotion(faces, labels, 2, 'svm' as 'softmax')).toThrow(BAD);
  });
});

describe('evaluation helpers', () => {
  it('spread takes limit evenly spaced items in order, starting with the first', () => {
    fc.assert(fc.property(fc.array(fc.integer(), { maxLength: 80 }), fc.integer({ min: 1, max: 100 }), (items, limit) => {
      const idx = items.map((_, i) => i);
      const got = spread(idx, limit, 'limit');
      expect(got.length).toBe(Math.min(limit, items.length));
      for (let i = 1; i < got.length; i++) expect(got[i]!).toBeGreaterThan(got[i - 1]!);
      if (got.length) expect(got[0]).toBe(0);
    }), { seed: 42, numRuns: 200 });
    expect(() => spread([1], 0, 'limit')).toThrow(BAD);
    expect(() => spread([1], 1.5, 'limit')).toThrow(BAD);
  });

  it('parseUtkLabels skips malformed names and missing labels, counting them', () => {
    const csv = 'path,age,gender,race,name_well_formed\na.jpg,30,1,0,1\nb.jpg,,0,0,1\nc.jpg,40,2,0,1\nd.jpg,50,0,0,0\ne.jpg,7,0,1,1\n';
    expect(parseUtkLabels(csv)).toEqual({ rows: [{ path: 'a.jpg', age: 30, gender: 1 }, { path: 'e.jpg', age: 7, gender: 0 }], skipped: 3 });
    expect(() => parseUtkLabels('file,age\nx,1')).toThrow(BAD);
  });

  it('summariseUtkface: MAE, Levi & Hassner group exact / one-off and gender accuracy on a hand case', () => {
    const r = summariseUtkface('age-gender', 'hog', [
      { age: 30, gender: 1, predAge: 28, predGender: 1 }, // 25-32 -> 25-32: exact
      { age: 30, gender: 0, predAge: 40, predGender: 1 }, // 25-32 -> 38-43: one off
      { age: 5, gender: 0, predAge: 30, predGender: 0 }, // 4-6 -> 25-32: wrong
      { age: 70, gender: 1, predAge: 70, predGender: 1 }, // exact
    ], { skipped: 1, failedDetections: 0, timeMs: 1 });
    expect(r.mae).toBeCloseTo((2 + 10 + 25 + 0) / 4, 12);
    expect(r.meanError).toBeCloseTo((-2 + 10 + 25) / 4, 12);
    expect(r.groupExact).toBe(0.5);
    expect(r.groupOneOff).toBe(0.75);
    expect(r.accuracy).toBe(0.75);
    const ageOnly = summariseUtkface('ssrnet', 'none', [{ age: 30, gender: 1, predAge: 31 }], { skipped: 0, failedDetections: 0, timeMs: 1 });
    expect(ageOnly.accuracy).toBeUndefined();
    expect(ageOnly.mae).toBe(1);
  });

  it('ageErrorHistogram keeps every error (tails in the end bins)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -200, max: 200, noNaN: true }), { maxLength: 100 }), (errors) => {
      const h = ageErrorHistogram(errors);
      expect(h.counts.reduce((s, c) => s + c, 0)).toBe(errors.length);
    }), { seed: 42, numRuns: 100 });
    expect(ageErrorHistogram([-3, 0, 4.9, 5]).counts.slice(9, 12)).toEqual([1, 2, 1]);
  });

  it('parseLbphParams reads mapping names and key=value lists and refuses bad ones', () => {
    expect(parseLbphParams('default')).toEqual({ radius: 1, neighbors: 8, gridX: 8, gridY: 8, mapping: 'none' });
    expect(parseLbphParams('u2')).toEqual({ radius: 1, neighbors: 8, gridX: 8, gridY: 8, mapping: 'u2' });
    expect(parseLbphParams('radius=2, grid=7x6, u2')).toEqual({ radius: 2, neighbors: 8, gridX: 7, gridY: 6, mapping: 'u2' });
    expect(lbphParamsLabel(parseLbphParams('grid=10,mapping=riu2,neighbors=16'))).toBe('r1-p16-g10x10-riu2');
    for (const bad of ['radius=0', 'radius=x', 'grid=3x', 'colour=1', 'mapping=u3', 'neighbors=40']) expect(() => parseLbphParams(bad)).toThrow(BAD);
  });

  it("embedChip's lbph option changes the histogram layout (u2: 59 bins per cell) and keeps OpenCV's default", async () => {
    const chip = createImage(150, 150, 3);
    for (let i = 0; i < chip.data.length; i++) chip.data[i] = (i * 13) % 251;
    expect((await embedChip(chip, 'lbph')).length).toBe(8 * 8 * 256);
    const u2 = await embedChip(chip, 'lbph', parseLbphParams('grid=10,u2'));
    expect(u2.length).toBe(10 * 10 * 59);
    expect(u2.reduce((s, v) => s + v, 0)).toBeCloseTo(100, 3); // every cell sums to 1
  });
});
