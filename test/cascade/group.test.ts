import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupRectangles } from '../../src/lbp/cascade/group.js';

const box = fc.record({ x: fc.integer({ min: 0, max: 200 }), y: fc.integer({ min: 0, max: 200 }), width: fc.integer({ min: 1, max: 80 }), height: fc.integer({ min: 1, max: 80 }) });
const key = (b: { x: number; y: number; width: number; height: number }): string => `${b.x},${b.y},${b.width},${b.height}`;

describe('groupRectangles (OpenCV 4.6 semantics)', () => {
  it('returns its input unchanged when minNeighbors is 0 (OpenCV early return)', () => {
    fc.assert(fc.property(fc.array(box, { maxLength: 40 }), (rs) => {
      expect(groupRectangles(rs, 0).map(key)).toEqual(rs.map(key));
    }), { seed: 42, numRuns: 200 });
  });
  it('gives the same set of boxes whatever the input order', () => {
    // Clusters of near-identical boxes so that grouping really merges.
    const cluster = fc.tuple(box, fc.integer({ min: 1, max: 6 })).map(([b, n]) => Array.from({ length: n }, (_, i) => ({ ...b, x: b.x + (i % 2) })));
    fc.assert(fc.property(fc.array(cluster, { maxLength: 6 }), fc.integer({ min: 1, max: 3 }), fc.integer(), (cs, mn, seed) => {
      const rs = cs.flat();
      const shuffled = [...rs].sort((a, b) => ((key(a).length * 31 + seed) % 7) - ((key(b).length * 31 + seed) % 7) || key(b).localeCompare(key(a)));
      expect(groupRectangles(shuffled, mn).map(key).sort()).toEqual(groupRectangles(rs, mn).map(key).sort());
    }), { seed: 42, numRuns: 200 });
  });
  it('averages a cluster with float32 rounding and drops clusters of <= minNeighbors members', () => {
    const r = groupRectangles([{ x: 10, y: 10, width: 20, height: 20 }, { x: 11, y: 10, width: 20, height: 20 }, { x: 10, y: 11, width: 21, height: 21 }, { x: 100, y: 100, width: 20, height: 20 }], 2);
    // x: 31/3 = 10.33 -> 10; y: 31/3 -> 10; w: 61/3 = 20.33 -> 20.
    expect(r).toEqual([{ x: 10, y: 10, width: 20, height: 20, neighbors: 3 }]);
  });
  it('drops a small cluster inside a larger one with more votes', () => {
    const big = Array.from({ length: 6 }, () => ({ x: 0, y: 0, width: 100, height: 100 }));
    const small = Array.from({ length: 2 }, () => ({ x: 20, y: 20, width: 30, height: 30 }));
    expect(groupRectangles([...small, ...big], 1)).toEqual([{ x: 0, y: 0, width: 100, height: 100, neighbors: 6 }]);
  });
  it('rejects a non-integer threshold with E_BAD_ARGUMENT', () => {
    expect(() => groupRectangles([], 1.5)).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
  });
});
