import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../../../src/nn/ops/index.js';
import { BINARY_OPS, UNARY_OPS } from '../../../src/nn/ops/names.js';
import { isFacetsError } from '../../../src/core/errors.js';
import { tensor, type Tensor } from '../../../src/nn/tensor.js';
import { FAST_BACKENDS, dimArb, expectClose, onBackend, randomTensor, selectMode, unavailableEntry } from './helpers.js';

const unaryFns = {
  relu: ops.relu, relu6: ops.relu6, leakyrelu: (x: Tensor) => ops.leakyRelu(x, 0.3), tanh: ops.tanh, sigmoid: ops.sigmoid,
  abs: ops.abs, square: ops.square, sqrt: ops.sqrt, rsqrt: ops.rsqrt, exp: ops.exp, neg: ops.neg,
} satisfies Record<(typeof UNARY_OPS)[number], (x: Tensor) => Tensor>;
const binaryFns = {
  add: ops.add, sub: ops.sub, mul: ops.mul, div: ops.div, maximum: ops.maximum, minimum: ops.minimum,
  squaredDifference: ops.squaredDifference, prelu: ops.prelu,
} satisfies Record<(typeof BINARY_OPS)[number], (a: Tensor, b: Tensor) => Tensor>;

/** A shape and a second shape broadcastable against it (dims dropped from the front or set to 1). */
const broadcastPair = fc.tuple(fc.array(dimArb(5), { minLength: 0, maxLength: 4 }), fc.nat(), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.boolean())
  .map(([shape, drop, ones, swap]) => {
    const other = shape.slice(Math.min(drop % (shape.length + 1), shape.length)).map((d, i) => (ones[i] ? 1 : d));
    return swap ? [other, shape] : [shape, other];
  });

for (const entry of FAST_BACKENDS) {
  const { name, numRuns, label } = entry;
  const why = unavailableEntry(entry);
  if (why) console.warn(`skipping ${label} element-wise tests: ${why}`);
  describe.skipIf(why !== null)(`element-wise ops on the ${label} backend`, () => {
    beforeAll(() => selectMode(entry));
    it('every unary op equals the reference within 1e-4 relative', () => {
      fc.assert(fc.property(fc.constantFrom(...UNARY_OPS), fc.array(dimArb(6), { maxLength: 4 }), fc.nat(), (op, shape, seed) => {
        const lo = op === 'sqrt' || op === 'rsqrt' ? 0.01 : -4;
        const x = randomTensor(shape, seed, lo, 8);
        expectClose(onBackend(name, () => unaryFns[op](x)), onBackend('reference', () => unaryFns[op](x)), 1e-4, op);
      }), { seed: 1, numRuns: numRuns * 2 });
    });

    it('every binary op with NumPy broadcasting equals the reference within 1e-4 relative', () => {
      fc.assert(fc.property(fc.constantFrom(...BINARY_OPS), broadcastPair, fc.nat(), (op, [sa, sb], seed) => {
        const a = randomTensor(sa, seed, -3, 3);
        const b = op === 'div' ? randomTensor(sb, seed + 1, 0.5, 3) : randomTensor(sb, seed + 1, -3, 3);
        expectClose(onBackend(name, () => binaryFns[op](a, b)), onBackend('reference', () => binaryFns[op](a, b)), 1e-4, `${op} [${sa}] [${sb}]`);
      }), { seed: 2, numRuns: numRuns * 2 });
    });
  });
}

describe('element-wise ops (hand-computed)', () => {
  it('broadcast a [2,1] against b [3] to [2,3]', () => {
    const y = ops.add(tensor([10, 20], [2, 1]), tensor([1, 2, 3], [3]));
    expect(y.shape).toEqual([2, 3]);
    expect(Array.from(y.data)).toEqual([11, 12, 13, 21, 22, 23]);
  });
  it('activations at known points', () => {
    const x = tensor([-2, -0.5, 0, 3, 7], [5]);
    expect(Array.from(ops.relu6(x).data)).toEqual([0, 0, 0, 3, 6]);
    expect(Array.from(ops.leakyRelu(x, 0.1).data)).toEqual([-0.2, -0.05, 0, 3, 7].map(Math.fround));
    expect(Array.from(ops.prelu(x, tensor([0.5], [1])).data)).toEqual([-1, -0.25, 0, 3, 7]);
    expect(ops.sigmoid(tensor([0], [1])).data[0]).toBe(0.5);
    expect(Array.from(ops.rsqrt(tensor([4, 0.25], [2])).data)).toEqual([0.5, 2]);
  });
  it('rejects incompatible shapes with E_BAD_ARGUMENT naming the op', () => {
    let err: unknown;
    try { ops.mul(tensor([1, 2, 3], [3]), tensor([1, 2], [2])); } catch (e) { err = e; }
    expect(isFacetsError(err, 'E_BAD_ARGUMENT')).toBe(true);
    expect(String(err)).toMatch(/mul: shapes \[3\] and \[2\]/);
  });
});
