import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { similarityTransform, type Point } from '../../src/align/similarity.js';
import { applyAffine } from '../../src/image/warp.js';
import { isFacetsError } from '../../src/core/errors.js';

const coord = fc.double({ min: -1000, max: 1000, noNaN: true });

describe('similarityTransform (Umeyama 1991, dlib find_similarity_transform)', () => {
  it('recovers a random similarity exactly (1e-9 relative) from noiseless points (seed 42)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        coord,
        coord,
        fc.array(fc.tuple(coord, coord), { minLength: 2, maxLength: 40 }),
        (angle, scale, tx, ty, pts) => {
          // Points must not all coincide, or no transform is determined.
          fc.pre(pts.some((p) => Math.hypot(p[0] - pts[0][0], p[1] - pts[0][1]) > 1));
          const truth = [scale * Math.cos(angle), -scale * Math.sin(angle), tx, scale * Math.sin(angle), scale * Math.cos(angle), ty] as const;
          const to = pts.map(([x, y]) => [truth[0] * x + truth[1] * y + truth[2], truth[3] * x + truth[4] * y + truth[5]] as Point);
          const m = similarityTransform(pts as Point[], to);
          const tol = 1e-9 * Math.max(1, scale * 1000 + Math.abs(tx) + Math.abs(ty));
          for (let k = 0; k < 6; k++) expect(Math.abs(m[k] - truth[k])).toBeLessThanOrEqual(tol);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('is a least-squares optimum: no nearby similarity has a smaller residual on noisy points (seed 42)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(coord, coord, fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), { minLength: 3, maxLength: 30 }), (rows) => {
        fc.pre(rows.some((r) => Math.hypot(r[0] - rows[0][0], r[1] - rows[0][1]) > 1));
        const from = rows.map((r) => [r[0], r[1]] as Point);
        const to = rows.map((r) => [0.8 * r[0] - 0.3 * r[1] + 10 + r[2], 0.3 * r[0] + 0.8 * r[1] - 4 + r[3]] as Point);
        const m = similarityTransform(from, to);
        const err = (a: number, b: number, c: number, f: number) =>
          from.reduce((s, [x, y], i) => s + (a * x - b * y + c - to[i][0]) ** 2 + (b * x + a * y + f - to[i][1]) ** 2, 0);
        const best = err(m[0], m[3], m[2], m[5]);
        for (const d of [1e-4, -1e-4]) {
          expect(best).toBeLessThanOrEqual(err(m[0] + d, m[3], m[2], m[5]) * (1 + 1e-9));
          expect(best).toBeLessThanOrEqual(err(m[0], m[3] + d, m[2], m[5]) * (1 + 1e-9));
          expect(best).toBeLessThanOrEqual(err(m[0], m[3], m[2] + d, m[5]) * (1 + 1e-9));
        }
        // It is a similarity: a = e, b = -d.
        expect(m[0]).toBeCloseTo(m[4], 12);
        expect(m[1]).toBeCloseTo(-m[3], 12);
        const [x, y] = applyAffine(m, from[0][0], from[0][1]);
        expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('never reflects: mirrored point sets give a rotation (det > 0) as dlib does', () => {
    const from: Point[] = [[0, 0], [1, 0], [0, 1], [2, 3]];
    const to = from.map(([x, y]) => [-x, y] as Point);
    const m = similarityTransform(from, to);
    expect(m[0] * m[4] - m[1] * m[3]).toBeGreaterThanOrEqual(0);
  });

  it('rejects mismatched, short or non-finite input with E_BAD_ARGUMENT', () => {
    for (const [a, b] of [[[[0, 0]], [[1, 1]]], [[[0, 0], [1, 1]], [[0, 0]]], [[[0, 0], [NaN, 1]], [[0, 0], [1, 1]]]] as Point[][][]) {
      try {
        similarityTransform(a, b);
        expect.unreachable();
      } catch (e) {
        expect(isFacetsError(e, 'E_BAD_ARGUMENT')).toBe(true);
      }
    }
  });
});
