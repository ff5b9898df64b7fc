/**
 * The runtime-neutral parts of the browser entry, checked under Node: ImageData conversion
 * (property tests), byte validation of browserImage, the backend switch and the pipeline's
 * refusals. The real-browser path is test/browser/demo.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { browserImage, imageFromImageData } from '../../src/browser/decode.js';
import { useBackend, type DemoBackend } from '../../src/browser/backend-choice.js';
import { loadPipelineModels, runPipeline } from '../../src/browser/pipeline.js';
import { FacetsError } from '../../src/core/errors.js';
import { getBackend, setBackend } from '../../src/nn/backend.js';
import { maxAbsDiff, maxRelDiff } from './compare.js';

/** A structural ImageData: Node 20 has no DOM, and imageFromImageData only reads these fields. */
function imageData(width: number, height: number, data: Uint8ClampedArray): ImageData {
  return { width, height, data, colorSpace: 'srgb' } as ImageData;
}

const rgba = fc.record({ w: fc.integer({ min: 1, max: 9 }), h: fc.integer({ min: 1, max: 9 }) }).chain(({ w, h }) =>
  fc.record({ w: fc.constant(w), h: fc.constant(h), px: fc.uint8Array({ minLength: w * h * 4, maxLength: w * h * 4 }), opaque: fc.boolean() }));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try { await p; return 'resolved'; } catch (e) { return e instanceof FacetsError ? e.code : `not a FacetsError: ${String(e)}`; }
}

describe('imageFromImageData', () => {
  it('keeps RGB of opaque pixels (channels 3) and copies RGBA exactly otherwise', () => {
    fc.assert(fc.property(rgba, ({ w, h, px, opaque }) => {
      const data = new Uint8ClampedArray(px);
      if (opaque) for (let i = 3; i < data.length; i += 4) data[i] = 255;
      const img = imageFromImageData(imageData(w, h, data));
      const anyTranslucent = data.some((v, i) => i % 4 === 3 && v !== 255);
      expect([img.width, img.height, img.channels]).toEqual([w, h, anyTranslucent ? 4 : 3]);
      for (let p = 0; p < w * h; p++) {
        for (let c = 0; c < img.channels; c++) expect(img.data[p * img.channels + c]).toBe(data[p * 4 + c]);
      }
      expect(img.data.buffer).not.toBe(data.buffer);
    }), { seed: 42, numRuns: 200 });
  });

  it('turns a 1x1 opaque red pixel into RGB 255,0,0', () => {
    expect(Array.from(imageFromImageData(imageData(1, 1, new Uint8ClampedArray([255, 0, 0, 255]))).data)).toEqual([255, 0, 0]);
  });
});

describe('browserImage', () => {
  it('names WebP, unknown bytes and oversized input before touching the platform', async () => {
    const webp = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0, 0]);
    expect(await codeOf(browserImage(webp))).toBe('E_DECODE');
    expect(await codeOf(browserImage(new Uint8Array([1, 2, 3])))).toBe('E_DECODE');
    const png = new Uint8Array(64);
    png.set([0x89, 0x50, 0x4e, 0x47]);
    expect(await codeOf(browserImage(png, { maxBytes: 10 }))).toBe('E_TOO_LARGE');
  });

  it('refuses an ImageData over the pixel cap', async () => {
    expect(await codeOf(browserImage(imageData(4, 4, new Uint8ClampedArray(64)), { maxPixels: 15 }))).toBe('E_TOO_LARGE');
  });

  it('says E_UNSUPPORTED where there is no createImageBitmap (Node)', async () => {
    const png = new Uint8Array(64);
    png.set([0x89, 0x50, 0x4e, 0x47]);
    expect(typeof (globalThis as { createImageBitmap?: unknown }).createImageBitmap).toBe('undefined');
    expect(await codeOf(browserImage(png))).toBe('E_UNSUPPORTED');
  });
});

describe('useBackend', () => {
  it('switches to cpu and reference, refuses gpujs-webgpu (async kernels) and unknown names', () => {
    expect(useBackend('reference')).toBe('reference');
    expect(getBackend()).toBe('reference');
    expect(useBackend('cpu')).toBe('cpu');
    expect(getBackend()).toBe('cpu');
    expect(() => useBackend('gpujs-webgpu')).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED' }));
    expect(() => useBackend('metal' as DemoBackend)).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
  });
});

describe('runPipeline', () => {
  it('reports E_NO_FACE on a flat grey picture and E_BAD_ARGUMENT on a one-channel image', async () => {
    setBackend('reference');
    const models = await loadPipelineModels();
    const flat = { width: 64, height: 64, channels: 3 as const, data: new Uint8ClampedArray(64 * 64 * 3).fill(128) };
    expect(await codeOf(runPipeline(flat, models, { inputSize: 64 }))).toBe('E_NO_FACE');
    const grey = { width: 8, height: 8, channels: 1 as const, data: new Uint8ClampedArray(64) };
    expect(await codeOf(runPipeline(grey, models))).toBe('E_BAD_ARGUMENT');
  });
});

describe('maxAbsDiff / maxRelDiff', () => {
  it('are 0 on equal arrays, Infinity on a length mismatch, and bound every component', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), (a, eps) => {
      const b = a.map((v) => v + eps);
      expect(maxAbsDiff(a, a)).toBe(0);
      expect(maxRelDiff(a, a)).toBe(0);
      expect(maxAbsDiff(a, b)).toBeCloseTo(eps, 9);
      expect(maxAbsDiff(a, [...a, 1])).toBe(Infinity);
      expect(maxRelDiff(a, [])).toBe(Infinity);
    }), { seed: 42, numRuns: 100 });
  });
});
