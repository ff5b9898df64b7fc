/**
 * The emitted WebAssembly SIMD kernels of the cpu backend (src/nn/kernels/wasm) held to the
 * reference backend on random shapes: odd sizes, row/column/K tails (M, N, K not multiples of
 * the 4x8 tile or the K unroll of 4), strides, dilations, paddings, batches; plus the byte
 * encoder, and the TypeScript fallback the cpu backend takes when wasm is switched off.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { conv2d, depthwiseConv2d, matMul } from '../../../src/nn/ops/index.js';
import { sleb, uleb } from '../../../src/nn/kernels/wasm/encoder.js';
import { gemmWasm } from '../../../src/nn/kernels/wasm/gemm-wasm.js';
import { setWasmKernelsEnabled, wasmKernelMode, wasmKernelsEnabled, wasmUnavailableReason } from '../../../src/nn/kernels/wasm/runtime.js';
import { dimArb, expectClose, onBackend, padArb, randomTensor } from './helpers.js';

function decodeU(bytes: number[]): number {
  let v = 0, shift = 0;
  for (const b of bytes) { v += (b & 0x7f) * 2 ** shift; shift += 7; if ((b & 0x80) === 0) break; }
  return v;
}
function decodeS(bytes: number[]): number {
  let v = 0, shift = 0, b = 0;
  for (b of bytes) { v += (b & 0x7f) * 2 ** shift; shift += 7; if ((b & 0x80) === 0) break; }
  return b & 0x40 ? v - 2 ** shift : v;
}

describe('wasm encoder LEB128 (WebAssembly spec 5.2.2)', () => {
  it('encodes the spec examples', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
  });
  it('round-trips every u32 and i32 in at most 5 bytes', () => {
    fc.assert(fc.property(fc.nat({ max: 0xffffffff }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (u, s) => {
      const eu = uleb(u), es = sleb(s);
      expect(decodeU(eu)).toBe(u);
      expect(decodeS(es)).toBe(s);
      expect(eu.length).toBeLessThanOrEqual(5);
      expect(es.length).toBeLessThanOrEqual(5);
      expect(eu.slice(0, -1).every((b) => b & 0x80) && (eu[eu.length - 1] & 0x80) === 0).toBe(true);
    }), { seed: 42, numRuns: 300 });
  });
});

const convCase = fc.record({
  batch: fc.integer({ min: 1, max: 2 }),
  h: dimArb(11), w: dimArb(11), inC: dimArb(13), outC: dimArb(19),
  fh: dimArb(4), fw: dimArb(4),
  stride: fc.integer({ min: 1, max: 3 }), dilation: fc.integer({ min: 1, max: 2 }),
  pad: padArb, bias: fc.boolean(),
  act: fc.constantFrom('linear' as const, 'relu' as const, 'relu6' as const, 'leakyrelu' as const),
  seed: fc.nat(),
});

/** The same properties with the wasm kernels on ('wasm') and forced off ('ts' fallback). */
for (const mode of ['wasm', 'ts'] as const) {
  const why = mode === 'wasm' ? wasmUnavailableReason() : null;
  if (why) console.warn(`skipping the wasm-kernel suite: ${why}`);
  describe.skipIf(why !== null)(`cpu backend with ${mode === 'wasm' ? 'wasm SIMD kernels' : 'wasm switched off (TypeScript fallback)'}`, () => {
    const initially = wasmKernelsEnabled();
    const on = <T>(f: () => T): T => {
      const before = wasmKernelsEnabled();
      setWasmKernelsEnabled(mode === 'wasm');
      try {
        expect(wasmKernelMode() === 'ts').toBe(mode === 'ts');
        return onBackend('cpu', f);
      } finally { setWasmKernelsEnabled(before); }
    };
    afterAll(() => setWasmKernelsEnabled(initially));

    it('conv2d equals the reference within 1e-4 relative (tails in M, N, K; strides, dilations, paddings, batches)', () => {
      fc.assert(fc.property(convCase, (c) => {
        const x = randomTensor([c.batch, c.h, c.w, c.inC], c.seed);
        const f = randomTensor([c.fh, c.fw, c.inC, c.outC], c.seed + 1);
        const opts = { strides: c.stride, dilations: c.dilation, pad: c.pad, bias: c.bias ? randomTensor([c.outC], c.seed + 2, -3, 8) : undefined, activation: c.act };
        const want = onBackend('reference', () => conv2d(x, f, opts));
        expectClose(on(() => conv2d(x, f, opts)), want, 1e-4, JSON.stringify(c));
        // Second call reuses the cached packed filter: same answer.
        expectClose(on(() => conv2d(x, f, opts)), want, 1e-4, `cached ${JSON.stringify(c)}`);
      }), { seed: 7, numRuns: 40 });
    });

    it('3x3 multiplier-1 depthwiseConv2d equals the reference within 1e-4 relative (channels not a multiple of 4, strides, dilations)', () => {
      fc.assert(fc.property(convCase, (c) => {
        const x = randomTensor([c.batch, c.h, c.w, c.inC], c.seed);
        const f = randomTensor([3, 3, c.inC, 1], c.seed + 1);
        const opts = { strides: c.stride, dilations: c.stride === 1 ? c.dilation : 1, pad: c.pad, bias: c.bias ? randomTensor([c.inC], c.seed + 2, -3, 8) : undefined, activation: c.act };
        const want = onBackend('reference', () => depthwiseConv2d(x, f, opts));
        expectClose(on(() => depthwiseConv2d(x, f, opts)), want, 1e-4, JSON.stringify(c));
      }), { seed: 8, numRuns: 40 });
    });

    it('matMul equals the reference within 1e-4 relative (transposes, bias, fused activations, M/N/K tails)', () => {
      const acts = fc.constantFrom('linear' as const, 'relu' as const, 'relu6' as const, 'sigmoid' as const);
      fc.assert(fc.property(dimArb(23), dimArb(37), dimArb(21), fc.boolean(), fc.boolean(), fc.boolean(), acts, fc.nat(), (m, k, n, ta, tb, useBias, activation, seed) => {
        const a = randomTensor(ta ? [k, m] : [m, k], seed);
        const b = randomTensor(tb ? [n, k] : [k, n], seed + 1);
        const opts = { transposeA: ta, transposeB: tb, bias: useBias ? randomTensor([n], seed + 2, -3, 8) : undefined, activation };
        const want = onBackend('reference', () => matMul(a, b, opts));
        expectClose(on(() => matMul(a, b, opts)), want, 1e-4, JSON.stringify({ m, k, n, ta, tb }));
      }), { seed: 9, numRuns: 40 });
    });
  });
}

