/**
 * The wasm SIMD element-wise kernels (src/nn/kernels/wasm/elementwise-*.ts), the fused
 * element-wise chain and the fused depthwise -> pointwise block the model plans use
 * (src/nn/ops/elementwise/chain.ts, src/nn/ops/depthwise/), held to the
 * `reference` backend bit for bit: each step is one float32 operation per element, so the fused,
 * SIMD and scalar paths must agree exactly (tolerance 0), including NaN, -0 and odd sizes (tails
 * that are not a multiple of the 4 lanes), with the wasm kernels on and switched off.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { add, conv2d, depthwiseConv2d, div, mul, relu, relu6, separableConv2d, sub } from '../../../src/nn/ops/index.js';
import { depthwisePointwise } from '../../../src/nn/ops/depthwise/depthwise.js';
import { elementwiseChain, type ChainStep } from '../../../src/nn/ops/elementwise/chain.js';
import { setWasmKernelsEnabled, wasmKernelsEnabled, wasmUnavailableReason } from '../../../src/nn/kernels/wasm/runtime.js';
import { make, type Tensor } from '../../../src/nn/tensor.js';
import { FacetsError } from '../../../src/core/errors.js';
import { expectClose, onBackend, randomTensor } from './helpers.js';

/** Bit-exact equality (Object.is per element, so -0 and NaN count). */
function expectIdentical(actual: Tensor, expected: Tensor, what: string): void {
  expect([...actual.shape], what).toEqual([...expected.shape]);
  for (let i = 0; i < expected.data.length; i++) {
    if (!Object.is(actual.data[i], expected.data[i])) throw new Error(`${what} index ${i}: got ${actual.data[i]}, expected ${expected.data[i]}`);
  }
}

/** A random tensor with a few NaN, -0, exact zeros and out-of-range values sprinkled in. */
function spiky(shape: number[], seed: number): Tensor {
  const t = randomTensor(shape, seed, -9, 9);
  const specials = [Number.NaN, -0, 0, 6, 7.5, -1e-30];
  for (let i = seed % 7; i < t.data.length; i += 13) t.data[i] = specials[i % specials.length];
  return t;
}

const shapeArb = fc.record({
  h: fc.integer({ min: 1, max: 19 }), w: fc.integer({ min: 1, max: 23 }), c: fc.integer({ min: 1, max: 13 }), seed: fc.nat(),
});
const opArb = fc.constantFrom('add' as const, 'sub' as const, 'mul' as const, 'div' as const);
const PUBLIC = { add, sub, mul, div };

const initially = wasmKernelsEnabled();
afterAll(() => setWasmKernelsEnabled(initially));

