import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyAffine, decodeImage, encodePng, integralImage, invertAffine, rectSum, resize, toGray, warpAffine,
  type Affine, type Channels, type Image,
} from '../../src/image/index.js';

const FC = { seed: 20261129, numRuns: 60 };

const arbImage = (channels: fc.Arbitrary<Channels>, maxSide = 24): fc.Arbitrary<Image> =>
  fc.record({ w: fc.integer({ min: 1, max: maxSide }), h: fc.integer({ min: 1, max: maxSide }), c: channels }).chain(({ w, h, c }) =>
    fc.uint8Array({ minLength: w * h * c, maxLength: w * h * c }).map((bytes) => ({ width: w, height: h, channels: c, data: new Uint8ClampedArray(bytes) })),
  );

describe('encodePng / decodeImage', () => {
  it('round-trips random images of every channel count exactly', () => {
    fc.assert(
      fc.property(arbImage(fc.constantFrom<Channels>(1, 3, 4)), (img) => {
        const back = decodeImage(encodePng(img));
        expect(back).toEqual(img);
      }),
      FC,
    );
  });
});

describe('resize', () => {
  it('to the same size is the identity (both interpolations)', () => {
    fc.assert(
      fc.property(arbImage(fc.constantFrom<Channels>(1, 3, 4)), fc.constantFrom('bilinear' as const, 'area' as const), (img, mode) => {
        expect(resize(img, img.width, img.height, mode).data).toEqual(img.data);
      }),
      FC,
    );
  });

  it('keeps a constant image constant at any size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom('bilinear' as const, 'area' as const),
        (v, w, h, dw, dh, mode) => {
          const img: Image = { width: w, height: h, channels: 1, data: new Uint8ClampedArray(w * h).fill(v) };
          expect(resize(img, dw, dh, mode).data.every((p) => p === v)).toBe(true);
        }),
      FC,
    );
  });
});

describe('warpAffine', () => {
  it('with the identity matrix is the identity', () => {
    fc.assert(
      fc.property(arbImage(fc.constantFrom<Channels>(1, 3)), (img) => {
        expect(warpAffine(img, [1, 0, 0, 0, 1, 0], img.width, img.height).data).toEqual(img.data);
      }),
      FC,
    );
  });

  it('with M then M^-1 returns the interior within 1 grey level on a smooth image', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), fc.double({ min: 0.8, max: 1.25, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }),
        (angle, scale, tx, ty) => {
          // Bilinear sampling is exact only on locally linear content, so the image is a smooth ramp.
          const n = 48;
          const img: Image = { width: n, height: n, channels: 1, data: new Uint8ClampedArray(n * n) };
          for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) img.data[y * n + x] = Math.round(60 + 2 * x + 1.5 * y);
          const c = n / 2;
          const cos = scale * Math.cos(angle);
          const sin = scale * Math.sin(angle);
          const m: Affine = [cos, -sin, c - cos * c + sin * c + tx, sin, cos, c - sin * c - cos * c + ty];
          const back = warpAffine(warpAffine(img, m, n, n), invertAffine(m), n, n);
          // Interior: points whose forward image stays well inside both canvases.
          for (let y = 0; y < n; y++) {
            for (let x = 0; x < n; x++) {
              const [u, v] = applyAffine(m, x, y);
              if (Math.hypot(x - c, y - c) > n / 2 - 6 || u < 2 || v < 2 || u > n - 3 || v > n - 3) continue;
              expect(Math.abs(back.data[y * n + x]! - img.data[y * n + x]!)).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
      { ...FC, numRuns: 40 },
    );
  });
});

describe('integralImage', () => {
  it('equals brute-force sums on random rectangles', () => {
    fc.assert(
      fc.property(
        arbImage(fc.constant<Channels>(1), 30).chain((img) =>
          fc.tuple(fc.constant(img), fc.integer({ min: 0, max: img.width }), fc.integer({ min: 0, max: img.width }), fc.integer({ min: 0, max: img.height }), fc.integer({ min: 0, max: img.height }))),
        ([img, xa, xb, ya, yb]) => {
          const [x0, x1] = xa <= xb ? [xa, xb] : [xb, xa];
          const [y0, y1] = ya <= yb ? [ya, yb] : [yb, ya];
          let s = 0;
          let q = 0;
          for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) { const v = img.data[y * img.width + x]!; s += v; q += v * v; }
          const ii = integralImage(img);
          expect(rectSum(ii.sum, ii.width, x0, y0, x1 - x0, y1 - y0)).toBe(s);
          expect(rectSum(ii.sqsum, ii.width, x0, y0, x1 - x0, y1 - y0)).toBe(q);
        },
      ),
      FC,
    );
  });
});

describe('toGray', () => {
  it('of a grey RGB(A) image returns that grey', () => {
    fc.assert(
      fc.property(arbImage(fc.constant<Channels>(1)), fc.constantFrom<Channels>(3, 4), (g, c) => {
        const rgb: Image = { width: g.width, height: g.height, channels: c, data: new Uint8ClampedArray(g.data.length * c) };
        for (let i = 0; i < g.data.length; i++) for (let k = 0; k < c; k++) rgb.data[i * c + k] = k === 3 ? 7 : g.data[i]!;
        expect(toGray(rgb).data).toEqual(g.data);
      }),
      FC,
    );
  });
});
