import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d, depthwiseConv2d, pointwiseConv2d, separableConv2d } from '../../../src/nn/ops/index.js';
import { isFacetsError } from '../../../src/core/errors.js';
import { make, tensor } from '../../../src/nn/tensor.js';
import { FAST_BACKENDS, dimArb, expectClose, onBackend, padArb, randomTensor, selectMode, unavailableEntry } from './helpers.js';

const convCase = fc.record({
  batch: fc.integer({ min: 1, max: 2 }),
  h: dimArb(9), w: dimArb(9), inC: dimArb(5), outC: dimArb(7),
  fh: dimArb(4), fw: dimArb(4),
  stride: fc.integer({ min: 1, max: 3 }), dilation: fc.integer({ min: 1, max: 2 }),
  pad: padArb, bias: fc.boolean(),
  act: fc.constantFrom('linear', 'relu', 'relu6', 'leakyrelu', 'prelu', 'sigmoid', 'tanh'),
  seed: fc.nat(),
});

type Case = typeof convCase extends fc.Arbitrary<infer T> ? T : never;

function activationOf(c: Case, channels: number) {
  return c.act === 'prelu' ? { kind: 'prelu' as const, preluAlpha: randomTensor([channels], c.seed + 9) } : c.act === 'leakyrelu' ? { kind: 'leakyrelu' as const, alpha: 0.1 } : (c.act as 'linear');
}

for (const entry of FAST_BACKENDS) {
  const { name, numRuns, label } = entry;
  const why = unavailableEntry(entry);
  if (why) console.warn(`skipping ${label} conv tests: ${why}`);
  describe.skipIf(why !== null)(`conv on the ${label} backend`, () => {
    beforeAll(() => selectMode(entry));
    it('conv2d equals the reference within 1e-4 relative (random shapes, strides, dilations, paddings, bias, activations)', () => {
      fc.assert(fc.property(convCase, (c) => {
        const x = randomTensor([c.batch, c.h, c.w, c.inC], c.seed);
        const f = randomTensor([c.fh, c.fw, c.inC, c.outC], c.seed + 1);
        const opts = { strides: c.stride, dilations: c.dilation, pad: c.pad, bias: c.bias ? randomTensor([c.outC], c.seed + 2) : undefined, activation: activationOf(c, c.outC) };
        const want = onBackend('reference', () => conv2d(x, f, opts));
        expectClose(onBackend(name, () => conv2d(x, f, opts)), want, 1e-4, JSON.stringify(c));
      }), { seed: 42, numRuns });
    });

    it('depthwiseConv2d equals the reference within 1e-4 relative (multiplier 1..3)', () => {
      fc.assert(fc.property(convCase, fc.integer({ min: 1, max: 3 }), (c, mult) => {
        const x = randomTensor([c.batch, c.h, c.w, c.inC], c.seed);
        const f = randomTensor([c.fh, c.fw, c.inC, mult], c.seed + 1);
        const opts = { strides: c.stride, dilations: c.dilation, pad: c.pad, bias: c.bias ? randomTensor([c.inC * mult], c.seed + 2) : undefined, activation: activationOf(c, c.inC * mult) };
        const want = onBackend('reference', () => depthwiseConv2d(x, f, opts));
        expectClose(onBackend(name, () => depthwiseConv2d(x, f, opts)), want, 1e-4, JSON.stringify(c));
      }), { seed: 43, numRuns });
    });

    it('3x3 multiplier-1 depthwise (the MobileNet case, a separate cpu fast path) equals the reference within 1e-4 relative', () => {
      fc.assert(fc.property(convCase, (c) => {
        const x = randomTensor([c.batch, c.h, c.w, c.inC], c.seed);
        const f = randomTensor([3, 3, c.inC, 1], c.seed + 1);
        const opts = { strides: c.stride, pad: c.pad, bias: c.bias ? randomTensor([c.inC], c.seed + 2) : undefined, activation: activationOf(c, c.inC) };
        const want = onBackend('reference', () => depthwiseConv2d(x, f, opts));
        expectClose(onBackend(name, () => depthwiseConv2d(x, f, opts)), want, 1e-4, JSON.stringify(c));
      }), { seed: 46, numRuns });
    });

    it('pointwise and separable convs equal the reference within 1e-4 relative', () => {
      fc.assert(fc.property(convCase, (c) => {
        const x = randomTensor([c.batch, c.h, c.w, c.inC], c.seed);
        const pw = randomTensor([c.inC, c.outC], c.seed + 3);
        const dw = randomTensor([c.fh, c.fw, c.inC, 1], c.seed + 4);
        const pw4 = randomTensor([1, 1, c.inC, c.outC], c.seed + 5);
        const bias = randomTensor([c.outC], c.seed + 6);
        const want1 = onBackend('reference', () => pointwiseConv2d(x, pw, { bias, activation: 'relu' }));
        expectClose(onBackend(name, () => pointwiseConv2d(x, pw, { bias, activation: 'relu' })), want1, 1e-4, 'pointwise');
        const opts = { strides: c.stride, pad: c.pad, bias, activation: 'relu6' as const };
        const want2 = onBackend('reference', () => separableConv2d(x, dw, pw4, opts));
        expectClose(onBackend(name, () => separableConv2d(x, dw, pw4, opts)), want2, 1e-4, 'separable');
      }), { seed: 44, numRuns: Math.ceil(numRuns / 2) });
    });

    it('a 1x1 identity kernel is the identity (exact)', () => {
      fc.assert(fc.property(dimArb(7), dimArb(7), dimArb(6), fc.nat(), (h, w, c, seed) => {
        const x = randomTensor([1, h, w, c], seed);
        const eye = make([1, 1, c, c]);
        for (let i = 0; i < c; i++) eye.data[i * c + i] = 1;
        const y = onBackend(name, () => conv2d(x, eye, { pad: 'same' }));
        expect(Array.from(y.data)).toEqual(Array.from(x.data));
      }), { seed: 45, numRuns: Math.ceil(numRuns / 3) });
    });
  });
}