for (const mode of ['wasm', 'ts'] as const) {
  const why = mode === 'wasm' ? wasmUnavailableReason() : null;
  describe.skipIf(why !== null)(`cpu element-wise with ${mode === 'wasm' ? 'wasm SIMD kernels' : 'wasm switched off'}`, () => {
    const onCpu = <T>(f: () => T): T => {
      setWasmKernelsEnabled(mode === 'wasm');
      try { return onBackend('cpu', f); } finally { setWasmKernelsEnabled(initially); }
    };

    it('binary ops equal the reference exactly (same shape, per channel both ways, scalar; odd sizes)', () => {
      fc.assert(fc.property(shapeArb, opArb, fc.constantFrom('same', 'channel', 'channelLeft', 'scalar', 'scalarLeft'), (s, op, kind) => {
        const x = spiky([1, s.h, s.w, s.c], s.seed);
        const p = kind === 'same' ? spiky([1, s.h, s.w, s.c], s.seed + 1)
          : kind.startsWith('channel') ? spiky([s.c], s.seed + 2) : spiky([1], s.seed + 3);
        const [a, b] = kind.endsWith('Left') ? [p, x] : [x, p];
        expectIdentical(onCpu(() => PUBLIC[op](a, b)), onBackend('reference', () => PUBLIC[op](a, b)), `${op} ${kind} ${JSON.stringify(s)}`);
      }), { seed: 42, numRuns: 60 });
    });

    it('relu and relu6 equal the reference exactly (NaN and -0 pass through)', () => {
      fc.assert(fc.property(shapeArb, (s) => {
        const x = spiky([1, s.h, s.w, s.c], s.seed);
        expectIdentical(onCpu(() => relu(x)), onBackend('reference', () => relu(x)), `relu ${JSON.stringify(s)}`);
        expectIdentical(onCpu(() => relu6(x)), onBackend('reference', () => relu6(x)), `relu6 ${JSON.stringify(s)}`);
      }), { seed: 42, numRuns: 40 });
    });

    it('elementwiseChain equals the public ops applied one by one on the reference backend, exactly', () => {
      const stepArb = fc.record({
        op: opArb,
        kind: fc.constantFrom('same', 'channel', 'scalar', 'number'),
        act: fc.constantFrom(undefined, 'relu' as const, 'relu6' as const),
      });
      fc.assert(fc.property(shapeArb, fc.array(stepArb, { minLength: 1, maxLength: 4 }), (s, spec) => {
        const x = spiky([1, s.h, s.w, s.c], s.seed);
        const steps: ChainStep[] = spec.map((st, k) => ({
          op: st.op,
          operand: st.kind === 'same' ? spiky([1, s.h, s.w, s.c], s.seed + 10 + k)
            : st.kind === 'channel' ? spiky([s.c], s.seed + 20 + k)
            : st.kind === 'scalar' ? spiky([1], s.seed + 30 + k) : 1.5 + k,
          activation: st.act,
        }));
        const want = onBackend('reference', () => steps.reduce<Tensor>((acc, st) => {
          const y = PUBLIC[st.op](acc, st.operand);
          return st.activation === 'relu' ? relu(y) : st.activation === 'relu6' ? relu6(y) : y;
        }, x));
        expectIdentical(onCpu(() => elementwiseChain(x, steps)), want, `chain ${JSON.stringify({ s, spec })}`);
        // The chain is the oracle's own composition on the reference backend too.
        expectIdentical(onBackend('reference', () => elementwiseChain(x, steps)), want, 'reference chain');
      }), { seed: 42, numRuns: 60 });
    });

    it('elementwiseChain falls back to general broadcasting when an operand is not per-channel', () => {
      const x = randomTensor([1, 4, 5, 6], 1), col = randomTensor([1, 4, 1, 1], 2);
      const want = onBackend('reference', () => relu(mul(x, col)));
      expectIdentical(onCpu(() => elementwiseChain(x, [{ op: 'mul', operand: col, activation: 'relu' }])), want, 'broadcast');
    });
  });
}

