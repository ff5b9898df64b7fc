/** Empty tensors (a zero dim anywhere) flow through every op on every backend without error or NaN. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../../../src/nn/ops/index.js';
import { make, type Tensor } from '../../../src/nn/tensor.js';
import { FAST_BACKENDS, onBackend, selectMode, unavailableEntry } from './helpers.js';

const cases: [string, () => { shape: readonly number[] }, number[]][] = [
  ['conv2d with batch 0', () => ops.conv2d(make([0, 4, 4, 2]), make([3, 3, 2, 5]), { pad: 'same' }), [0, 4, 4, 5]],
  ['conv2d with 0 output channels', () => ops.conv2d(make([1, 4, 4, 2]), make([3, 3, 2, 0]), { pad: 'same' }), [1, 4, 4, 0]],
  ['conv2d whose valid window exceeds the input', () => ops.conv2d(make([1, 2, 2, 1]), make([3, 3, 1, 1])), [1, 0, 0, 1]],
  ['depthwiseConv2d with 0 channels', () => ops.depthwiseConv2d(make([1, 3, 3, 0]), make([3, 3, 0, 1]), { pad: 'same' }), [1, 3, 3, 0]],
  ['matMul with k = 0 gives zeros', () => ops.matMul(make([2, 0]), make([0, 3])), [2, 3]],
  ['add of [0, 3] and [3]', () => ops.add(make([0, 3]), make([3])), [0, 3]],
  ['relu of [0]', () => ops.relu(make([0])), [0]],
  ['softmax of [0, 4]', () => ops.softmax(make([0, 4])), [0, 4]],
  ['sum over an empty axis is 0', () => ops.sum(make([2, 0]), 1), [2]],
  ['concat with an empty piece', () => ops.concat([make([2, 0]), make([2, 3])], 1), [2, 3]],
  ['pad of an empty tensor', () => ops.pad(make([0, 2]), [[1, 1], [0, 0]], 7), [2, 2]],
  ['slice of nothing', () => ops.slice(make([3, 3]), [1, 1], [0, 2]), [0, 2]],
  ['resizeBilinear with batch 0', () => ops.resizeBilinear(make([0, 2, 2, 3]), [4, 4]), [0, 4, 4, 3]],
  ['maxPool with batch 0', () => ops.maxPool(make([0, 4, 4, 1]), { filterSize: 2, strides: 2 }), [0, 2, 2, 1]],
];

for (const entry of [{ label: 'reference', name: 'reference' as const, numRuns: 1 }, ...FAST_BACKENDS]) {
  const why = unavailableEntry(entry);
  if (why) console.warn(`skipping ${entry.label} empty-tensor tests: ${why}`);
  describe.skipIf(why !== null)(`empty tensors on the ${entry.label} backend`, () => {
    beforeAll(() => selectMode(entry));
    for (const [what, f, shape] of cases) {
      it(what, () => {
        const y = onBackend(entry.name, f) as Tensor;
        expect([...y.shape]).toEqual(shape);
        expect(Array.from(y.data).every((v) => v === 0 || v === 7)).toBe(true);
      });
    }
  });
}
