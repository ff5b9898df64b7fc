import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceFn, METRICS } from '../../src/tasks/metrics.js';

const vec = (n: number) => fc.array(fc.double({ min: 0.001, max: 10, noNaN: true }), { minLength: n, maxLength: n });
const pair = fc.integer({ min: 1, max: 64 }).chain((n) => fc.tuple(vec(n), vec(n)));

describe.each(METRICS)('%s distance', (metric) => {
  const d = distanceFn(metric);
  it('is symmetric, non-negative and zero on identical input', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(d(a, b)).toBeGreaterThanOrEqual(0);
        expect(Math.abs(d(a, b) - d(b, a))).toBeLessThanOrEqual(1e-12 * Math.max(1, d(a, b)));
        expect(d(a, a)).toBeLessThanOrEqual(1e-9);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('throws E_NUMERIC, never returns NaN, when either vector holds NaN or +-Infinity', () => {
    const bad = fc.constantFrom(Number.NaN, Infinity, -Infinity);
    fc.assert(
      fc.property(pair, bad, fc.nat(), fc.boolean(), ([a, b], v, at, first) => {
        const x = [...(first ? a : b)];
        x[at % x.length] = v;
        expect(() => (first ? d(x, b) : d(a, x))).toThrow(expect.objectContaining({ code: 'E_NUMERIC' }));
      }),
      { seed: 6, numRuns: 100 },
    );
  });
  it('rejects vectors of different lengths with E_BAD_ARGUMENT', () => {
    expect(() => d([1, 2], [1, 2, 3])).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
  });
});

describe('hand-computed distances', () => {
  it('match their definitions', () => {
    expect(distanceFn('euclidean')([0, 0], [3, 4])).toBe(5);
    expect(distanceFn('cosine')([1, 0], [0, 1])).toBeCloseTo(1, 12);
    expect(distanceFn('euclidean_l2')([2, 0], [0, 5])).toBeCloseTo(Math.SQRT2, 12);
    // 2 * ((0.5-0.25)^2/0.75 + (0.5-0.75)^2/1.25)
    expect(distanceFn('chi-square')([0.5, 0.5, 0], [0.25, 0.75, 0])).toBeCloseTo(2 * (0.0625 / 0.75 + 0.0625 / 1.25), 12);
  });

  it('cosine of a zero vector is E_NUMERIC, not NaN', () => {
    expect(() => distanceFn('cosine')([0, 0], [1, 1])).toThrow(expect.objectContaining({ code: 'E_NUMERIC' }));
  });
});
