import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/nn/ops/index.js';
import { setBackend } from '../../../src/nn/backend.js';
import { imageToTensor, padToSquare, toNetInput } from '../../../src/nn/models/input.js';
import { loadModel } from '../../../src/nn/models/load-model.js';
import { landmark68Tiny } from '../../../src/nn/models/landmark68.js';
import { isFacetsError } from '../../../src/core/errors.js';
import type { Image } from '../../../src/image/image.js';
import { faceApiFixtures, fixtureImage, maxAbsDiff, ROOT, weightsOf } from './fixtures.js';

async function expectCode(p: Promise<unknown> | (() => unknown), code: string): Promise<void> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(isFacetsError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    return;
  }
  throw new Error(`expected a FacetsError ${code}`);
}

const imageArb = fc.record({ w: fc.integer({ min: 1, max: 23 }), h: fc.integer({ min: 1, max: 23 }), channels: fc.constantFrom(1 as const, 3 as const, 4 as const), seed: fc.integer({ min: 0, max: 255 }) })
  .map(({ w, h, channels, seed }): Image => ({ width: w, height: h, channels, data: Uint8ClampedArray.from({ length: w * h * channels }, (_, i) => (i * 29 + seed) & 255) }));

/** face-api.js NetInput.toBatchTensor for a tensor input, written with TF.js ops as the oracle. */
function faceApiBatch(img: Image, size: number, center: boolean): Float32Array {
  return tf.tidy(() => {
    const rgb = imageToTensor(img);
    let x: tf.Tensor4D = tf.tensor4d(rgb.data, [1, img.height, img.width, 3]);
    const diff = Math.abs(img.height - img.width);
    if (diff > 0) {
      const axis = img.height > img.width ? 2 : 1;
      const after = Math.round(diff * (center ? 0.5 : 1));
      const shape = (n: number) => x.shape.map((d, i) => (i === axis ? n : d)) as [number, number, number, number];
      const parts = [...(center && diff - after > 0 ? [tf.zeros(shape(diff - after))] : []), x, tf.zeros(shape(after))];
      x = tf.concat(parts, axis) as tf.Tensor4D;
    }
    if (x.shape[1] !== size) x = tf.image.resizeBilinear(x, [size, size], false, false);
    return x.dataSync() as Float32Array;
  });
}

describe('net input preparation', () => {
  it('toNetInput equals face-api.js toBatchTensor (pad to square + TF.js resizeBilinear) within 1e-4 (seeded)', () => {
    setBackend('reference');
    fc.assert(
      fc.property(imageArb, fc.boolean(), fc.integer({ min: 1, max: 30 }), (img, center, size) => {
        const ours = toNetInput(img, size, center, 'test');
        expect(ours.shape).toEqual([1, size, size, 3]);
        expect(maxAbsDiff(ours.data, faceApiBatch(img, size, center))).toBeLessThan(1e-4);
      }),
      { seed: 42, numRuns: 80 },
    );
  });

  it('padToSquare keeps every pixel and zero-fills the rest (seeded)', () => {
    fc.assert(
      fc.property(imageArb, fc.boolean(), (img, center) => {
        const x = imageToTensor(img);
        const sq = padToSquare(x, center);
        const s = Math.max(img.width, img.height);
        expect(sq.shape).toEqual([1, s, s, 3]);
        const diff = s - Math.min(img.width, img.height);
        const before = center ? diff - Math.round(diff / 2) : 0;
        const [top, left] = img.height < img.width ? [before, 0] : [0, before];
        let inside = 0, wrong = 0;
        for (let y = 0; y < s; y++) for (let xx = 0; xx < s; xx++) for (let c = 0; c < 3; c++) {
          const v = sq.data[(y * s + xx) * 3 + c];
          const iy = y - top, ix = xx - left;
          const isInside = iy >= 0 && iy < img.height && ix >= 0 && ix < img.width;
          if (isInside) inside++;
          if (v !== (isInside ? x.data[(iy * img.width + ix) * 3 + c] : 0)) wrong++;
        }
        expect(wrong).toBe(0);
        expect(inside).toBe(img.width * img.height * 3);
      }),
      { seed: 42, numRuns: 80 },
    );
  });

  it('imageToTensor replicates grey and drops alpha', () => {
    const grey: Image = { width: 2, height: 1, channels: 1, data: Uint8ClampedArray.from([7, 200]) };
    expect(Array.from(imageToTensor(grey).data)).toEqual([7, 7, 7, 200, 200, 200]);
    const rgba: Image = { width: 1, height: 1, channels: 4, data: Uint8ClampedArray.from([1, 2, 3, 4]) };
    expect(Array.from(imageToTensor(rgba).data)).toEqual([1, 2, 3]);
  });

  it('rejects bad inputs with E_BAD_ARGUMENT', async () => {
    await expectCode(() => toNetInput({ shape: [2, 5, 5, 3], data: new Float32Array(150) }, 8, true, 't'), 'E_BAD_ARGUMENT');
    await expectCode(() => toNetInput({ shape: [5, 5, 1], data: new Float32Array(25) }, 8, true, 't'), 'E_BAD_ARGUMENT');
    await expectCode(() => toNetInput({ shape: [0, 5, 3], data: new Float32Array(0) }, 8, true, 't'), 'E_BAD_ARGUMENT');
    await expectCode(() => toNetInput({ width: 2, height: 2, channels: 3, data: new Uint8ClampedArray(5) }, 8, true, 't'), 'E_BAD_ARGUMENT');
    await expectCode(() => toNetInput({ shape: [2, 2, 3], data: Float32Array.from([1, 2, 3, 4, NaN, 6, 7, 8, 9, 10, 11, 12]) }, 8, true, 't'), 'E_BAD_ARGUMENT');
  });

  it('a model whose output would hold NaN fails with E_NUMERIC instead of returning it', async () => {
    setBackend('cpu');
    const w = weightsOf('landmark68-tiny');
    const bias = w.get('fc/bias')!;
    w.set('fc/bias', { ...bias, data: Float32Array.from(bias.data, (v, i) => (i === 5 ? NaN : v)) });
    const c = faceApiFixtures().face_landmark_68_tiny[0];
    await expectCode(landmark68Tiny(w).run(await fixtureImage(c.input)), 'E_NUMERIC');
  });
});

