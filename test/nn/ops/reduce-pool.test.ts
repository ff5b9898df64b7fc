import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { avgPool, globalMeanPool, matMul, dense, max, maxPool, mean, softmax, sum } from '../../../src/nn/ops/index.js';
import { isFacetsError } from '../../../src/core/errors.js';
import { tensor } from '../../../src/nn/tensor.js';
import { FAST_BACKENDS, dimArb, expectClose, onBackend, padArb, randomTensor, selectMode, unavailableEntry } from './helpers.js';

for (const entry of FAST_BACKENDS) {
  const { name, numRuns, label } = entry;
  const why = unavailableEntry(entry);
  if (why) console.warn(`skipping ${label} pooling/reduction/matMul tests: ${why}`);
  describe.skipIf(why !== null)(`pooling, reductions, softmax and matMul on the ${label} backend`, () => {
    beforeAll(() => selectMode(entry));
    it('maxPool / avgPool equal the reference within 1e-4 relative', () => {
      fc.assert(fc.property(dimArb(9), dimArb(9), dimArb(5), dimArb(3), dimArb(3), fc.integer({ min: 1, max: 3 }), padArb, fc.nat(), (h, w, c, fh, fw, s, pad, seed) => {
        fc.pre(typeof pad === 'string' || (pad.top < fh && pad.bottom < fh && pad.left < fw && pad.right < fw));
        const x = randomTensor([1, h, w, c], seed);
        const o = { filterSize: [fh, fw] as [number, number], strides: s, pad };
        expectClose(onBackend(name, () => maxPool(x, o)), onBackend('reference', () => maxPool(x, o)), 1e-4, 'max');
        expectClose(onBackend(name, () => avgPool(x, o)), onBackend('reference', () => avgPool(x, o)), 1e-4, 'avg');
      }), { seed: 3, numRuns });
    });

    it('mean / sum / max over random axis sets equal the reference within 1e-4 relative', () => {
      fc.assert(fc.property(fc.array(dimArb(5), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(3), { maxLength: 3 }), fc.boolean(), fc.nat(), (shape, axes0, keep, seed) => {
        const axes = [...new Set(axes0.map((a) => a % shape.length))];
        fc.pre(axes.length > 0);
        const x = randomTensor(shape, seed);
        for (const f of [mean, sum, max]) expectClose(onBackend(name, () => f(x, axes, keep)), onBackend('reference', () => f(x, axes, keep)), 1e-4, f.name);
      }), { seed: 4, numRuns });
    });

    it('globalMeanPool and softmax equal the reference within 1e-4 relative', () => {
      fc.assert(fc.property(dimArb(2), dimArb(7), dimArb(7), dimArb(9), fc.nat(), (b, h, w, c, seed) => {
        const x = randomTensor([b, h, w, c], seed, -20, 20);
        expectClose(onBackend(name, () => globalMeanPool(x)), onBackend('reference', () => globalMeanPool(x)), 1e-4, 'gmp');
        expectClose(onBackend(name, () => softmax(x)), onBackend('reference', () => softmax(x)), 1e-4, 'softmax');
      }), { seed: 5, numRuns });
    });

    it('matMul (transposes, bias, activation) and dense equal the reference within 1e-4 relative', () => {
      fc.assert(fc.property(dimArb(13), dimArb(17), dimArb(11), fc.boolean(), fc.boolean(), fc.boolean(), fc.nat(), (m, k, n, ta, tb, withBias, seed) => {
        const a = randomTensor(ta ? [k, m] : [m, k], seed);
        const b = randomTensor(tb ? [n, k] : [k, n], seed + 1);
        const o = { transposeA: ta, transposeB: tb, bias: withBias ? randomTensor([n], seed + 2) : undefined, activation: 'relu' as const };
        expectClose(onBackend(name, () => matMul(a, b, o)), onBackend('reference', () => matMul(a, b, o)), 1e-4, 'matMul');
        const x = randomTensor([m, 1, k], seed + 3), wt = randomTensor([k, n], seed + 4);
        expectClose(onBackend(name, () => dense(x, wt)), onBackend('reference', () => dense(x, wt)), 1e-4, 'dense');
      }), { seed: 6, numRuns });
    });
  });
}

describe('cpu GEMM on a long inner dimension', () => {
  it('a 67x1153 @ 1153x37 product with bias equals the reference within 1e-4 relative', () => {
    const a = randomTensor([67, 1153], 1), b = randomTensor([1153, 37], 2), bias = randomTensor([37], 3);
    expectClose(onBackend('cpu', () => matMul(a, b, { bias })), onBackend('reference', () => matMul(a, b, { bias })), 1e-4, 'gemm');
  });
});

describe('pooling and reductions (hand-computed)', () => {
  it("avgPool 'same' divides by in-image taps only (TF.js)", () => {
    const x = tensor([1, 2, 3, 4], [1, 2, 2, 1]);
    const y = avgPool(x, { filterSize: 3, pad: 'same' });
    expect(Array.from(y.data)).toEqual([2.5, 2.5, 2.5, 2.5]);
  });
  it('softmax rows sum to 1 and survive large logits', () => {
    const y = softmax(tensor([1000, 1001, 1002, -5, 0, 5], [2, 3]));
    expect(y.data[0] + y.data[1] + y.data[2]).toBeCloseTo(1, 6);
    expect(Number.isFinite(y.data[2])).toBe(true);
  });
  it('matMul of [[1,2],[3,4]] and [[5],[6]] is [[17],[39]]', () => {
    expect(Array.from(matMul(tensor([1, 2, 3, 4], [2, 2]), tensor([5, 6], [2, 1])).data)).toEqual([17, 39]);
  });
  it('rejects a bad inner dimension and an axis out of range', () => {
    for (const f of [() => matMul(tensor([1, 2], [1, 2]), tensor([1, 2, 3], [3, 1])), () => mean(tensor([1], [1]), 3)]) {
      let err: unknown;
      try { f(); } catch (e) { err = e; }
      expect(isFacetsError(err, 'E_BAD_ARGUMENT'), String(err)).toBe(true);
    }
  });
});
