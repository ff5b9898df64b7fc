import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFacetsError } from '../../src/core/errors.js';
import type { Image } from '../../src/image/image.js';
import { lbpImage } from '../../src/lbp/ops/lbp-image.js';
import { circularCodesCpu } from '../../src/lbp/ops/lbp.cpu.js';
import { circularCodesRef } from '../../src/lbp/ops/lbp.ref.js';
import { circularSamples } from '../../src/lbp/ops/sampling.js';

const FC = { seed: 42, numRuns: 100 };

function gray(width: number, height: number, values: ArrayLike<number>): Image {
  return { width, height, channels: 1, data: Uint8ClampedArray.from(values) };
}

/** Random grey images of odd and tiny sizes, with many ties (values from a small alphabet). */
const grayArb = (minSide: number, maxSide = 14) =>
  fc
    .record({ w: fc.integer({ min: minSide, max: maxSide }), h: fc.integer({ min: minSide, max: maxSide }), levels: fc.constantFrom(3, 16, 256) })
    .chain(({ w, h, levels }) =>
      fc.array(fc.integer({ min: 0, max: levels - 1 }), { minLength: w * h, maxLength: w * h }).map((v) => gray(w, h, v.map((x) => Math.round((x * 255) / (levels - 1))))),
    );

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(isFacetsError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    return;
  }
  throw new Error('expected a FacetsError');
}

function rotate90(img: Image): Image {
  // Counter-clockwise: new(x', y') = old(W-1-y', x').
  const { width: w, height: h } = img;
  const out = new Uint8ClampedArray(w * h);
  for (let y = 0; y < w; y++) for (let x = 0; x < h; x++) out[y * h + x] = img.data[x * w + (w - 1 - y)];
  return gray(h, w, out);
}

