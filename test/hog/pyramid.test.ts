import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomImage } from './random-image.js';
import { dlibResizeBilinear } from '../../src/lbp/hog/dlib-resize.js';
import { pyramidDown6, pyramidDown6Size, pyramidLevelCount, pyramidUp2, rectDown2, rectDown6, rectUp2, rectUp6 } from '../../src/lbp/hog/pyramid.js';

const FC = { seed: 42, numRuns: 60 };

describe('pyramid_down<6>', () => {
  it("output sizes follow dlib's formula ((N-1)*n)/N + 0.5 in C++ integer-then-double arithmetic", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (n) => {
        // image_pyramid.h: set_image_size(down, ((N-1)*nr)/N + 0.5, ...) with unsigned long nr.
        const dlib = Math.trunc(Math.trunc((5 * n) / 6) + 0.5);
        expect(pyramidDown6Size(n)).toBe(dlib);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('produces images of those sizes, grey and RGB, and never leaves the input value range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), fc.constantFrom(1, 3), fc.integer(), (w, h, ch, seed) => {
        const img = randomImage(w, h, ch as 1 | 3, seed);
        const d = pyramidDown6(img);
        expect([d.width, d.height, d.channels]).toEqual([pyramidDown6Size(w), pyramidDown6Size(h), ch]);
        let lo = 255;
        let hi = 0;
        for (const v of img.data) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        expect(d.data.every((v) => v >= lo && v <= hi)).toBe(true);
      }),
      FC,
    );
  });

  it('resizing to the same size is the identity (grey and RGB)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom(1, 3), fc.integer(), (w, h, ch, seed) => {
        const img = randomImage(w, h, ch as 1 | 3, seed);
        expect(Array.from(dlibResizeBilinear(img, w, h).data)).toEqual(Array.from(img.data));
      }),
      FC,
    );
  });

  it('rect_up undoes rect_down (to 1e-9) for pyramid_down<6> and <2>', () => {
    const coord = fc.double({ min: -2000, max: 2000, noNaN: true });
    fc.assert(
      fc.property(coord, coord, coord, coord, fc.integer({ min: 0, max: 6 }), (a, b, c, d, levels) => {
        const r = { left: a, top: b, right: c, bottom: d };
        for (const back of [rectUp6(rectDown6(r, levels), levels), rectDown2(rectUp2(r, levels), levels)]) {
          expect(Math.abs(back.left - a)).toBeLessThan(1e-9);
          expect(Math.abs(back.top - b)).toBeLessThan(1e-9);
          expect(Math.abs(back.right - c)).toBeLessThan(1e-9);
          expect(Math.abs(back.bottom - d)).toBeLessThan(1e-9);
        }
      }),
      FC,
    );
  });

  it('counts levels as dlib does: 12 for 640x480, 8 for 250x250, 1 when the first step is already small', () => {
    // Hand-computed from create_fhog_pyramid: step the rounded image rectangle until < 64
    // (250: widths 208 173 144 120 100 83 69 57, the step below 64 counts too).
    expect(pyramidLevelCount(250, 250, 64, 64, 1000)).toBe(8);
    expect(pyramidLevelCount(640, 480, 64, 64, 1000)).toBe(12);
    expect(pyramidLevelCount(76, 76, 64, 64, 1000)).toBe(1);
    expect(pyramidLevelCount(77, 77, 64, 64, 1000)).toBe(2);
    expect(pyramidLevelCount(70, 70, 64, 64, 1000)).toBe(1);
    expect(pyramidLevelCount(640, 480, 64, 64, 3)).toBe(3);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), (w, h) => {
        expect(pyramidLevelCount(w + 1, h, 64, 64, 1000)).toBeGreaterThanOrEqual(pyramidLevelCount(w, h, 64, 64, 1000));
      }),
      FC,
    );
  });
});

describe('pyramid_up (pyramid_down<2>)', () => {
  it("sizes the output from dlib's up-mapped rectangle: (2w + 2) x (2h + 1)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), fc.constantFrom(1, 3), (w, h, ch) => {
        const u = pyramidUp2(randomImage(w, h, ch as 1 | 3, w + h));
        expect([u.width, u.height]).toEqual([2 * w + 2, 2 * h + 1]);
      }),
      FC,
    );
  });
});
