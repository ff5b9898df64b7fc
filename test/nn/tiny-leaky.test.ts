/**
 * tiny-face-detector's one-pass leaky ReLU (leakyFaceApiCpu: the wasm SIMD kernel, its scalar
 * fallback, and in place as the cpu model runs it) against face-api.js's four ops,
 * relu(x - 0.1x) + 0.1x, on the reference backend: bit for bit, on random shapes with odd sizes
 * (below and above the wasm kernels' minimum length) and values salted with NaN, +-0,
 * +-Infinity, subnormals and the float32 extremes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { add, mul, relu, sub } from '../../src/nn/ops/index.js';
import { leaky, leakyFaceApiCpu } from '../../src/nn/models/tiny-face-detector.js';
import type { Tensor } from '../../src/nn/tensor.js';
import { setWasmKernelsEnabled, wasmUnavailableReason } from '../../src/nn/kernels/wasm/runtime.js';
import { leakyMixWasm } from '../../src/nn/kernels/wasm/elementwise-wasm.js';
import { setCpuThreads } from '../../src/nn/kernels/threads/node.js';
import { bitsOf, unsplitThenSplit } from './split-helpers.js';
import { onBackend, randomTensor } from './ops/helpers.js';

const SPECIAL = [Number.NaN, 0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-45, -1e-45, 3.4028234663852886e38, -3.4028234663852886e38, 1.1754943508222875e-38];

const fourOps = (x: Tensor): Tensor => {
  const m = mul(x, 0.10000000149011612);
  return add(relu(sub(x, m)), m);
};

const sameBits = (a: Float32Array, b: Float32Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]) || (Number.isNaN(v) && Number.isNaN(b[i])));

describe('leakyFaceApiCpu', () => {
  it('equals relu(x - 0.1x) + 0.1x on the reference backend bit for bit (random shapes, special values)', () => {
    const c = fc.record({ h: fc.integer({ min: 1, max: 17 }), w: fc.integer({ min: 1, max: 17 }), ch: fc.integer({ min: 1, max: 9 }), scale: fc.constantFrom(1, 1e3, 1e-30, 1e37), specials: fc.nat(12), seed: fc.nat() });
    fc.assert(fc.property(c, (c) => {
      const x = randomTensor([1, c.h, c.w, c.ch], c.seed, -c.scale, c.scale);
      for (let k = 0; k < c.specials; k++) x.data[(c.seed + 7919 * k) % x.data.length] = SPECIAL[(c.seed + k) % SPECIAL.length];
      const want = onBackend('reference', () => fourOps(x));
      expect(sameBits(leakyFaceApiCpu(x).data, want.data), JSON.stringify(c)).toBe(true);
      setWasmKernelsEnabled(false);
      try {
        expect(sameBits(leakyFaceApiCpu(x).data, want.data), `scalar loop ${JSON.stringify(c)}`).toBe(true);
      } finally { setWasmKernelsEnabled(true); }
      const own = { shape: x.shape, data: x.data.slice() };
      expect(onBackend('cpu', () => leaky(own))).toBe(own);
      expect(sameBits(own.data, want.data), `in place ${JSON.stringify(c)}`).toBe(true);
      expect(sameBits(onBackend('reference', () => leaky(x)).data, want.data)).toBe(true);
    }), { seed: 21, numRuns: 150 });
  });
});

describe.skipIf(wasmUnavailableReason() !== null)('leakyMixWasm over 2 threads', () => {
  beforeAll(async () => { await setCpuThreads(2); });
  afterAll(async () => { await setCpuThreads(1); });

  it('writes the same bits split into vector ranges as in one call', () => {
    fc.assert(fc.property(fc.integer({ min: 256, max: 5000 }), fc.nat(), (n, seed) => {
      const x = randomTensor([n], seed, -5, 5);
      const [one, two] = unsplitThenSplit(() => {
        const o = new Float32Array(n);
        expect(leakyMixWasm(x.data, 0.10000000149011612, o)).toBe(true);
        return o;
      });
      expect(bitsOf(two)).toEqual(bitsOf(one));
    }), { seed: 22, numRuns: 40 });
  });
});
