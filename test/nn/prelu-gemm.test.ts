/**
 * The wasm GEMM kernels' PReLU store epilogue (gemm-module.ts gemmPreluFunc), reached through
 * conv2d on the cpu backend: the direct GEMM (1x1, stride 1, unpadded) and the indirect one
 * (any other geometry). On random shapes with odd sizes and panel tails, conv2d with a fused
 * prelu equals the same kernel's linear conv2d with the scalar prelu definition applied after it,
 * bit for bit, is within 1e-4 relative of the reference backend, and writes the same bits split
 * over 2 threads as in one call.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conv2d } from '../../src/nn/ops/index.js';
import { activate } from '../../src/nn/ops/activation.js';
import type { Activation } from '../../src/nn/ops/names.js';
import { wasmUnavailableReason } from '../../src/nn/kernels/wasm/runtime.js';
import { setCpuThreads } from '../../src/nn/kernels/threads/node.js';
import { bitsOf, unsplitThenSplit } from './split-helpers.js';
import type { Tensor } from '../../src/nn/tensor.js';
import { dimArb, expectClose, onBackend, padArb, randomTensor } from './ops/helpers.js';

const why = wasmUnavailableReason();
if (why) console.warn(`skipping the prelu GEMM suite: ${why}`);

const caseArb = fc.record({
  batch: fc.integer({ min: 1, max: 2 }), h: dimArb(9), w: dimArb(9), inC: dimArb(11), outC: dimArb(21),
  pointwise: fc.boolean(), fh: dimArb(3), fw: dimArb(3), stride: fc.integer({ min: 1, max: 2 }), pad: padArb,
  bias: fc.boolean(), seed: fc.nat(),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function setup(c: Case): { x: Tensor; f: Tensor; opts: Parameters<typeof conv2d>[2] & { activation: Activation } } | null {
  const [fh, fw] = c.pointwise ? [1, 1] : [c.fh, c.fw];
  if (c.pad === 'valid' && (c.h < fh || c.w < fw)) return null;
  const x = randomTensor([c.batch, c.h, c.w, c.inC], c.seed);
  const f = randomTensor([fh, fw, c.inC, c.outC], c.seed + 1);
  const preluAlpha = randomTensor([c.outC], c.seed + 2, -2, 2);
  const geometry = c.pointwise ? { pad: 'valid' as const } : { pad: c.pad, strides: c.stride };
  return { x, f, opts: { ...geometry, bias: c.bias ? randomTensor([c.outC], c.seed + 3) : undefined, activation: { kind: 'prelu', preluAlpha } } };
}

const bits = (t: Tensor): Uint32Array => bitsOf(t.data);

describe.skipIf(why !== null)('conv2d with a fused prelu on the wasm kernels', () => {
  it('equals the linear conv then the scalar prelu bit for bit, and the reference within 1e-4 (direct and indirect GEMM)', () => {
    let ran = 0;
    fc.assert(fc.property(caseArb, (c) => {
      const s = setup(c);
      if (s === null) return;
      const got = onBackend('cpu', () => conv2d(s.x, s.f, s.opts));
      const lin = onBackend('cpu', () => conv2d(s.x, s.f, { ...s.opts, activation: 'linear' }));
      const want = lin.data.map((v, i) => activate(v, i % c.outC, s.opts.activation));
      expect(bits(got), JSON.stringify(c)).toEqual(new Uint32Array(want.buffer));
      expectClose(got, onBackend('reference', () => conv2d(s.x, s.f, s.opts)), 1e-4, JSON.stringify(c));
      ran++;
    }), { seed: 41, numRuns: 150 });
    expect(ran).toBeGreaterThan(100);
  });
});

describe.skipIf(why !== null)('conv2d with a fused prelu over 2 threads', () => {
  beforeAll(async () => { await setCpuThreads(2); });
  afterAll(async () => { await setCpuThreads(1); });

  it('writes the same bits split as in one call', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const s = setup(c);
      if (s === null) return;
      const [one, two] = unsplitThenSplit(() => onBackend('cpu', () => conv2d(s.x, s.f, s.opts)));
      expect(bits(two), JSON.stringify(c)).toEqual(bits(one));
    }), { seed: 42, numRuns: 60 });
  });
});
