import { describe, expect, it } from 'vitest';
import { isFacetsError } from '../../src/core/errors.js';
import type { Image } from '../../src/image/image.js';
import { chiSquareAlt } from '../../src/lbp/ops/distance.js';
import { lbpHistogram } from '../../src/lbp/ops/histogram.js';
import { LBPHRecognizer } from '../../src/lbp/ops/lbph-recognizer.js';
import { chip, fixtureText, manifest, trainSet } from './fixtures.js';

function expectCode(fn: () => unknown, code: string, message?: RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(isFacetsError(err), String(err)).toBe(true);
  expect((err as { code: string }).code).toBe(code);
  if (message) expect(String(err)).toMatch(message);
}

/** Element-wise identity of two float arrays (toEqual is slow on 16k-element typed arrays). */
function sameFloats(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

const trainedCache = new Map<string, LBPHRecognizer>();

/** A recogniser trained on the fixture gallery, shared by read-only tests of one parameter set. */
function trainedOnce(params: object): LBPHRecognizer {
  const key = JSON.stringify(params);
  let r = trainedCache.get(key);
  if (!r) trainedCache.set(key, (r = trained(params)));
  return r;
}

function trained(params: object): LBPHRecognizer {
  const r = new LBPHRecognizer(params);
  const { images, labels } = trainSet();
  r.train(images, labels);
  manifest.people.forEach((p, i) => r.setLabelInfo(i, p));
  return r;
}

describe('LBPHRecognizer', () => {
  for (const c of manifest.cases) {
    it(`predicts OpenCV's labels and distances on the fixture gallery, ${c.tag} (distance tolerance 1e-4 relative; measured 0)`, () => {
      const r = trainedOnce(c.params);
      for (const p of c.predictions) {
        const got = r.predict(chip(p.image));
        expect(got.label, p.image).toBe(p.label);
        expect(Math.abs(got.distance - p.distance) / p.distance).toBeLessThanOrEqual(1e-4);
      }
    });

    it(`loads the YAML OpenCV wrote and predicts the same, ${c.tag} (distance tolerance 1e-4 relative)`, () => {
      const r = LBPHRecognizer.fromYAML(fixtureText(c.openCvModel));
      expect([r.radius, r.neighbors, r.gridX, r.gridY]).toEqual([c.params.radius, c.params.neighbors, c.params.gridX, c.params.gridY]);
      expect(r.threshold).toBe(Infinity); // OpenCV wrote DBL_MAX
      expect(r.getLabelInfo(7)).toBe('Angela_Bassett');
      expect(r.histograms.length).toBe(manifest.train.length);
      for (const p of c.predictions) {
        const got = r.predict(chip(p.image));
        expect(got.label).toBe(p.label);
        expect(Math.abs(got.distance - p.distance) / p.distance).toBeLessThanOrEqual(1e-4);
      }
      // The loaded histograms are the ones facets computes.
      expect(sameFloats(r.histograms[0], lbpHistogram(chip(manifest.train[0].image), c.params))).toBe(true);
    });

    it(`writes YAML byte-identical to OpenCV's write(), ${c.tag}`, () => {
      expect(trainedOnce(c.params).toYAML()).toBe(fixtureText(c.openCvModel));
    });
  }

  it('returns label -1 and DBL_MAX past the threshold, as OpenCV (fixture thresholdCase)', () => {
    const t = manifest.thresholdCase;
    const r = trained({ threshold: t.threshold });
    expect(r.predict(chip(t.image))).toEqual({ label: t.label, distance: t.distance });
    expect(t.distance).toBe(Number.MAX_VALUE);
  });

  it('keeps a sample only when distance < threshold (strict, OpenCV StandardCollector)', () => {
    const r = trained({});
    const img = chip(manifest.test[2].image);
    const best = r.predict(img);
    r.threshold = best.distance;
    expect(r.predict(img).label).toBe(-1);
    r.threshold = best.distance * (1 + 1e-12);
    expect(r.predict(img)).toEqual(best);
  });

  it('predictTopK lists distinct labels by their nearest sample, ascending, under the threshold', () => {
    const r = trained({});
    const img = chip(manifest.test[0].image);
    const d = r.distances(img);
    const top = r.predictTopK(img, 3);
    expect(top.length).toBe(3);
    expect(top[0]).toEqual(r.predict(img));
    for (let k = 1; k < top.length; k++) expect(top[k].distance).toBeGreaterThanOrEqual(top[k - 1].distance);
    expect(new Set(top.map((t) => t.label)).size).toBe(3);
    for (const t of top) {
      const own = Array.from(d).filter((_, s) => r.labels[s] === t.label);
      expect(t.distance).toBe(Math.min(...own));
    }
    expect(r.predictTopK(img, 100).length).toBe(manifest.people.length);
    r.threshold = top[1].distance;
    expect(r.predictTopK(img, 5)).toEqual([top[0]]);
  });

  it('update appends samples; train replaces them', () => {
    const { images, labels } = trainSet();
    const r = new LBPHRecognizer();
    r.train(images.slice(0, 4), labels.slice(0, 4));
    r.update(images.slice(4), labels.slice(4));
    r.update([], []);
    const full = trained({});
    expect(r.labels).toEqual(full.labels);
    expect(r.histograms.length).toBe(full.histograms.length);
    r.histograms.forEach((h, k) => expect(sameFloats(h, full.histograms[k])).toBe(true));
    r.train(images.slice(0, 2), [5, 6]);
    expect(Array.from(r.labels)).toEqual([5, 6]);
    const d = r.distances(images[0]);
    expect(d[0]).toBe(0);
    expect(d[1]).toBe(chiSquareAlt(r.histograms[1], lbpHistogram(images[0])));
  });

  it('round-trips its own YAML: settings, histograms, labels, label info, threshold', () => {
    const r = trained({ radius: 2, neighbors: 4, gridX: 3, gridY: 5, threshold: 12.5 });
    r.setLabelInfo(-7, 'a "quoted" name\\ with #hash and\nnewline');
    r.setLabelInfo(42, '');
    r.setLabelInfo(43, '007');
    const text = r.toYAML();
    const back = LBPHRecognizer.fromYAML(text);
    expect([back.radius, back.neighbors, back.gridX, back.gridY, back.threshold]).toEqual([2, 4, 3, 5, 12.5]);
    expect(back.histograms).toEqual(r.histograms);
    expect(back.labels).toEqual(r.labels);
    expect(back.labelInfo).toEqual(r.labelInfo);
    expect(back.toYAML()).toBe(text);
    expect(LBPHRecognizer.fromYAML(new TextEncoder().encode(text)).labels).toEqual(r.labels);
    expect(back.getLabelsByString('Ab')).toEqual([0]);
  });

  it('writes and reads an untrained model like OpenCV (empty [] sequences, 0x0 labels)', () => {
    const r = new LBPHRecognizer({ neighbors: 4, gridX: 2, gridY: 2, threshold: 50 });
    const text = r.toYAML();
    // OpenCV 4.6 wrote exactly this for LBPHFaceRecognizer_create(1, 4, 2, 2, 50.0).write().
    expect(text).toBe(
      '%YAML:1.0\n---\nopencv_lbphfaces:\n   threshold: 50.\n   radius: 1\n   neighbors: 4\n   grid_x: 2\n   grid_y: 2\n   histograms:\n      []\n' +
        '   labels: !!opencv-matrix\n      rows: 0\n      cols: 0\n      dt: u\n      data: []\n   labelsInfo:\n      []\n',
    );
    const back = LBPHRecognizer.fromYAML(text);
    expect(back.empty).toBe(true);
    expect(back.threshold).toBe(50);
    expectCode(() => back.predict(chip(manifest.test[0].image)), 'E_BAD_ARGUMENT', /empty; call train/);
  });

  it('rejects bad input with FacetsError codes', () => {
    const { images, labels } = trainSet();
    const rgb: Image = { width: 20, height: 20, channels: 3, data: new Uint8ClampedArray(1200) };
    const tiny: Image = { width: 2, height: 9, channels: 1, data: new Uint8ClampedArray(18) };
    const r = new LBPHRecognizer();
    expectCode(() => r.train(images, labels.slice(1)), 'E_BAD_ARGUMENT', /LBPHRecognizer.train: got 32 images but 31 labels/);
    expectCode(() => r.train([], []), 'E_BAD_ARGUMENT');
    expectCode(() => r.train([rgb], [1]), 'E_BAD_ARGUMENT', /grey/);
    expectCode(() => r.train([tiny], [1]), 'E_BAD_ARGUMENT', /smaller than the operator/);
    expectCode(() => r.train([images[0]], [1.5]), 'E_BAD_ARGUMENT');
    expectCode(() => r.train([images[0]], [2 ** 31]), 'E_BAD_ARGUMENT');
    expectCode(() => r.predict(images[0]), 'E_BAD_ARGUMENT');
    r.train(images.slice(0, 2), [0, 1]);
    expectCode(() => r.predict(rgb), 'E_BAD_ARGUMENT');
    expectCode(() => r.predictTopK(images[0], 0), 'E_BAD_ARGUMENT');
    expectCode(() => new LBPHRecognizer({ radius: 0 }), 'E_BAD_ARGUMENT');
    expectCode(() => new LBPHRecognizer({ neighbors: 32 }), 'E_BAD_ARGUMENT');
    expectCode(() => new LBPHRecognizer({ neighbors: 24 }), 'E_TOO_LARGE');
    expectCode(() => new LBPHRecognizer({ gridX: 0 }), 'E_BAD_ARGUMENT');
    expectCode(() => new LBPHRecognizer({ threshold: NaN }), 'E_BAD_ARGUMENT');
    expectCode(() => r.setLabelInfo(1, 'x'.repeat(4097)), 'E_BAD_ARGUMENT');
  });
});
