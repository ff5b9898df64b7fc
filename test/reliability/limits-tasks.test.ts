/**
 * Caps and error codes of the task layer: gallery files, MAX_FACES, E_NO_FACE, validated
 * thresholds and E_NUMERIC for non-finite or degenerate embeddings.
 */
import { describe, expect, it } from 'vitest';
import { createImage } from '../../src/image/index.js';
import { detectFaces, MAX_FACES } from '../../src/tasks/detect.js';
import { Gallery } from '../../src/tasks/gallery.js';
import { DEFAULT_GALLERY_LIMITS, encodeGallery } from '../../src/tasks/gallery-format.js';
import { cosineDistance, euclideanL2Distance } from '../../src/tasks/metrics.js';
import { represent } from '../../src/tasks/represent.js';
import { verify } from '../../src/tasks/verify.js';
import { codeOf } from './helpers.js';

describe('gallery file caps (DEFAULT_GALLERY_LIMITS)', () => {
  const data = { model: 'dlib-resnet', metric: 'euclidean', dims: 4, ids: ['a', 'b'], vectors: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
  const bytes = encodeGallery(data);

  it('documents its defaults: 2 GiB files, 65,536 dimensions', () => {
    expect(DEFAULT_GALLERY_LIMITS).toEqual({ maxBytes: 2 ** 31, maxDims: 65_536 });
  });

  it('maxBytes: a file over the cap is E_TOO_LARGE before it is read', async () => {
    expect(Gallery.deserialize(bytes).size).toBe(2);
    expect(await codeOf(() => Gallery.deserialize(bytes, { maxBytes: bytes.length - 1 }))).toBe('E_TOO_LARGE');
  });

  it('maxDims: 65,537 dimensions is E_BAD_MODEL', async () => {
    expect(await codeOf(() => Gallery.deserialize(encodeGallery({ ...data, dims: 65_537, ids: [], vectors: new Float32Array(0) })))).toBe('E_BAD_MODEL');
  });

  it('a torn file fails its CRC (E_BAD_MODEL); another version is E_UNSUPPORTED; a NaN vector is E_NUMERIC', async () => {
    const torn = bytes.slice();
    torn[20] ^= 1;
    expect(await codeOf(() => Gallery.deserialize(torn))).toBe('E_BAD_MODEL');
    const v2 = bytes.slice();
    v2[4] = 2;
    expect(await codeOf(() => Gallery.deserialize(v2))).toBe('E_UNSUPPORTED');
    expect(await codeOf(() => Gallery.deserialize(encodeGallery({ ...data, vectors: Float32Array.from([1, 2, NaN, 4, 5, 6, 7, 8]) })))).toBe('E_NUMERIC');
  });
});

describe('faces, thresholds and embeddings', () => {
  const blank = createImage(64, 64, 3);

  it(`MAX_FACES (${MAX_FACES}): maxFaces past it is E_BAD_ARGUMENT`, async () => {
    expect(MAX_FACES).toBe(256);
    expect(await detectFaces(blank, { detector: 'none', maxFaces: MAX_FACES })).toHaveLength(1);
    expect(await codeOf(() => detectFaces(blank, { detector: 'none', maxFaces: MAX_FACES + 1 }))).toBe('E_BAD_ARGUMENT');
  });

  it('E_NO_FACE: represent and verify of a blank image with a detector, unless enforceDetection is false', async () => {
    const opts = { model: 'lbph' as const, detector: 'lbp-cascade' as const };
    expect(await codeOf(() => represent(blank, opts))).toBe('E_NO_FACE');
    expect(await codeOf(() => verify(blank, blank, opts))).toBe('E_NO_FACE');
    expect(await represent(blank, { ...opts, enforceDetection: false })).toHaveLength(1);
  });

  it('thresholds are validated: NaN and Infinity are E_BAD_ARGUMENT', async () => {
    const opts = { model: 'lbph' as const, detector: 'none' as const };
    expect(await codeOf(() => verify(blank, blank, { ...opts, threshold: NaN }))).toBe('E_BAD_ARGUMENT');
    expect(await codeOf(() => verify(blank, blank, { ...opts, threshold: Infinity }))).toBe('E_BAD_ARGUMENT');
  });

  it('E_NUMERIC: zero vectors in cosine / L2-normalised distances, NaN embeddings into and queries of a Gallery', async () => {
    expect(await codeOf(() => cosineDistance([0, 0], [1, 0]))).toBe('E_NUMERIC');
    expect(await codeOf(() => euclideanL2Distance([1, 0], [0, 0]))).toBe('E_NUMERIC');
    const g = new Gallery({ model: 'dlib-resnet', metric: 'euclidean' });
    g.addEmbedding('a', [1, 2, 3]);
    expect(await codeOf(() => g.addEmbedding('b', [1, NaN, 3]))).toBe('E_NUMERIC');
    expect(await codeOf(() => g.addEmbedding('b', [1, Infinity, 3]))).toBe('E_NUMERIC');
    expect(await codeOf(() => g.nearest([1, NaN, 3]))).toBe('E_NUMERIC');
  });
});
