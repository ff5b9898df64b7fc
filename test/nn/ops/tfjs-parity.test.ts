/**
 * Parity with TF.js 4.22 (tfjs-backend-cpu) on random inputs: proves that the padding, stride,
 * dilation and resize conventions are TF.js's. Tolerance 1e-4 relative (float32 sums in a
 * different order).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { avgPool, conv2d, depthwiseConv2d, maxPool, resizeBilinear } from '../../../src/nn/ops/index.js';
import { make, type Tensor } from '../../../src/nn/tensor.js';
import { dimArb, expectClose, onBackend, randomTensor } from './helpers.js';

/** Runs a TF.js computation and copies its result out (disposing every TF.js tensor). */
function viaTf(f: () => tf.Tensor): Tensor {
  const t = tf.tidy(f);
  const r = make(t.shape, Float32Array.from(t.dataSync()));
  t.dispose();
  return r;
}
/** TF.js cannot build a 'valid' window larger than the input (negative size); skip those. */
function fits(g: { h: number; w: number; fh: number; fw: number; pad: string }, dil: number): boolean {
  return g.pad === 'same' || ((g.fh - 1) * dil + 1 <= g.h && (g.fw - 1) * dil + 1 <= g.w);
}
const toTf = (t: Tensor): tf.Tensor4D => tf.tensor4d(t.data, t.shape as [number, number, number, number]);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const geom = fc.record({
  h: dimArb(11), w: dimArb(11), c: dimArb(4), outC: dimArb(5), fh: dimArb(4), fw: dimArb(4),
  stride: fc.integer({ min: 1, max: 3 }), dilation: fc.integer({ min: 1, max: 2 }),
  pad: fc.constantFrom('same' as const, 'valid' as const), seed: fc.nat(),
});

describe('TF.js 4.22 cpu parity (1e-4 relative)', () => {
  for (const backend of ['reference', 'cpu'] as const) {
    it(`conv2d on ${backend} equals tf.conv2d ('same'/'valid', strides, dilations)`, () => {
      fc.assert(fc.property(geom, (g) => {
        // TF.js: strides > 1 and dilations > 1 cannot be combined.
        const dil = g.stride > 1 ? 1 : g.dilation;
        fc.pre(fits(g, dil));
        const x = randomTensor([1, g.h, g.w, g.c], g.seed);
        const f = randomTensor([g.fh, g.fw, g.c, g.outC], g.seed + 1);
        const want = viaTf(() => tf.conv2d(toTf(x), toTf(f), g.stride, g.pad, 'NHWC', dil));
        expectClose(onBackend(backend, () => conv2d(x, f, { strides: g.stride, dilations: dil, pad: g.pad })), want, 1e-4, JSON.stringify(g));
      }), { seed: 7, numRuns: 40 });
    });

    it(`depthwiseConv2d on ${backend} equals tf.depthwiseConv2d`, () => {
      fc.assert(fc.property(geom, fc.integer({ min: 1, max: 2 }), (g, mult) => {
        const dil = g.stride > 1 ? 1 : g.dilation;
        fc.pre(fits(g, dil));
        const x = randomTensor([1, g.h, g.w, g.c], g.seed);
        const f = randomTensor([g.fh, g.fw, g.c, mult], g.seed + 1);
        const want = viaTf(() => tf.depthwiseConv2d(toTf(x), toTf(f), g.stride, g.pad, 'NHWC', dil));
        expectClose(onBackend(backend, () => depthwiseConv2d(x, f, { strides: g.stride, dilations: dil, pad: g.pad })), want, 1e-4, JSON.stringify(g));
      }), { seed: 8, numRuns: 40 });
    });

    it(`maxPool / avgPool on ${backend} equal tf.maxPool / tf.avgPool`, () => {
      fc.assert(fc.property(geom, (g) => {
        fc.pre(fits(g, 1));
        const x = randomTensor([1, g.h, g.w, g.c], g.seed);
        const opts = { filterSize: [g.fh, g.fw] as [number, number], strides: g.stride, pad: g.pad };
        const mx = viaTf(() => tf.maxPool(toTf(x), [g.fh, g.fw], g.stride, g.pad));
        const av = viaTf(() => tf.avgPool(toTf(x), [g.fh, g.fw], g.stride, g.pad));
        expectClose(onBackend(backend, () => maxPool(x, opts)), mx, 1e-4, 'max ' + JSON.stringify(g));
        expectClose(onBackend(backend, () => avgPool(x, opts)), av, 1e-4, 'avg ' + JSON.stringify(g));
      }), { seed: 9, numRuns: 30 });
    });

    it(`resizeBilinear on ${backend} equals tf.image.resizeBilinear (default, alignCorners, halfPixelCenters)`, () => {
      fc.assert(fc.property(dimArb(9), dimArb(9), dimArb(3), dimArb(13), dimArb(13), fc.constantFrom(0, 1, 2), fc.nat(), (h, w, c, oh, ow, mode, seed) => {
        const x = randomTensor([1, h, w, c], seed, -10, 10);
        const ac = mode === 1, hp = mode === 2;
        const want = viaTf(() => tf.image.resizeBilinear(toTf(x), [oh, ow], ac, hp));
        expectClose(onBackend(backend, () => resizeBilinear(x, [oh, ow], { alignCorners: ac, halfPixelCenters: hp })), want, 1e-4, JSON.stringify({ h, w, c, oh, ow, mode }));
      }), { seed: 10, numRuns: 40 });
    });
  }
});