describe('conv2d (reference, hand-computed)', () => {
  it("'same' 3x3 stride 1 on a 3x3 ramp sums each in-image neighbourhood", () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const ones = tensor(new Float32Array(9).fill(1), [3, 3, 1, 1]);
    const y = onBackend('reference', () => conv2d(x, ones, { pad: 'same' }));
    expect(Array.from(y.data)).toEqual([12, 21, 16, 27, 45, 33, 24, 39, 28]);
  });

  it("'same' with an even total pad puts the extra pixel bottom/right, like TF.js (4x4 input, 2x2 filter, stride 1)", () => {
    // total pad 1 -> top 0, bottom 1: y[0,0] = x[0,0] + x[0,1] + x[1,0] + x[1,1].
    const x = tensor(Array.from({ length: 16 }, (_, i) => i), [1, 4, 4, 1]);
    const ones = tensor([1, 1, 1, 1], [2, 2, 1, 1]);
    const y = onBackend('reference', () => conv2d(x, ones, { pad: 'same' }));
    expect(y.shape).toEqual([1, 4, 4, 1]);
    expect(y.data[0]).toBe(0 + 1 + 4 + 5);
    expect(y.data[15]).toBe(15); // bottom-right: only x[3,3] is inside
  });

  it('stride 2, dilation and explicit padding give the documented output size', () => {
    const x = randomTensor([1, 7, 8, 2], 1);
    const f = randomTensor([3, 3, 2, 4], 2);
    expect(conv2d(x, f, { strides: 2, pad: 'same' }).shape).toEqual([1, 4, 4, 4]);
    expect(conv2d(x, f, { strides: 2, pad: 'valid' }).shape).toEqual([1, 3, 3, 4]);
    expect(conv2d(x, f, { dilations: 2, pad: 'valid' }).shape).toEqual([1, 3, 4, 4]);
    expect(conv2d(x, f, { pad: { top: 1, bottom: 0, left: 2, right: 2 } }).shape).toEqual([1, 6, 10, 4]);
  });

  it('rejects mismatched channels, bad strides and bad bias with E_BAD_ARGUMENT', () => {
    const x = randomTensor([1, 4, 4, 3], 1);
    const bad = [
      () => conv2d(x, randomTensor([3, 3, 2, 4], 2)),
      () => conv2d(x, randomTensor([3, 3, 3, 4], 2), { strides: 0 }),
      () => conv2d(x, randomTensor([3, 3, 3, 4], 2), { bias: randomTensor([3], 3) }),
      () => conv2d(randomTensor([4, 4], 1), randomTensor([3, 3, 3, 4], 2)),
      () => conv2d({ shape: [1, 2, 2, 1], data: new Float32Array(3) }, randomTensor([1, 1, 1, 1], 2)),
      () => depthwiseConv2d(x, randomTensor([3, 3, 3, 1], 2), { activation: { kind: 'prelu' } }),
    ];
    for (const f of bad) {
      let err: unknown;
      try { f(); } catch (e) { err = e; }
      expect(isFacetsError(err, 'E_BAD_ARGUMENT'), String(err)).toBe(true);
    }
  });
});
