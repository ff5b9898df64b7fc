/**
 * Regression (fuzz case `scripts/fuzz.ts --parsers jpeg --seed 1 --only-case 12772`): a 1,031-byte
 * JPEG whose frame header claimed 65,535 x 1,056 made jpeg-js allocate and fill the whole frame
 * (11 s of CPU, 2 GB) before failing. decodeImage now refuses scan data shorter than one bit per
 * 8x8 block (decode-jpeg-size.ts) before decoding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jpegScanBytes } from '../../src/image/decode-jpeg-size.js';
import { decodeImage, encodeJpeg, type Image } from '../../src/image/index.js';
import { codeOf, jpegClaiming, sharedBytes } from './helpers.js';

const FER_JPEG = sharedBytes('data/fer2013/test/happy/PublicTest_10130075.jpg');

function noise(w: number, h: number, channels: 1 | 3, seed: number): Image {
  let s = seed >>> 0 || 1;
  const data = Uint8ClampedArray.from({ length: w * h * channels }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24));
  return { width: w, height: h, channels, data };
}

describe('decodeImage on JPEGs too short for the size they claim', () => {
  it('a 1.4 KB real JPEG claiming 65,535 x 1,056 is E_DECODE before decoding', async () => {
    const claim = jpegClaiming(FER_JPEG, 65_535, 1_056);
    expect(jpegScanBytes(claim).need).toBeGreaterThan(claim.length);
    expect(await codeOf(() => decodeImage(claim))).toBe('E_DECODE');
  });

  it('never refuses a real encoder output; refuses the same file claiming a 256x larger side', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 32 }), fc.integer({ min: 1, max: 32 }), fc.constantFrom<1 | 3>(1, 3), fc.integer({ min: 1, max: 100 }), fc.nat(),
      (w, h, channels, quality, seed) => {
        const bytes = encodeJpeg(noise(w, h, channels, seed), quality);
        const { need, have } = jpegScanBytes(bytes);
        // One bit per block is a lower bound for any Huffman JPEG, however well it compresses.
        expect(need).toBeLessThanOrEqual(have);
        const img = decodeImage(bytes);
        expect([img.width, img.height]).toEqual([w, h]);
        // A claimed size within the pixel caps (<= 48 MP), so only the length check can refuse it.
        const big = jpegClaiming(bytes, Math.min(w * 256, 8000), Math.min(h * 256, 6000));
        if (jpegScanBytes(big).need > big.length) expect(() => decodeImage(big)).toThrow(expect.objectContaining({ code: 'E_DECODE' }));
      },
    ), { seed: 42, numRuns: 40 });
  });
});