describe.skipIf(wasmUnavailableReason() !== null)('gemmWasm', () => {
  it('equals a float64 triple loop within 1e-4 relative on deep K (unroll + tail) and row blocks', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 700 }), fc.integer({ min: 1, max: 20 }), fc.nat(), (m, k, n, seed) => {
      const a = randomTensor([m, k], seed).data, b = randomTensor([k, n], seed + 1).data, bias = randomTensor([n], seed + 2).data;
      const c = new Float32Array(m * n);
      expect(gemmWasm(b, k, n, false, false, bias, m, (heap, base, r0, r1) => heap.set(a.subarray(r0 * k, r1 * k), base), c)).toBe(true);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let s = bias[j];
          for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
          const err = Math.abs(c[i * n + j] - s);
          if (!(err <= 1e-4 * Math.max(1, Math.abs(s)))) throw new Error(`m${m} k${k} n${n} [${i},${j}]: got ${c[i * n + j]}, want ${s}`);
        }
    }), { seed: 10, numRuns: 15 });
  });

  it('returns false when the wasm kernels are switched off (the caller falls back)', () => {
    const before = wasmKernelsEnabled();
    setWasmKernelsEnabled(false);
    try {
      expect(gemmWasm(new Float32Array(4), 2, 2, false, false, null, 2, () => undefined, new Float32Array(4))).toBe(false);
      expect(wasmUnavailableReason()).toMatch(/disabled/);
    } finally { setWasmKernelsEnabled(before); }
  });
});