describe('loadModel', () => {
  it('loads landmark68-tiny from weights/ and gives the same output as building it directly', async () => {
    setBackend('cpu');
    const c = faceApiFixtures().face_landmark_68_tiny[0];
    const img = await fixtureImage(c.input);
    const loaded = await loadModel('landmark68-tiny');
    expect(loaded.name).toBe('landmark68-tiny');
    expect(loaded.inputSize).toBe(112);
    const a = await loaded.run(img);
    const b = await landmark68Tiny(weightsOf('landmark68-tiny')).run(img);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(maxAbsDiff(a.data, c.landmarks136)).toBeLessThan(1e-4);
  });

  it('rejects an unknown model name with E_BAD_ARGUMENT', async () => {
    await expectCode(loadModel('nope' as 'dlib-resnet'), 'E_BAD_ARGUMENT');
  });

  it('fails with E_IO for a missing folder and E_BAD_WEIGHTS for a truncated or corrupt binary', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'facets-weights-'));
    try {
      await expectCode(loadModel('landmark68-tiny', { dir }), 'E_IO');
      const header = readFileSync(path.join(ROOT, 'weights/landmark68-tiny.json'));
      const bin = readFileSync(path.join(ROOT, 'weights/landmark68-tiny.bin'));
      writeFileSync(path.join(dir, 'landmark68-tiny.json'), header);
      writeFileSync(path.join(dir, 'landmark68-tiny.bin'), bin.subarray(0, bin.length - 100));
      await expectCode(loadModel('landmark68-tiny', { dir }), 'E_BAD_WEIGHTS');
      const corrupt = Buffer.from(bin);
      corrupt[1000] ^= 0xff;
      writeFileSync(path.join(dir, 'landmark68-tiny.bin'), corrupt);
      await expectCode(loadModel('landmark68-tiny', { dir }), 'E_BAD_WEIGHTS');
      writeFileSync(path.join(dir, 'landmark68-tiny.json'), '{not json');
      await expectCode(loadModel('landmark68-tiny', { dir }), 'E_BAD_WEIGHTS');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads through a custom readFile (e.g. a bundler or fetch)', async () => {
    const seen: string[] = [];
    const model = await loadModel('landmark68-tiny', {
      dir: 'https://example.invalid/weights/',
      readFile: async (url) => {
        seen.push(url.href);
        return new Uint8Array(readFileSync(path.join(ROOT, 'weights', path.basename(url.pathname))));
      },
    });
    expect(model.inputSize).toBe(112);
    expect(seen).toEqual(['https://example.invalid/weights/landmark68-tiny.json', 'https://example.invalid/weights/landmark68-tiny.bin']);
  });
});
