/**
 * The wasm SIMD max-pooling kernel (src/nn/kernels/wasm/pool-wasm.ts) against the reference
 * pooling, bit for bit (same comparisons, no arithmetic), on random shapes with odd sizes and
 * channel tails, strides, windows and paddings, and inputs salted with NaN, +-0 and +-Infinity;
 * and split over 2 threads against one thread, bit for bit.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxPool } from '../../src/nn/ops/index.js';
import { computeConvInfo } from '../../src/nn/ops/conv-info.js';
import { poolRef } from '../../src/nn/ops/pool/pool.ref.js';
import { maxPoolWasm } from '../../src/nn/kernels/wasm/pool-wasm.js';
import { wasmUnavailableReason } from '../../src/nn/kernels/wasm/runtime.js';
import { setCpuThreads } from '../../src/nn/kernels/threads/node.js';
import { bitsOf, unsplitThenSplit } from './split-helpers.js';
import { make, type Tensor } from '../../src/nn/tensor.js';
import { dimArb, onBackend, padArb, randomTensor } from './ops/helpers.js';

const why = wasmUnavailableReason();
if (why) console.warn(`skipping the wasm max-pool suite: ${why}`);

const SPECIAL = [Number.NaN, 0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-45, -3.4e38];

const geometry = fc.record({
  batch: fc.integer({ min: 1, max: 2 }), h: dimArb(13), w: dimArb(13), c: dimArb(19),
  fh: dimArb(4), fw: dimArb(4), sh: fc.integer({ min: 1, max: 3 }), sw: fc.integer({ min: 1, max: 3 }),
  pad: padArb, specials: fc.constantFrom(0, 0.1, 0.5), seed: fc.nat(),
});
type Geometry = typeof geometry extends fc.Arbitrary<infer T> ? T : never;

/** The input and pooling geometry of a case, or null when maxPool rejects it (window in the padding, too small an image). */
function caseOf(g: Geometry): { x: Tensor; info: ReturnType<typeof computeConvInfo> } | null {
  const x = randomTensor([g.batch, g.h, g.w, g.c], g.seed, -4, 4);
  let s = g.seed;
  for (let k = 0; k < Math.ceil(g.specials * x.data.length); k++) {
    s = (Math.imul(s, 48271) + 11) >>> 0;
    x.data[s % x.data.length] = SPECIAL[(s >>> 8) % SPECIAL.length];
  }
  const opts = { filterSize: [g.fh, g.fw] as const, strides: [g.sh, g.sw] as const, pad: g.pad };
  try {
    onBackend('reference', () => maxPool(x, opts));
  } catch {
    return null;
  }
  const info = computeConvInfo(x.shape, { filterH: g.fh, filterW: g.fw, strides: [g.sh, g.sw], dilations: 1, pad: g.pad }, g.c, 't');
  return { x, info };
}

const sameValues = (a: Float32Array, b: Float32Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]) || (Number.isNaN(v) && Number.isNaN(b[i])));

describe.skipIf(why !== null)('maxPoolWasm', () => {
  it('equals the reference max pooling bit for bit (NaN propagates, the first of +-0 stays) on random geometries', () => {
    let ran = 0;
    fc.assert(fc.property(geometry, (g) => {
      const c = caseOf(g);
      if (c === null) return;
      const out = make([g.batch, c.info.outH, c.info.outW, g.c]);
      expect(maxPoolWasm(c.x.data, c.info, out.data)).toBe(true);
      const want = poolRef(c.x, c.info, 'max');
      expect(sameValues(out.data, want.data), JSON.stringify(g)).toBe(true);
      ran++;
    }), { seed: 12, numRuns: 200 });
    expect(ran).toBeGreaterThan(100);
  });

  it('is the cpu backend maxPool and keeps the sign of the first zero of a window', () => {
    const x: Tensor = { shape: [1, 1, 2, 4], data: Float32Array.from([-0, 0, Number.NaN, 1, 0, -0, 5, Number.NaN]) };
    const got = onBackend('cpu', () => maxPool(x, { filterSize: [1, 2], strides: 1 }));
    expect(Array.from(got.data).map((v) => (Object.is(v, -0) ? '-0' : String(v)))).toEqual(['-0', '0', 'NaN', 'NaN']);
  });
});

describe.skipIf(why !== null)('maxPoolWasm over 2 threads', () => {
  beforeAll(async () => { await setCpuThreads(2); });
  afterAll(async () => { await setCpuThreads(1); });

  it('writes the same bits split by output rows as in one call', () => {
    fc.assert(fc.property(geometry, (g) => {
      const c = caseOf(g);
      if (c === null) return;
      const [one, two] = unsplitThenSplit(() => {
        const o = make([g.batch, c.info.outH, c.info.outW, g.c]);
        maxPoolWasm(c.x.data, c.info, o.data);
        return o;
      });
      expect(bitsOf(two.data)).toEqual(bitsOf(one.data));
    }), { seed: 13, numRuns: 80 });
  });
});
