/**
 * One test per documented cap and per error code a user can hit from untrusted images (the
 * decode caps, E_DECODE, E_BAD_ARGUMENT). Models: limits-models.test.ts; galleries, faces,
 * thresholds, embeddings: limits-tasks.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createImage, decodeImage, DEFAULT_DECODE_LIMITS, resize, toGray } from '../../src/image/index.js';
import { detectFaces } from '../../src/tasks/detect.js';
import { codeOf, jpegClaiming, pngHeader, sharedBytes } from './helpers.js';

const FER_JPEG = sharedBytes('data/fer2013/test/happy/PublicTest_10130075.jpg');

describe('image decoding caps (DEFAULT_DECODE_LIMITS)', () => {
  it('documents its defaults: 100 MP, 65,535 px per side, 256 MiB, 1,024 MiB for jpeg-js', () => {
    expect(DEFAULT_DECODE_LIMITS).toEqual({ maxPixels: 100_000_000, maxDimension: 65_535, maxBytes: 256 * 1024 * 1024, maxMemoryMB: 1024 });
  });

  it('maxBytes: an input one byte over the default cap is E_TOO_LARGE before parsing', async () => {
    // calloc'd zero pages: virtual memory only, nothing is touched before the size check.
    const big = new Uint8Array(DEFAULT_DECODE_LIMITS.maxBytes + 1);
    expect(await codeOf(() => decodeImage(big))).toBe('E_TOO_LARGE');
    expect(await codeOf(() => decodeImage(FER_JPEG, { limits: { maxBytes: FER_JPEG.length - 1 } }))).toBe('E_TOO_LARGE');
  });

  it('maxPixels: a PNG header claiming 10,001 x 10,000 is E_TOO_LARGE', async () => {
    expect(await codeOf(() => decodeImage(pngHeader(10_001, 10_000)))).toBe('E_TOO_LARGE');
    expect(await codeOf(() => decodeImage(pngHeader(10_000, 10_000), { limits: { maxPixels: 99_999_999 } }))).toBe('E_TOO_LARGE');
  });

  it('maxDimension: a PNG header 65,536 px wide (and 1 high) is E_TOO_LARGE', async () => {
    expect(await codeOf(() => decodeImage(pngHeader(65_536, 1)))).toBe('E_TOO_LARGE');
  });

  it('maxPixels / maxDimension: a real JPEG whose SOF claims 65,535 x 65,535 is E_TOO_LARGE', async () => {
    expect(await codeOf(() => decodeImage(jpegClaiming(FER_JPEG, 65_535, 65_535)))).toBe('E_TOO_LARGE');
    expect(await codeOf(() => decodeImage(FER_JPEG, { limits: { maxPixels: 48 * 48 - 1 } }))).toBe('E_TOO_LARGE');
  });

  it("maxMemoryMB: jpeg-js's own memory cap is reported as E_TOO_LARGE", async () => {
    const photo = sharedBytes('data/deepface-images/img12.jpg');
    expect(await codeOf(() => decodeImage(photo, { limits: { maxMemoryMB: 0.01 } }))).toBe('E_TOO_LARGE');
  });

  it('E_DECODE: truncated PNG and JPEG, random bytes, and a WebP named as such', async () => {
    const png = sharedBytes('fixtures/opencv-image/fer-happy.input.png');
    expect(await codeOf(() => decodeImage(png.subarray(0, png.length >> 1)))).toBe('E_DECODE');
    expect(await codeOf(() => decodeImage(FER_JPEG.subarray(0, FER_JPEG.length - 100)))).toBe('E_DECODE');
    expect(await codeOf(() => decodeImage(Uint8Array.from({ length: 64 }, (_, i) => (i * 37) & 255)))).toBe('E_DECODE');
    const webp = sharedBytes('data/deepface-images/img47.jpg');
    await expect(async () => decodeImage(webp)).rejects.toMatchObject({ code: 'E_DECODE', message: expect.stringMatching(/WEBP/) });
  });
});

describe('image arguments', () => {
  it('E_BAD_ARGUMENT: wrong channel counts, empty images, bad sizes, non-byte input', async () => {
    const two = { width: 2, height: 2, channels: 2, data: new Uint8ClampedArray(8) };
    expect(await codeOf(() => toGray(two as never))).toBe('E_BAD_ARGUMENT');
    // An empty image is a valid value; what needs pixels refuses it.
    expect(await codeOf(() => resize(createImage(0, 5, 3), 2, 2))).toBe('E_BAD_ARGUMENT');
    expect(await codeOf(() => detectFaces(createImage(0, 0, 3), { detector: 'lbp-cascade' }))).toBe('E_BAD_ARGUMENT');
    expect(await codeOf(() => createImage(-1, 5, 3))).toBe('E_BAD_ARGUMENT');
    expect(await codeOf(() => toGray({ width: 4, height: 4, channels: 3, data: new Uint8ClampedArray(47) }))).toBe('E_BAD_ARGUMENT');
    expect(await codeOf(() => resize(createImage(4, 4, 3), -3, 2))).toBe('E_BAD_ARGUMENT');
    expect(await codeOf(() => decodeImage([1, 2, 3] as never))).toBe('E_BAD_ARGUMENT');
  });
});
