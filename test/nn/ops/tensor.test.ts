import fc from 'fast-check';
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { isFacetsError } from '../../../src/core/errors.js';
import { assertFinite, fromNdarray, imageToTensor, tensor, toNdarray, zeros, stridesOf } from '../../../src/nn/tensor.js';
import { getBackend, setBackend } from '../../../src/nn/backend.js';
import '../../../src/nn/ops/index.js';

function codeOf(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return isFacetsError(e) ? e.code : 'not a FacetsError'; }
  return undefined;
}

describe('Tensor', () => {
  it('round-trips through ndarray, including transposed (non-contiguous) views', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (h, w) => {
      const t = tensor(Array.from({ length: h * w }, (_, i) => i), [h, w]);
      expect(Array.from(fromNdarray(toNdarray(t)).data)).toEqual(Array.from(t.data));
      const tr = fromNdarray(toNdarray(t).transpose(1, 0));
      expect(tr.shape).toEqual([w, h]);
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) expect(tr.data[j * h + i]).toBe(t.data[i * w + j]);
    }), { seed: 42, numRuns: 30 });
    expect(Array.from(fromNdarray(ndarray(new Uint8Array([1, 2, 3]), [3])).data)).toEqual([1, 2, 3]);
  });

  it('imageToTensor keeps RGB, drops alpha and repeats grey', () => {
    const rgba = { width: 2, height: 1, channels: 4 as const, data: new Uint8ClampedArray([1, 2, 3, 4, 5, 6, 7, 8]) };
    const t = imageToTensor(rgba, 3);
    expect(t.shape).toEqual([1, 1, 2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 5, 6, 7]);
    const grey = { width: 1, height: 1, channels: 1 as const, data: new Uint8ClampedArray([9]) };
    expect(Array.from(imageToTensor(grey, 3).data)).toEqual([9, 9, 9]);
    expect(Array.from(imageToTensor(grey).data)).toEqual([9]);
    expect(codeOf(() => imageToTensor({ width: 2, height: 2, channels: 3, data: new Uint8ClampedArray(3) }))).toBe('E_BAD_ARGUMENT');
  });

  it('row-major strides', () => {
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
  });

  it('rejects bad shapes and lengths with E_BAD_ARGUMENT, huge shapes with E_TOO_LARGE', () => {
    expect(codeOf(() => tensor([1, 2, 3], [2, 2]))).toBe('E_BAD_ARGUMENT');
    expect(codeOf(() => zeros([2, -1]))).toBe('E_BAD_ARGUMENT');
    expect(codeOf(() => zeros([1.5]))).toBe('E_BAD_ARGUMENT');
    expect(codeOf(() => zeros([1 << 20, 1 << 20]))).toBe('E_TOO_LARGE');
    expect(codeOf(() => zeros([1, 1, 1, 1, 1, 1, 1, 1, 1]))).toBe('E_BAD_ARGUMENT');
  });

  it('assertFinite throws E_NUMERIC on NaN and Infinity', () => {
    expect(codeOf(() => assertFinite(tensor([1, NaN], [2]), 'test'))).toBe('E_NUMERIC');
    expect(codeOf(() => assertFinite(tensor([Infinity], [1]), 'test'))).toBe('E_NUMERIC');
    expect(codeOf(() => assertFinite(tensor([1, 2], [2]), 'test'))).toBeUndefined();
  });
});

describe('backend registry', () => {
  it("defaults to 'cpu', switches, and rejects unknown names with E_BAD_ARGUMENT", () => {
    expect(getBackend()).toBe('cpu');
    setBackend('reference');
    expect(getBackend()).toBe('reference');
    setBackend('cpu');
    expect(codeOf(() => setBackend('tpu' as 'cpu'))).toBe('E_BAD_ARGUMENT');
  });
});
