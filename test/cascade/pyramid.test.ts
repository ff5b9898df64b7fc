import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pyramidLevel } from '../../src/lbp/cascade/pyramid.js';

const plane = fc.record({ w: fc.integer({ min: 1, max: 40 }), h: fc.integer({ min: 1, max: 40 }) }).chain(({ w, h }) =>
  fc.record({ w: fc.constant(w), h: fc.constant(h), px: fc.uint8Array({ minLength: w * h, maxLength: w * h }) }));

/** Obvious per-pixel definition of OpenCV's INTER_LINEAR_EXACT (8.8 taps, 16.16 rounding). */
function refExact(px: Uint8Array, w: number, h: number, dw: number, dh: number): Uint8Array {
  const tap = (d: number, dsize: number, ssize: number): [number, number] => {
    const f = (1 / (dsize / ssize)) * (d + 0.5) - 0.5;
    const i = Math.floor(f);
    if (i < 0 || ssize === 1) return [0, 0];
    if (i >= ssize - 1) return [ssize - 1, 0];
    const r = (f - i) * 256;
    const fl = Math.floor(r);
    const c1 = r - fl > 0.5 || (r - fl === 0.5 && fl % 2 === 1) ? fl + 1 : fl;
    return [i, c1];
  };
  const out = new Uint8Array(dw * dh);
  for (let y = 0; y < dh; y++) {
    const [sy, b1] = tap(y, dh, h);
    const edgeRow = b1 === 0 && (sy === 0 || sy === h - 1) && ((1 / (dh / h)) * (y + 0.5) - 0.5 < 0 || sy === h - 1);
    for (let x = 0; x < dw; x++) {
      const [sx, a1] = tap(x, dw, w);
      const H = (yy: number): number => (256 - a1) * px[yy * w + sx]! + (a1 ? a1 * px[yy * w + sx + 1]! : 0);
      out[y * dw + x] = edgeRow ? Math.min(255, (H(sy) + 128) >> 8) : Math.min(255, (H(sy) * (256 - b1) + (b1 ? H(sy + 1) * b1 : 0) + 32768) >>> 16);
    }
  }
  return out;
}

describe('pyramidLevel (OpenCV INTER_LINEAR_EXACT, the cascade pyramid)', () => {
  it('equals the per-pixel definition on random planes and sizes', () => {
    fc.assert(fc.property(plane, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), ({ w, h, px }, dw, dh) => {
      expect(Array.from(pyramidLevel(px, w, h, dw, dh))).toEqual(Array.from(refExact(px, w, h, dw, dh)));
    }), { seed: 42, numRuns: 300 });
  });
  it('halves exactly as the 2x2 mean (sum + 2) >> 2 and copies at the same size', () => {
    fc.assert(fc.property(plane, ({ w, h, px }) => {
      const W = 2 * w, H = 2 * h;
      const big = new Uint8Array(W * H).map((_, i) => px[(Math.floor(i / W) >> 1) * w + ((i % W) >> 1)]! ^ (i & 3));
      const half = pyramidLevel(big, W, H, w, h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
        const s = big[2 * y * W + 2 * x]! + big[2 * y * W + 2 * x + 1]! + big[(2 * y + 1) * W + 2 * x]! + big[(2 * y + 1) * W + 2 * x + 1]!;
        expect(half[y * w + x]).toBe((s + 2) >> 2);
      }
      expect(Array.from(pyramidLevel(px, w, h, w, h))).toEqual(Array.from(px));
    }), { seed: 42, numRuns: 40 });
  });
  it('keeps constant planes constant and stays within the input range', () => {
    fc.assert(fc.property(plane, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 255 }), ({ w, h, px }, dw, dh, v) => {
      expect(pyramidLevel(new Uint8Array(w * h).fill(v), w, h, dw, dh).every((q) => q === v)).toBe(true);
      let lo = 255, hi = 0;
      for (const q of px) { lo = Math.min(lo, q); hi = Math.max(hi, q); }
      expect(pyramidLevel(px, w, h, dw, dh).every((q) => q >= lo && q <= hi)).toBe(true);
    }), { seed: 42, numRuns: 200 });
  });
});