describe('elementwiseChain errors', () => {
  it('rejects a malformed operand with E_BAD_ARGUMENT', () => {
    const x = make([2, 3]);
    let err: unknown;
    try { elementwiseChain(x, [{ op: 'add', operand: { shape: [4], data: new Float32Array(3) } }]); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(FacetsError);
    expect((err as FacetsError).code).toBe('E_BAD_ARGUMENT');
  });
});

describe.skipIf(wasmUnavailableReason() !== null)('wasm depthwise packs bias with the filter', () => {
  it('gives the right answer when one filter is used with two different biases (and none)', () => {
    const x = randomTensor([1, 9, 7, 12], 3), f = randomTensor([3, 3, 12, 1], 4);
    for (const bias of [randomTensor([12], 5), randomTensor([12], 6), undefined]) {
      const opts = { pad: 'same' as const, bias, activation: 'relu6' as const };
      expectClose(onBackend('cpu', () => depthwiseConv2d(x, f, opts)), onBackend('reference', () => depthwiseConv2d(x, f, opts)), 1e-4, 'depthwise bias swap');
    }
  });

  it('3-channel convs (one indirect segment per filter row) equal the reference within 1e-4 on large images', () => {
    // Big enough for several row blocks of the indirect GEMM; 7x7/2 valid as dlib-resnet's first layer.
    const x = randomTensor([1, 61, 57, 3], 7), f = randomTensor([7, 7, 3, 10], 8), b = randomTensor([10], 9);
    const opts = { strides: 2, pad: 'valid' as const, bias: b, activation: 'relu' as const };
    expectClose(onBackend('cpu', () => conv2d(x, f, opts)), onBackend('reference', () => conv2d(x, f, opts)), 1e-4, 'conv 7x7x3');
  });
});

describe.skipIf(wasmUnavailableReason() !== null)('fused depthwise -> pointwise on the cpu backend (depthwise output kept in wasm memory)', () => {
  const caseArb = fc.record({
    h: fc.integer({ min: 1, max: 17 }), w: fc.integer({ min: 1, max: 19 }), c4: fc.integer({ min: 1, max: 6 }), n: fc.integer({ min: 1, max: 21 }),
    stride: fc.integer({ min: 1, max: 2 }), dilation: fc.integer({ min: 1, max: 2 }), pad: fc.constantFrom('same' as const, 'valid' as const, 1),
    dwBias: fc.boolean(), pwBias: fc.boolean(),
    dwAct: fc.constantFrom('linear' as const, 'relu' as const, 'relu6' as const),
    pwAct: fc.constantFrom('linear' as const, 'relu' as const, 'relu6' as const),
    seed: fc.nat(),
  });
  it('depthwisePointwise and separableConv2d equal the two ops (cpu: bit for bit; reference: 1e-4 relative)', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const C = 4 * c.c4;
      const x = randomTensor([1, c.h, c.w, C], c.seed), dw = randomTensor([3, 3, C, 1], c.seed + 1), pw = randomTensor([1, 1, C, c.n], c.seed + 2);
      const dwOpts = { strides: c.stride, dilations: c.stride === 1 ? c.dilation : 1, pad: c.pad, bias: c.dwBias ? randomTensor([C], c.seed + 3) : undefined, activation: c.dwAct };
      const pwOpts = { bias: c.pwBias ? randomTensor([c.n], c.seed + 4) : undefined, activation: c.pwAct };
      const twoOps = (): Tensor => conv2d(depthwiseConv2d(x, dw, dwOpts), pw, pwOpts);
      const what = JSON.stringify(c);
      expectIdentical(onBackend('cpu', () => depthwisePointwise(x, dw, pw, dwOpts, pwOpts)), onBackend('cpu', twoOps), `fused ${what}`);
      expectClose(onBackend('cpu', () => depthwisePointwise(x, dw, pw, dwOpts, pwOpts)), onBackend('reference', twoOps), 1e-4, `vs reference ${what}`);
      const sepOpts = { strides: dwOpts.strides, dilations: dwOpts.dilations, pad: c.pad, ...pwOpts };
      const sepTwo = (): Tensor => conv2d(depthwiseConv2d(x, dw, { strides: sepOpts.strides, dilations: sepOpts.dilations, pad: c.pad }), pw, pwOpts);
      expectIdentical(onBackend('cpu', () => separableConv2d(x, dw, pw, sepOpts)), onBackend('cpu', sepTwo), `separable ${what}`);
    }), { seed: 42, numRuns: 40 });
  });

  it('falls back to the two ops for shapes it does not fuse (batch 2, channels not a multiple of 4) and keeps their errors', () => {
    const x = randomTensor([2, 5, 6, 6], 1), dw = randomTensor([3, 3, 6, 1], 2), pw = randomTensor([1, 1, 6, 5], 3);
    const opts = { pad: 'same' as const, activation: 'relu6' as const };
    expectClose(onBackend('cpu', () => depthwisePointwise(x, dw, pw, opts, {})), onBackend('reference', () => conv2d(depthwiseConv2d(x, dw, opts), pw)), 1e-4, 'fallback');
    expect(() => onBackend('cpu', () => depthwisePointwise(x, dw, randomTensor([1, 1, 7, 5], 4), opts, {}))).toThrow(FacetsError);
  });
});
