import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { concat, expandDims, pad, reshape, resizeBilinear, slice, squeeze, stridedSlice } from '../../../src/nn/ops/index.js';
import { isFacetsError } from '../../../src/core/errors.js';
import { tensor } from '../../../src/nn/tensor.js';
import { FAST_BACKENDS, dimArb, expectClose, onBackend, randomTensor, selectMode, unavailableEntry } from './helpers.js';

for (const entry of FAST_BACKENDS) {
  const { name, numRuns, label } = entry;
  const why = unavailableEntry(entry);
  if (why) console.warn(`skipping ${label} data-movement tests: ${why}`);
  describe.skipIf(why !== null)(`concat, pad, slice and resize on the ${label} backend`, () => {
    beforeAll(() => selectMode(entry));
    it('concat along any axis equals the reference (exact)', () => {
      fc.assert(fc.property(fc.array(dimArb(4), { minLength: 1, maxLength: 4 }), fc.nat(3), fc.array(dimArb(3), { minLength: 1, maxLength: 3 }), fc.nat(), (shape, ax0, sizes, seed) => {
        const ax = ax0 % shape.length;
        const xs = sizes.map((s, i) => randomTensor(shape.map((d, k) => (k === ax ? s : d)), seed + i));
        expectClose(onBackend(name, () => concat(xs, ax)), onBackend('reference', () => concat(xs, ax)), 0, 'concat');
      }), { seed: 11, numRuns });
    });

    it('pad equals the reference (exact)', () => {
      fc.assert(fc.property(fc.array(dimArb(4), { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { minLength: 4, maxLength: 4 }), fc.nat(), (shape, p, seed) => {
        const x = randomTensor(shape, seed);
        const pads = shape.map((_, i) => p[i]);
        expectClose(onBackend(name, () => pad(x, pads, 0.5)), onBackend('reference', () => pad(x, pads, 0.5)), 0, 'pad');
      }), { seed: 12, numRuns });
    });

    it('stridedSlice with positive and negative strides equals the reference (exact)', () => {
      fc.assert(fc.property(fc.array(dimArb(6), { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.integer({ min: -7, max: 7 }), fc.integer({ min: -7, max: 7 }), fc.constantFrom(-2, -1, 1, 2, 3)), { minLength: 4, maxLength: 4 }), fc.nat(), (shape, spec, seed) => {
        const x = randomTensor(shape, seed);
        const s = spec.slice(0, shape.length);
        const args = [s.map((v) => v[0]), s.map((v) => v[1]), s.map((v) => v[2])] as const;
        expectClose(onBackend(name, () => stridedSlice(x, ...args)), onBackend('reference', () => stridedSlice(x, ...args)), 0, 'stridedSlice');
      }), { seed: 13, numRuns });
    });

    it('resizeBilinear equals the reference within 1e-4 relative (all flag combinations)', () => {
      fc.assert(fc.property(dimArb(2), dimArb(9), dimArb(9), dimArb(4), dimArb(12), dimArb(12), fc.constantFrom(0, 1, 2), fc.nat(), (b, h, w, c, oh, ow, mode, seed) => {
        const x = randomTensor([b, h, w, c], seed, 0, 255);
        const o = { alignCorners: mode === 1, halfPixelCenters: mode === 2 };
        expectClose(onBackend(name, () => resizeBilinear(x, [oh, ow], o)), onBackend('reference', () => resizeBilinear(x, [oh, ow], o)), 1e-4, 'resize');
      }), { seed: 14, numRuns });
    });
  });
}

describe('data movement (hand-computed)', () => {
  const x = tensor([0, 1, 2, 3, 4, 5], [2, 3]);
  it('stridedSlice follows TensorFlow: negative stride reverses, masks take the full range, shrink drops the axis', () => {
    expect(Array.from(stridedSlice(x, [0, -1], [2, -4], [1, -1]).data)).toEqual([2, 1, 0, 5, 4, 3]);
    const y = stridedSlice(x, [1, 0], [2, 0], [1, 1], { shrinkAxisMask: 1, endMask: 2 });
    expect(y.shape).toEqual([3]);
    expect(Array.from(y.data)).toEqual([3, 4, 5]);
  });
  it('slice with size -1 takes the rest', () => {
    expect(Array.from(slice(x, [0, 1], [-1, -1]).data)).toEqual([1, 2, 4, 5]);
  });
  it('reshape infers -1 and shares data; squeeze and expandDims are inverse', () => {
    const r = reshape(x, [3, -1]);
    expect(r.shape).toEqual([3, 2]);
    expect(r.data).toBe(x.data);
    expect(squeeze(expandDims(x, 1)).shape).toEqual([2, 3]);
  });
  it('pad and concat: hand example', () => {
    expect(Array.from(pad(tensor([1, 2], [2]), [[1, 2]], 9).data)).toEqual([9, 1, 2, 9, 9]);
    expect(Array.from(concat([tensor([1, 2], [1, 2]), tensor([3], [1, 1])], 1).data)).toEqual([1, 2, 3]);
  });
  it('bad arguments throw E_BAD_ARGUMENT or E_TOO_LARGE, never hang', () => {
    const cases: [() => unknown, string][] = [
      [() => reshape(x, [4, 2]), 'E_BAD_ARGUMENT'],
      [() => pad(x, [[1, 1]]), 'E_BAD_ARGUMENT'],
      [() => pad(x, [[0, 2 ** 20], [0, 2 ** 20]]), 'E_TOO_LARGE'],
      [() => concat([]), 'E_BAD_ARGUMENT'],
      [() => slice(x, [0, 2], [1, 2]), 'E_BAD_ARGUMENT'],
      [() => resizeBilinear(randomTensor([1, 2, 2, 1], 1), [0, 3]), 'E_BAD_ARGUMENT'],
      [() => stridedSlice(x, [0], [1], [0]), 'E_BAD_ARGUMENT'],
    ];
    for (const [f, code] of cases) {
      let err: unknown;
      try { f(); } catch (e) { err = e; }
      expect(isFacetsError(err, code as 'E_BAD_ARGUMENT'), String(err)).toBe(true);
    }
  });
});