describe('lbpImage', () => {
  it('computes the basic 3x3 operator with OpenCV olbp_ bit order and >= (hand-computed)', () => {
    // Centre 50; neighbours clockwise from the top-left: 10 50 90 / 60 (right) / 40 30 20 / 70 (left).
    const img = gray(3, 3, [10, 50, 90, 70, 50, 60, 20, 30, 40]);
    const out = lbpImage(img, { operator: 'basic' });
    // bit7 TL 10<50:0, bit6 T 50>=50:1, bit5 TR 90:1, bit4 R 60:1, bit3 BR 40:0, bit2 B 30:0,
    // bit1 BL 20:0, bit0 L 70:1 -> 0b01110001
    expect(out.width).toBe(1);
    expect(out.height).toBe(1);
    expect(out.codes[0]).toBe(0b01110001);
  });

  it('computes the circular operator with OpenCV elbp_ sample order: bit 0 right, counter-clockwise (hand-computed, P=4)', () => {
    // P=4, r=1 samples fall on pixels: n0 right, n1 top, n2 left, n3 bottom.
    const img = gray(3, 3, [0, 200, 0, 10, 100, 100, 0, 99, 0]);
    const out = lbpImage(img, { radius: 1, neighbors: 4 });
    // right 100 == centre -> 1 (bit0); top 200 -> 1 (bit1); left 10 -> 0; bottom 99 -> 0.
    expect(out.codes[0]).toBe(0b0011);
  });

  it('matches the interpolated value for a diagonal sample (P=8, r=1, float32 weights)', () => {
    // Only the top-right 2x2 block matters for sample 1: top, top-right, centre, right.
    const img = gray(3, 3, [0, 100, 200, 0, 100, 100, 0, 0, 0]);
    const s = circularSamples(1, 8)[1];
    expect([s.fy, s.fx, s.cy, s.cx]).toEqual([-1, 0, 0, 1]);
    const f = Math.fround;
    const t = f(f(f(f(s.w1 * 100) + f(s.w2 * 200)) + f(s.w3 * 100)) + f(s.w4 * 100));
    expect(t).toBeGreaterThan(100);
    const code = lbpImage(img).codes[0];
    expect((code >> 1) & 1).toBe(1);
  });

  it('crops the border exactly as OpenCV: (w - 2r) x (h - 2r)', () => {
    fc.assert(
      fc.property(grayArb(5), fc.integer({ min: 1, max: 2 }), (img, radius) => {
        const out = lbpImage(img, { radius, neighbors: 8 });
        expect(out.width).toBe(img.width - 2 * radius);
        expect(out.height).toBe(img.height - 2 * radius);
        expect(out.codes.length).toBe(out.width * out.height);
      }),
      FC,
    );
  });

  it('gives codes below bins for every mapping', () => {
    fc.assert(
      fc.property(grayArb(3, 9), fc.constantFrom('none', 'u2', 'ri', 'riu2'), fc.integer({ min: 1, max: 12 }), (img, mapping, neighbors) => {
        const out = lbpImage(img, { radius: 1, neighbors, mapping });
        expect(Math.max(...out.codes)).toBeLessThan(out.bins);
      }),
      FC,
    );
  });

  it('is invariant to any strictly increasing grey-level map (basic operator; circular with on-grid samples, P=4)', () => {
    // Interpolated samples (diagonals of P=8) are NOT invariant to a non-linear map: the
    // bilinear mix does not commute with it. On-grid samples compare raw pixels only.
    const monotone = fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 256, maxLength: 256 }).map((v) => v.sort((a, b) => a - b));
    fc.assert(
      fc.property(grayArb(3), monotone, fc.integer({ min: 1, max: 3 }), (img, lut, radius) => {
        const mapped = gray(img.width, img.height, Array.from(img.data, (v) => lut[v]));
        expect(lbpImage(mapped, { operator: 'basic' }).codes).toEqual(lbpImage(img, { operator: 'basic' }).codes);
        if (img.width > 2 * radius && img.height > 2 * radius) {
          expect(lbpImage(mapped, { radius, neighbors: 4 }).codes).toEqual(lbpImage(img, { radius, neighbors: 4 }).codes);
        }
      }),
      FC,
    );
  });

  it('gives riu2 codes invariant to 90-degree rotations (r=1, P=8, interior pixels; basic and circular-fixed operators)', () => {
    fc.assert(
      fc.property(grayArb(3), fc.constantFrom(1, 2), (img, radius) => {
        const cases = [{ operator: 'basic' as const, radius: 1, neighbors: 8 }, { operator: 'circular-fixed' as const, radius: 1, neighbors: 8 }];
        if (img.width > 2 * radius && img.height > 2 * radius) cases.push({ operator: 'circular-fixed', radius, neighbors: 12 });
        for (const opts of cases) {
          const a = lbpImage(img, { ...opts, mapping: 'riu2' });
          const b = lbpImage(rotate90(img), { ...opts, mapping: 'riu2' });
          // Pixel (x, y) of the code image lands at (y, W-1-x) after the rotation.
          const back = a.codes.map((_, k) => b.codes[(a.width - 1 - (k % a.width)) * b.width + Math.floor(k / a.width)]);
          expect(back).toEqual(a.codes);
        }
      }),
      FC,
    );
  });

  it('OpenCV circular operator is not rotation invariant on a flat 128 patch (float32 rounding, pinned)', () => {
    // Found by the rotation property: OpenCV's elbp_ reads sample 5 of a flat 128 patch as
    // 127.99999237 < 128 (bit 0) but its mirror sample 1 as 128 (bit 1). facets keeps OpenCV's
    // behaviour for parity; 'circular-fixed' is the rotation-exact alternative.
    const img = gray(3, 3, new Array(9).fill(128));
    expect(lbpImage(img).codes[0]).toBe(0b11011111);
    expect(lbpImage(img, { operator: 'circular-fixed' }).codes[0]).toBe(0b11111111);
    const patch = gray(3, 5, [0, 0, 0, 0, 0, 0, 128, 128, 0, 128, 128, 0, 0, 0, 0]);
    const a = lbpImage(patch, { mapping: 'riu2' });
    const b = lbpImage(rotate90(patch), { mapping: 'riu2' });
    expect(a.codes[1]).toBe(9); // non-uniform
    expect(b.codes[1 * b.width + 1]).not.toBe(a.codes[1]);
  });

  it('circular-fixed equals OpenCV circular wherever samples fall on pixels (P=4)', () => {
    fc.assert(
      fc.property(grayArb(3), fc.integer({ min: 1, max: 2 }), (img, radius) => {
        if (img.width <= 2 * radius || img.height <= 2 * radius) return;
        expect(lbpImage(img, { radius, neighbors: 4, operator: 'circular-fixed' }).codes).toEqual(lbpImage(img, { radius, neighbors: 4 }).codes);
      }),
      FC,
    );
  });

  it('uses Uint8 / Uint16 / Uint32 code arrays by the number of bins', () => {
    const img = gray(5, 5, Array.from({ length: 25 }, (_, k) => (k * 37) % 256));
    expect(lbpImage(img).codes).toBeInstanceOf(Uint8Array);
    expect(lbpImage(img, { neighbors: 12 }).codes).toBeInstanceOf(Uint16Array);
    expect(lbpImage(img, { neighbors: 20 }).codes).toBeInstanceOf(Uint32Array);
    expect(lbpImage(img, { neighbors: 20, mapping: 'u2' }).codes).toBeInstanceOf(Uint16Array);
    const big = lbpImage(img, { neighbors: 31, radius: 2 });
    expect(big.bins).toBe(2 ** 31);
    expect(big.codes.every((c) => c < 2 ** 31)).toBe(true);
  });

  it('sets every bit on a flat image (equal counts as brighter, OpenCV >=)', () => {
    const img = gray(5, 5, new Array(25).fill(0));
    expect(Array.from(lbpImage(img).codes)).toEqual(new Array(9).fill(255));
    expect(Array.from(lbpImage(img, { operator: 'basic' }).codes)).toEqual(new Array(9).fill(255));
  });

  it('rejects bad input with FacetsError codes', () => {
    const img = gray(5, 5, new Array(25).fill(1));
    const rgb: Image = { width: 5, height: 5, channels: 3, data: new Uint8ClampedArray(75) };
    expectCode(() => lbpImage(rgb), 'E_BAD_ARGUMENT');
    expectCode(() => lbpImage(img, { radius: 3 }), 'E_BAD_ARGUMENT'); // 5x5 < 7x7
    expectCode(() => lbpImage(gray(2, 9, new Array(18).fill(0))), 'E_BAD_ARGUMENT');
    expectCode(() => lbpImage(img, { radius: 0 }), 'E_BAD_ARGUMENT');
    expectCode(() => lbpImage(img, { radius: 1.5 }), 'E_BAD_ARGUMENT');
    expectCode(() => lbpImage(img, { neighbors: 0 }), 'E_BAD_ARGUMENT');
    expectCode(() => lbpImage(img, { neighbors: 32 }), 'E_BAD_ARGUMENT');
    expectCode(() => lbpImage(img, { neighbors: 21, mapping: 'ri' }), 'E_BAD_ARGUMENT');
    expectCode(() => lbpImage(img, { mapping: 'x' as never }), 'E_BAD_ARGUMENT');
    expectCode(() => lbpImage(img, { operator: 'basic', neighbors: 4 }), 'E_BAD_ARGUMENT');
    expectCode(() => lbpImage({ width: 5, height: 5, channels: 1, data: new Uint8ClampedArray(3) }), 'E_BAD_ARGUMENT');
  });
});

describe('circularCodesCpu', () => {
  it('equals the reference kernel bit for bit (random sizes, radii 1..4, P 1..31)', () => {
    fc.assert(
      fc.property(grayArb(3, 20), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 31 }), (img, radius, neighbors) => {
        if (img.width <= 2 * radius || img.height <= 2 * radius) return;
        expect(circularCodesCpu(img.data, img.width, img.height, radius, neighbors)).toEqual(circularCodesRef(img.data, img.width, img.height, radius, neighbors));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
