import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, batchNorm, conv2d, depthwiseConv2d, foldBatchNorm, foldBatchNormDepthwise, relu } from '../../../src/nn/ops/index.js';
import { createPlan, runPlan } from '../../../src/nn/plan.js';
import { isFacetsError } from '../../../src/core/errors.js';
import { dimArb, expectClose, onBackend, randomTensor } from './helpers.js';

describe('batch-norm folding', () => {
  it('folded conv2d equals conv2d then batchNorm within 1e-4 relative', () => {
    fc.assert(fc.property(dimArb(6), dimArb(6), dimArb(4), dimArb(5), dimArb(3), fc.nat(), (h, w, c, oc, f, seed) => {
      const x = randomTensor([1, h, w, c], seed);
      const wt = randomTensor([f, f, c, oc], seed + 1);
      const b = randomTensor([oc], seed + 2);
      const p = { mean: randomTensor([oc], seed + 3), variance: randomTensor([oc], seed + 4, 0.1, 2), scale: randomTensor([oc], seed + 5), offset: randomTensor([oc], seed + 6), epsilon: 1e-3 };
      const folded = foldBatchNorm(wt, b, p);
      const want = onBackend('reference', () => batchNorm(conv2d(x, wt, { bias: b, pad: 'same' }), p));
      expectClose(onBackend('cpu', () => conv2d(x, folded.filter, { bias: folded.bias, pad: 'same' })), want, 1e-4, 'conv');
    }), { seed: 21, numRuns: 40 });
  });

  it('folded depthwiseConv2d equals depthwise then batchNorm within 1e-4 relative', () => {
    fc.assert(fc.property(dimArb(6), dimArb(6), dimArb(4), dimArb(3), dimArb(3), fc.nat(), (h, w, c, m, f, seed) => {
      const x = randomTensor([1, h, w, c], seed);
      const wt = randomTensor([f, f, c, m], seed + 1);
      const p = { mean: randomTensor([c * m], seed + 3), variance: randomTensor([c * m], seed + 4, 0.1, 2) };
      const folded = foldBatchNormDepthwise(wt, undefined, p);
      const want = onBackend('reference', () => batchNorm(depthwiseConv2d(x, wt, { pad: 'same' }), p));
      expectClose(onBackend('cpu', () => depthwiseConv2d(x, folded.filter, { bias: folded.bias, pad: 'same' })), want, 1e-4, 'depthwise');
    }), { seed: 22, numRuns: 40 });
  });

  it('rejects a negative variance with E_BAD_ARGUMENT', () => {
    let err: unknown;
    try { foldBatchNorm(randomTensor([1, 1, 1, 2], 1), undefined, { mean: randomTensor([2], 1), variance: randomTensor([2], 2, -5, -4) }); } catch (e) { err = e; }
    expect(isFacetsError(err, 'E_BAD_ARGUMENT')).toBe(true);
  });
});

describe('plan executor', () => {
  const w1 = randomTensor([3, 3, 2, 4], 1), w2 = randomTensor([1, 1, 4, 2], 2);
  const plan = createPlan(['input'], [
    { name: 'conv1', inputs: ['input'], run: (x) => conv2d(x, w1, { pad: 'same', activation: 'relu' }) },
    { name: 'conv2', inputs: ['conv1'], run: (x) => conv2d(x, w2) },
    { name: 'residual', inputs: ['conv2', 'input'], run: (a, b) => relu(add(a, b)) },
  ], ['residual']);

  it('gives the same output as calling the ops directly, and keeps named activations', () => {
    const x = randomTensor([1, 5, 6, 2], 3);
    const direct = relu(add(conv2d(conv2d(x, w1, { pad: 'same', activation: 'relu' }), w2), x));
    const r = runPlan(plan, { input: x }, { keep: ['conv1'] });
    expectClose(r.outputs.residual, direct, 0, 'plan');
    expect(r.activations.conv1.shape).toEqual([1, 5, 6, 4]);
    expect(Object.keys(r.activations)).toEqual(['conv1']);
    expect(Object.keys(runPlan(plan, { input: x }, { keep: 'all' }).activations)).toEqual(['conv1', 'conv2', 'residual']);
  });

  it('rejects undefined inputs, duplicate names and missing feeds', () => {
    const bad: [() => unknown, string][] = [
      [() => createPlan(['a'], [{ name: 's', inputs: ['b'], run: (x) => x }], ['s']), 'E_BAD_MODEL'],
      [() => createPlan(['a'], [{ name: 'a', inputs: ['a'], run: (x) => x }], ['a']), 'E_BAD_MODEL'],
      [() => runPlan(plan, {}), 'E_BAD_ARGUMENT'],
    ];
    for (const [f, code] of bad) {
      let err: unknown;
      try { f(); } catch (e) { err = e; }
      expect(isFacetsError(err, code as 'E_BAD_MODEL'), String(err)).toBe(true);
    }
  });
});
