import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFacetsError } from '../../src/core/errors.js';
import { chiSquare, chiSquareAlt, histogramIntersection, intersectionDistance, weightedChiSquare } from '../../src/lbp/ops/distance.js';

const FC = { seed: 42, numRuns: 200 };

/** Pairs of non-negative float32 histograms of equal length, with many exact zeros. */
const pairArb = fc.integer({ min: 1, max: 64 }).chain((n) => {
  const h = fc.array(fc.oneof(fc.constant(0), fc.float({ min: 0, max: 1, noNaN: true })), { minLength: n, maxLength: n }).map((v) => Float32Array.from(v));
  return fc.tuple(h, h);
});

const symmetric = { chiSquareAlt, intersectionDistance, weightedChiSquare: (a: Float32Array, b: Float32Array) => weightedChiSquare(a, b, [0.5]) };

describe('distances', () => {
  for (const [name, d] of Object.entries(symmetric)) {
    it(`${name} is symmetric, non-negative and zero on identical input`, () => {
      fc.assert(
        fc.property(pairArb, ([a, b]) => {
          const ab = d(a, b);
          expect(ab).toBe(d(b, a));
          expect(ab).toBeGreaterThanOrEqual(0);
          expect(d(a, a)).toBe(0);
        }),
        FC,
      );
    });
  }

  it('chiSquare (HISTCMP_CHISQR) is non-negative and zero on identical input, but not symmetric', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        expect(chiSquare(a, b)).toBeGreaterThanOrEqual(0);
        expect(chiSquare(a, a)).toBe(0);
      }),
      FC,
    );
    // sum (h1-h2)^2/h1 over h1 > 0: (0.5-0.25)^2/0.5 + (0.5-0.75)^2/0.5 = 0.25; reversed: 0.0625/0.25 + 0.0625/0.75
    const a = [0.5, 0.5];
    const b = [0.25, 0.75];
    expect(chiSquare(a, b)).toBeCloseTo(0.25, 12);
    expect(chiSquare(b, a)).toBeCloseTo(0.0625 / 0.25 + 0.0625 / 0.75, 12);
  });

  it('chiSquareAlt is 2 sum (a-b)^2/(a+b), skipping empty bins (hand-computed)', () => {
    // bins: (0.5,0.25): 0.0625/0.75; (0.5,0.75): 0.0625/1.25; (0,0): skipped
    expect(chiSquareAlt([0.5, 0.5, 0], [0.25, 0.75, 0])).toBeCloseTo(2 * (0.0625 / 0.75 + 0.0625 / 1.25), 7);
    expect(chiSquareAlt([1, 0], [0, 1])).toBe(4);
  });

  it('histogramIntersection is HISTCMP_INTERSECT; intersectionDistance is half the L1 distance', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        expect(histogramIntersection(a, b)).toBe(histogramIntersection(b, a));
        let sa = 0;
        let sb = 0;
        for (let k = 0; k < a.length; k++) {
          sa += a[k];
          sb += b[k];
        }
        expect(intersectionDistance(a, b)).toBeCloseTo((sa + sb) / 2 - histogramIntersection(a, b), 9);
      }),
      FC,
    );
    expect(histogramIntersection([0.2, 0.8], [0.5, 0.5])).toBeCloseTo(0.7, 12);
  });

  it('weightedChiSquare with unit weights is chiSquareAlt / 2 and weights cells (Ahonen 2006 eq. 3)', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        expect(weightedChiSquare(a, b, [1])).toBeCloseTo(chiSquareAlt(a, b) / 2, 9);
      }),
      FC,
    );
    // Two cells of two bins; only the second cell differs.
    const a = [0.5, 0.5, 1, 0];
    const b = [0.5, 0.5, 0, 1];
    expect(weightedChiSquare(a, b, [4, 0.5])).toBe(0.5 * 2);
    expect(weightedChiSquare(a, b, [4, 0])).toBe(0);
  });

  it('rejects mismatched sizes, bad weights and NaN input with FacetsError codes', () => {
    const cases: [() => unknown, string][] = [
      [() => chiSquareAlt([1, 2], [1]), 'E_BAD_ARGUMENT'],
      [() => chiSquare(new Float32Array(3), new Float32Array(4)), 'E_BAD_ARGUMENT'],
      [() => histogramIntersection([1], [1, 2]), 'E_BAD_ARGUMENT'],
      [() => intersectionDistance([1], []), 'E_BAD_ARGUMENT'],
      [() => weightedChiSquare([1, 2, 3], [1, 2, 3], [1, 1]), 'E_BAD_ARGUMENT'],
      [() => weightedChiSquare([1, 2], [1, 2], [1, -1]), 'E_BAD_ARGUMENT'],
      [() => weightedChiSquare([1, 2], [1, 2], []), 'E_BAD_ARGUMENT'],
      [() => chiSquareAlt([NaN], [1]), 'E_NUMERIC'],
      [() => intersectionDistance([Infinity], [1]), 'E_NUMERIC'],
    ];
    for (const [f, code] of cases) {
      let err: unknown;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect(isFacetsError(err, code as 'E_BAD_ARGUMENT'), String(err)).toBe(true);
    }
    try {
      chiSquareAlt([1, 2], [1]);
    } catch (e) {
      expect(String(e)).toMatch(/chiSquareAlt: histogram sizes differ: 2 vs 1/);
    }
  });
});
