import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFacetsError } from '../../src/core/errors.js';
import { lbpHistogram } from '../../src/lbp/ops/histogram.js';
import { lbpImage } from '../../src/lbp/ops/lbp-image.js';
import { histogramBarsImage, lbpCodesToImage } from '../../src/lbp/ops/view.js';
import { chip, manifest } from './fixtures.js';

describe('lbp views', () => {
  it('renders the code image as grey pixels, label l -> round(255 l / (bins-1))', () => {
    const g = chip(manifest.train[0].image);
    for (const mapping of ['none', 'u2', 'riu2'] as const) {
      const codes = lbpImage(g, { mapping });
      const img = lbpCodesToImage(codes);
      expect([img.width, img.height, img.channels]).toEqual([g.width - 2, g.height - 2, 1]);
      for (let k = 0; k < codes.codes.length; k += 97) expect(img.data[k]).toBe(Math.round((codes.codes[k] * 255) / (codes.bins - 1)));
    }
    expect(lbpCodesToImage(lbpImage(g)).data).toEqual(Uint8ClampedArray.from(lbpImage(g).codes));
  });

  it('draws one panel per cell with bars whose heights follow the bins', () => {
    const h = lbpHistogram(chip(manifest.train[0].image), { neighbors: 4, gridX: 4, gridY: 4 });
    const img = histogramBarsImage(h, { gridX: 4, gridY: 4, panelHeight: 20 });
    expect([img.width, img.height, img.channels]).toEqual([4 * 17 + 1, 4 * 21 + 1, 1]);
    let max = 0;
    for (const v of h) max = Math.max(max, v);
    for (let cell = 0; cell < 16; cell++) {
      const ox = (cell % 4) * 17 + 1;
      const oy = Math.floor(cell / 4) * 21 + 1;
      for (let b = 0; b < 16; b++) {
        let white = 0;
        for (let r = 0; r < 20; r++) if (img.data[(oy + r) * img.width + ox + b] === 255) white++;
        expect(white).toBe(Math.round((h[cell * 16 + b] / max) * 20));
      }
    }
    // Separator lines are grey 128.
    expect(img.data[0]).toBe(128);
    expect(img.data[17]).toBe(128);
  });

  it('keeps every pixel in range and the size formula for any histogram and panel size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.constantFrom('global', 'cell'), (gx, gy, bins, pw, scale) => {
        const h = Float32Array.from({ length: gx * gy * bins }, (_, k) => ((k * 7919) % 13) / 13);
        const img = histogramBarsImage(h, { gridX: gx, gridY: gy, panelWidth: pw, panelHeight: 10, scale });
        expect(img.width).toBe(gx * (pw + 1) + 1);
        expect(img.height).toBe(gy * 11 + 1);
        expect(img.data.every((v) => v === 0 || v === 128 || v === 255)).toBe(true);
      }),
      { seed: 42, numRuns: 50 },
    );
  });

  it('rejects bad layouts and values', () => {
    const bad: (() => unknown)[] = [
      () => histogramBarsImage(new Float32Array(10), { gridX: 3, gridY: 1 }),
      () => histogramBarsImage(new Float32Array(0), { gridX: 1, gridY: 1 }),
      () => histogramBarsImage(Float32Array.of(NaN), { gridX: 1, gridY: 1 }),
      () => histogramBarsImage(Float32Array.of(1), { gridX: 1, gridY: 1, panelWidth: 0 }),
      () => histogramBarsImage(Float32Array.of(1), { gridX: 0, gridY: 1 }),
    ];
    for (const f of bad) {
      let err: unknown;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect(isFacetsError(err, 'E_BAD_ARGUMENT'), String(err)).toBe(true);
    }
  });
});
