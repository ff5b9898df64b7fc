import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../src/image/image.js';
import { integralSums, integralTilted } from '../../src/lbp/cascade/integral.js';
import { planScales } from '../../src/lbp/cascade/scales.js';
import { loadShippedCascade } from '../../src/lbp/cascade/shipped.js';
import { REPO, SHARED_MODELS } from './fixtures.js';

// The shipped copies (checked byte-identical to ../shared/models below), loaded once for all tests.
const lbp = await loadShippedCascade('lbp-frontalface-improved');
const haar = await loadShippedCascade('haar-frontalface-default');
const gray = (w: number, h: number, f: (x: number, y: number) => number): GrayImage => {
  const data = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = f(x, y);
  return { width: w, height: h, channels: 1, data };
};

describe('integral images', () => {
  const img = fc.record({ w: fc.integer({ min: 1, max: 24 }), h: fc.integer({ min: 1, max: 24 }) }).chain(({ w, h }) =>
    fc.record({ w: fc.constant(w), h: fc.constant(h), px: fc.uint8Array({ minLength: w * h, maxLength: w * h }) }));
  it('window sums and squared sums equal brute-force sums', () => {
    fc.assert(fc.property(img, fc.nat(), ({ w, h, px }, r) => {
      const stride = w + 3;
      const sum = new Int32Array(stride * (h + 1)), sq = new Int32Array(stride * (h + 1));
      integralSums(px, w, h, sum, sq, stride, 0);
      const x0 = r % w, y0 = (r >> 5) % h, x1 = x0 + 1 + ((r >> 10) % (w - x0)), y1 = y0 + 1 + ((r >> 15) % (h - y0));
      let s = 0, q = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) { s += px[y * w + x]!; q += px[y * w + x]! ** 2; }
      const at = (a: Int32Array, x: number, y: number): number => a[y * stride + x]!;
      expect(at(sum, x1, y1) - at(sum, x0, y1) - at(sum, x1, y0) + at(sum, x0, y0)).toBe(s);
      expect(at(sq, x1, y1) - at(sq, x0, y1) - at(sq, x1, y0) + at(sq, x0, y0)).toBe(q);
    }), { seed: 42, numRuns: 300 });
  });
  it('the tilted integral equals its definition sum{y<Y, |x-X+1| <= Y-y-1} (OpenCV integral docs)', () => {
    fc.assert(fc.property(img, ({ w, h, px }) => {
      const stride = w + 1;
      const t = new Int32Array(stride * (h + 1));
      integralTilted(px, w, h, t, stride, 0);
      for (let Y = 0; Y <= h; Y++) for (let X = 0; X <= w; X++) {
        let s = 0;
        for (let y = 0; y < Y; y++) for (let x = 0; x < w; x++) if (Math.abs(x - X + 1) <= Y - y - 1) s += px[y * w + x]!;
        expect(t[Y * stride + X]).toBe(s);
      }
    }), { seed: 42, numRuns: 60 });
  });
});

describe('CascadeClassifier.detectMultiScale', () => {
  it('finds nothing on a constant image, with either cascade', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 255 }), (v) => {
      const img = gray(96, 80, () => v);
      expect(lbp.detectMultiScale(img)).toEqual([]);
      expect(haar.detectMultiScale(img)).toEqual([]);
    }), { seed: 42, numRuns: 6 });
  });
  it('is deterministic (same boxes, candidates and per-scale work twice)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e9 }), (seed) => {
      let s = seed;
      const img = gray(90, 70, () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 24));
      for (const c of [lbp, haar]) {
        expect(c.detectMultiScaleDetailed(img, { minNeighbors: 0 })).toEqual(c.detectMultiScaleDetailed(img, { minNeighbors: 0 }));
      }
    }), { seed: 42, numRuns: 4 });
  });
  it('enumerates scales like OpenCV: window cvRound(win*factor), stop at the image, minSize skips', () => {
    const p = planScales(250, 250, 45, 45, 1.2, { width: 40, height: 40 }, { width: 0, height: 0 });
    expect(p.map((s) => s.windowWidth)).toEqual([45, 54, 65, 78, 93, 112, 134, 161, 193, 232]);
    expect(p[0]).toMatchObject({ scaledWidth: 250, step: 2, scanWidth: 206 });
    expect(p.every((s) => s.step === (s.scale >= 2 ? 1 : 2))).toBe(true);
  });
  it('rejects bad options with E_BAD_ARGUMENT', () => {
    const img = gray(50, 50, () => 0);
    for (const o of [{ scaleFactor: 1 }, { scaleFactor: NaN }, { minNeighbors: -1 }, { minSize: [-1, 2] as [number, number] }, { scaleFactor: 1 + 1e-9 }]) {
      expect(() => lbp.detectMultiScale(img, o)).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
    }
    expect(() => lbp.detectMultiScale({ width: 2, height: 2, channels: 3, data: new Uint8ClampedArray(12) } as unknown as GrayImage)).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
  });
  it('returns nothing for an image smaller than the window', () => {
    expect(lbp.detectMultiScaleDetailed(gray(30, 60, (x) => x * 8))).toMatchObject({ boxes: [], scales: [] });
  });
});

describe('loadShippedCascade', () => {
  it('loads both shipped cascades, byte-identical to the shared OpenCV 4.6 files', async () => {
    for (const [c, file, type] of [[lbp, 'lbpcascade_frontalface_improved.xml', 'LBP'], [haar, 'haarcascade_frontalface_default.xml', 'HAAR']] as const) {
      expect(c.featureType).toBe(type);
      const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
      expect(sha(path.join(REPO, 'weights/cascades', file))).toBe(sha(path.join(SHARED_MODELS, file)));
    }
    await expect(loadShippedCascade('nope' as 'lbp-frontalface-improved')).rejects.toMatchObject({ code: 'E_BAD_ARGUMENT' });
  });
});
