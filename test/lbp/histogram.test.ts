import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFacetsError } from '../../src/core/errors.js';
import type { Image } from '../../src/image/image.js';
import { lbpHistogram, spatialHistogram } from '../../src/lbp/ops/histogram.js';
import { lbpImage } from '../../src/lbp/ops/lbp-image.js';
import { chip, fixtureText, manifest } from './fixtures.js';

const FC = { seed: 42, numRuns: 60 };

const grayArb = fc
  .record({ w: fc.integer({ min: 3, max: 24 }), h: fc.integer({ min: 3, max: 24 }) })
  .chain(({ w, h }) => fc.uint8Array({ minLength: w * h, maxLength: w * h }).map((d): Image => ({ width: w, height: h, channels: 1, data: Uint8ClampedArray.from(d) })));

describe('lbpHistogram', () => {
  for (const c of manifest.cases) {
    it(`equals OpenCV getHistograms() on the first 3 fixture chips, ${c.tag} (tolerance 1e-6; measured: bit-identical)`, () => {
      const expected: number[][] = JSON.parse(fixtureText(c.histogramsOfFirst3Train));
      expect(expected.length).toBe(3);
      for (let k = 0; k < 3; k++) {
        const h = lbpHistogram(chip(manifest.train[k].image), c.params);
        expect(h.length).toBe(c.histLength);
        let maxErr = 0;
        for (let i = 0; i < h.length; i++) maxErr = Math.max(maxErr, Math.abs(h[i] - expected[k][i]));
        expect(maxErr).toBeLessThanOrEqual(1e-6);
        // Stronger than asked: OpenCV scales counts by float(1/total); facets does too.
        expect(Array.from(h)).toEqual(expected[k].map(Math.fround));
      }
    });
  }

  it('has gridX*gridY*bins entries and every non-empty cell sums to 1', () => {
    fc.assert(
      fc.property(grayArb, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom('none', 'u2', 'ri', 'riu2'), (img, gridX, gridY, mapping) => {
        const codes = lbpImage(img, { mapping, neighbors: 6 });
        const h = spatialHistogram(codes, gridX, gridY);
        expect(h.length).toBe(gridX * gridY * codes.bins);
        const cellEmpty = Math.floor(codes.width / gridX) === 0 || Math.floor(codes.height / gridY) === 0;
        for (let c = 0; c < gridX * gridY; c++) {
          let s = 0;
          for (let b = 0; b < codes.bins; b++) s += h[c * codes.bins + b];
          if (cellEmpty) expect(s).toBe(0);
          else expect(Math.abs(s - 1)).toBeLessThan(1e-5);
        }
      }),
      FC,
    );
  });

  it('ignores the remainder right of and below the last whole cell (OpenCV: cell = floor(size/grid))', () => {
    fc.assert(
      fc.property(grayArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 255 }), (img, gridX, gridY, v) => {
        const codesW = img.width - 2;
        const codesH = img.height - 2;
        const usedW = Math.floor(codesW / gridX) * gridX;
        const usedH = Math.floor(codesH / gridY) * gridY;
        // Pixels whose 3x3 neighbourhood lies wholly outside the used code area.
        const changed = Uint8ClampedArray.from(img.data);
        for (let y = 0; y < img.height; y++) {
          for (let x = 0; x < img.width; x++) if (x >= usedW + 3 || y >= usedH + 3) changed[y * img.width + x] = v;
        }
        const a = lbpHistogram(img, { gridX, gridY });
        const b = lbpHistogram({ ...img, data: changed }, { gridX, gridY });
        expect(b).toEqual(a);
      }),
      FC,
    );
  });

  it('lays cells out row by row, each the counts of its codes times float(1/cell size)', () => {
    // 11x11 image -> 9x9 codes -> a 3x3 grid of cells of 3x3 codes.
    const data = new Uint8ClampedArray(121);
    for (let y = 0; y < 11; y++) for (let x = 0; x < 11; x++) data[y * 11 + x] = (x * 7 + y * 13) % 251;
    const img: Image = { width: 11, height: 11, channels: 1, data };
    const codes = lbpImage(img);
    const h = spatialHistogram(codes, 3, 3);
    for (let cy = 0; cy < 3; cy++) {
      for (let cx = 0; cx < 3; cx++) {
        const expected = new Float32Array(256);
        for (let y = cy * 3; y < cy * 3 + 3; y++) for (let x = cx * 3; x < cx * 3 + 3; x++) expected[codes.codes[y * 9 + x]] += 1;
        const cell = h.subarray((cy * 3 + cx) * 256, (cy * 3 + cx + 1) * 256);
        expect(Array.from(cell)).toEqual(Array.from(expected, (n) => Math.fround(n * Math.fround(1 / 9))));
      }
    }
  });

  it('rejects bad grids and oversized histograms', () => {
    const img: Image = { width: 20, height: 20, channels: 1, data: new Uint8ClampedArray(400) };
    for (const bad of [{ gridX: 0 }, { gridY: -1 }, { gridX: 1.5 }]) {
      try {
        lbpHistogram(img, bad);
        throw new Error('no throw');
      } catch (e) {
        expect(isFacetsError(e, 'E_BAD_ARGUMENT')).toBe(true);
      }
    }
    try {
      lbpHistogram(img, { neighbors: 24, gridX: 2, gridY: 1 });
      throw new Error('no throw');
    } catch (e) {
      expect(isFacetsError(e, 'E_TOO_LARGE')).toBe(true);
      expect(String(e)).toMatch(/lbpHistogram.*33554432/);
    }
  });
});
