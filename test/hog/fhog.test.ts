import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FacetsError } from '../../src/core/errors.js';
import type { Image } from '../../src/image/image.js';
import { randomImage } from './random-image.js';
import { binIndex, orientationBins } from '../../src/lbp/hog/gradient.js';
import { extractFhog, FHOG_PLANES } from '../../src/lbp/hog/fhog.js';

const FC = { seed: 42, numRuns: 40 };

const toRgb = (g: Image): Image => {
  const d = new Uint8ClampedArray(g.width * g.height * 3);
  for (let i = 0; i < g.width * g.height; i++) d[3 * i] = d[3 * i + 1] = d[3 * i + 2] = g.data[i]!;
  return { width: g.width, height: g.height, channels: 3, data: d };
};

describe('extractFhog', () => {
  it('is all zero on a constant image (grey and RGB, any size, any padding)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom(1, 3), fc.integer({ min: 1, max: 12 }), (w, h, v, ch, pad) => {
        const img: Image = { width: w, height: h, channels: ch as 1 | 3, data: new Uint8ClampedArray(w * h * ch).fill(v) };
        const f = extractFhog(img, 8, pad, pad);
        expect(f.planes.every((x) => x === 0)).toBe(true);
      }),
      FC,
    );
  });

  it("has dlib's plane size: round(n/8) - 2 cells plus the filter padding", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 11 }), (w, h, pr, pc) => {
        const f = extractFhog(randomImage(w, h, 1, w * 131 + h), 8, pr, pc);
        const hr = Math.floor(h / 8 + 0.5) - 2;
        const hc = Math.floor(w / 8 + 0.5) - 2;
        if (hr <= 0 || hc <= 0) {
          expect([f.rows, f.cols, f.planes.length]).toEqual([0, 0, 0]);
        } else {
          expect([f.rows, f.cols]).toEqual([hr + pr - 1, hc + pc - 1]);
          expect(f.planes.length).toBe(FHOG_PLANES * f.rows * f.cols);
        }
      }),
      FC,
    );
  });

  it('zeroes the padding border and keeps features finite and within their bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 24, max: 100 }), fc.integer({ min: 24, max: 100 }), fc.constantFrom(1, 3), fc.integer({ min: 1, max: 10 }), fc.integer(), (w, h, ch, pad, seed) => {
        const f = extractFhog(randomImage(w, h, ch as 1 | 3, seed), 8, pad, pad);
        const top = (pad - 1) >> 1;
        const bottom = f.rows - (pad >> 1);
        const left = top;
        const right = f.cols - (pad >> 1);
        let bad = 0;
        for (let k = 0; k < FHOG_PLANES; k++) {
          for (let r = 0; r < f.rows; r++) {
            for (let c = 0; c < f.cols; c++) {
              const v = f.planes[(k * f.rows + r) * f.cols + c]!;
              if (!(Number.isFinite(v) && v >= 0)) bad++;
              else if ((r < top || r >= bottom || c < left || c >= right) && v !== 0) bad++;
              // Each of the 4 normalised copies is truncated at 0.2 * 0.1 / 0.2 = 0.1 (F&al. 2010 eq. 6).
              else if (k < 27 && v > 0.4 + 1e-6) bad++;
            }
          }
        }
        expect(bad).toBe(0);
      }),
      { seed: 42, numRuns: 25 },
    );
  });

  it('gives the same features for a grey image and its RGB copy (R = G = B)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 17, max: 80 }), fc.integer({ min: 17, max: 80 }), fc.integer(), (w, h, seed) => {
        const g = randomImage(w, h, 1, seed);
        const a = extractFhog(toRgb(g), 8, 10, 10).planes;
        const b = extractFhog(g, 8, 10, 10).planes;
        expect(a.length).toBe(b.length);
        expect(a.every((v, i) => v === b[i])).toBe(true);
      }),
      FC,
    );
  });

  it('responds to a vertical step edge in the horizontal-gradient orientation bins only', () => {
    const w = 64;
    const h = 48;
    const data = new Uint8ClampedArray(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = x < 32 ? 20 : 220;
    const f = extractFhog({ width: w, height: h, channels: 1, data }, 8, 1, 1);
    const plane = (k: number) => f.planes.subarray(k * f.rows * f.cols, (k + 1) * f.rows * f.cols);
    const sum = (k: number) => plane(k).reduce((a, b) => a + b, 0);
    // Dark to bright left to right: gradient (+, 0) snaps to direction 0 (signed bin 0, unsigned 18).
    expect(sum(0)).toBeGreaterThan(0);
    expect(sum(18)).toBeGreaterThan(0);
    for (let k = 1; k < 18; k++) expect(sum(k)).toBe(0);
    for (let k = 19; k < 27; k++) expect(sum(k)).toBe(0);
  });

  it('rejects bad arguments with E_BAD_ARGUMENT', () => {
    const img = randomImage(32, 32, 1, 1);
    for (const bad of [() => extractFhog(img, 1), () => extractFhog(img, 8, 0, 1), () => extractFhog(img, 8.5), () => extractFhog({ ...img, width: 31 })]) {
      expect(bad).toThrow(FacetsError);
      try {
        bad();
      } catch (e) {
        expect((e as FacetsError).code).toBe('E_BAD_ARGUMENT');
      }
    }
  });
});

describe('orientationBins', () => {
  it('maps a negated gradient to the opposite signed bin (o <-> o + 9)', () => {
    const t = orientationBins();
    fc.assert(
      fc.property(fc.integer({ min: -255, max: 255 }), fc.integer({ min: -255, max: 255 }), (gx, gy) => {
        fc.pre(gx !== 0 || gy !== 0);
        expect(t[binIndex(-gx, -gy)]).toBe((t[binIndex(gx, gy)]! + 9) % 18);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('snaps axis gradients to dlib directions 0 and 4/5 (hand-computed)', () => {
    const t = orientationBins();
    expect(t[binIndex(10, 0)]).toBe(0);
    expect(t[binIndex(-10, 0)]).toBe(9);
    // (0, 1): directions 4 and 5 (+-0.1736, 0.9848) tie; the first wins.
    expect(t[binIndex(0, 10)]).toBe(4);
    expect(t[binIndex(0, 0)]).toBe(0);
  });
});
