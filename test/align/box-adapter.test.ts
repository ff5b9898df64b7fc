import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adaptBox, applyBoxAdapter, BOX_ADAPTERS, BOX_SOURCES, type BoxSource } from '../../src/align/box-adapter.js';
import { isFacetsError } from '../../src/core/errors.js';
import type { Box } from '../../src/image/image.js';

const intBox = fc.record({
  x: fc.integer({ min: -500, max: 2000 }),
  y: fc.integer({ min: -500, max: 2000 }),
  width: fc.integer({ min: 1, max: 1500 }),
  height: fc.integer({ min: 1, max: 1500 }),
});
const source = fc.constantFrom(...BOX_SOURCES);

function expectCode(f: () => unknown, code: string): void {
  try {
    f();
    expect.unreachable();
  } catch (e) {
    expect(isFacetsError(e, code as never)).toBe(true);
  }
}

describe('adaptBox', () => {
  it('is the identity for hog boxes (seed 42)', () => {
    fc.assert(fc.property(intBox, (b) => { expect(adaptBox(b, 'hog')).toEqual(b); }), { seed: 42, numRuns: 200 });
  });

  it('maps the fitted mean detector box onto the HOG box exactly (up to rounding), for every detector', () => {
    // A 1000 px square box: rounding costs at most 0.5 px against these exact expectations.
    for (const s of BOX_SOURCES) {
      const a = BOX_ADAPTERS[s];
      const out = adaptBox({ x: 0, y: 0, width: 1000, height: 1000 }, s);
      expect(Math.abs(out.width - 1000 * a.sw)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(out.height - 1000 * a.sh)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(out.x + out.width / 2 - (500 + 1000 * a.dx))).toBeLessThanOrEqual(0.5);
      expect(Math.abs(out.y + out.height / 2 - (500 + 1000 * a.dy))).toBeLessThanOrEqual(0.5);
    }
  });

  it('gives finite, positive, integer boxes for any valid box, integer or not (seed 42)', () => {
    const realBox = fc.record({
      x: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      y: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      width: fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
      height: fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
    });
    fc.assert(
      fc.property(realBox, source, (b, s) => {
        const o = adaptBox(b, s);
        for (const v of [o.x, o.y, o.width, o.height]) expect(Number.isInteger(v)).toBe(true);
        expect(o.width).toBeGreaterThanOrEqual(1);
        expect(o.height).toBeGreaterThanOrEqual(1);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('is scale-equivariant: adapting a box scaled by k equals the adapted box scaled by k, within rounding (seed 42)', () => {
    fc.assert(
      fc.property(intBox, source, fc.integer({ min: 2, max: 8 }), (b, s, k) => {
        const big = adaptBox({ x: k * b.x, y: k * b.y, width: k * b.width, height: k * b.height }, s);
        const small = adaptBox(b, s);
        // Each output is rounded once (0.5 px), the small one's error grows k-fold when scaled;
        // x also carries half the width's rounding.
        const tol = (k + 1) * 0.75 + 1e-9;
        for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(big[key] - k * small[key])).toBeLessThanOrEqual(tol);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('is translation-equivariant for integer shifts, exactly (seed 42)', () => {
    fc.assert(
      fc.property(intBox, source, fc.integer({ min: -300, max: 300 }), fc.integer({ min: -300, max: 300 }), (b, s, tx, ty) => {
        const a = adaptBox(b, s);
        const t = adaptBox({ ...b, x: b.x + tx, y: b.y + ty }, s);
        expect(t.x).toBe(a.x + tx);
        expect(t.y).toBe(a.y + ty);
        expect(t.width).toBe(a.width);
        expect(t.height).toBe(a.height);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('has plausible fitted constants: shifts under a third of the box, scales within 0.6..1.6', () => {
    for (const s of BOX_SOURCES) {
      const a = BOX_ADAPTERS[s];
      expect(Math.abs(a.dx)).toBeLessThan(1 / 3);
      expect(Math.abs(a.dy)).toBeLessThan(1 / 3);
      for (const v of [a.sw, a.sh]) { expect(v).toBeGreaterThan(0.6); expect(v).toBeLessThan(1.6); }
    }
  });

  it('rejects bad boxes and unknown sources with E_BAD_ARGUMENT', () => {
    const good: Box = { x: 1, y: 2, width: 30, height: 40 };
    expectCode(() => adaptBox(good, 'retina' as BoxSource), 'E_BAD_ARGUMENT');
    expectCode(() => adaptBox(good, 'none' as BoxSource), 'E_BAD_ARGUMENT');
    for (const bad of [
      { ...good, x: NaN }, { ...good, y: Infinity }, { ...good, width: 0 }, { ...good, height: -3 },
      { ...good, width: NaN }, null as unknown as Box, 'box' as unknown as Box,
    ]) for (const s of BOX_SOURCES) expectCode(() => adaptBox(bad, s), 'E_BAD_ARGUMENT');
    expectCode(() => applyBoxAdapter(good, { dx: 0, dy: 0, sw: 0, sh: 1 }), 'E_BAD_ARGUMENT');
    expectCode(() => applyBoxAdapter(good, { dx: NaN, dy: 0, sw: 1, sh: 1 }), 'E_BAD_ARGUMENT');
  });
});
