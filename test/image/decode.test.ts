import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FacetsError } from '../../src/core/errors.js';
import { decodeImage, encodeJpeg, encodePng, readImage, toGray, type Image } from '../../src/image/index.js';
import { readShared, sharedPath } from '../helpers/shared.js';

const LFW_JPEG = readShared('data/lfw/lfw-deepfunneled/Aaron_Sorkin/Aaron_Sorkin_0001.jpg');
const FER_JPEG = readShared('data/fer2013/test/happy/PublicTest_10130075.jpg');
const PROGRESSIVE_JPEG = readShared('data/deepface-images/img12.jpg');
const PNG_RGB = readShared('fixtures/opencv-image/fer-happy.input.png');

/** Runs `f`, expecting a FacetsError with `code` within `ms` milliseconds. */
function expectFacetsError(f: () => unknown, code?: string, ms = 1000): FacetsError {
  const t0 = performance.now();
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  const dt = performance.now() - t0;
  expect(err, 'expected a FacetsError').toBeInstanceOf(FacetsError);
  if (code) expect((err as FacetsError).code).toBe(code);
  expect(dt).toBeLessThan(ms);
  return err as FacetsError;
}

describe('decodeImage on real files', () => {
  it('decodes a baseline colour JPEG to RGB', () => {
    const img = decodeImage(LFW_JPEG);
    expect([img.width, img.height, img.channels]).toEqual([250, 250, 3]);
  });

  it('decodes a greyscale JPEG to one channel', () => {
    const img = decodeImage(FER_JPEG);
    expect([img.width, img.height, img.channels]).toEqual([48, 48, 1]);
  });

  it('decodes a progressive JPEG', () => {
    const img = decodeImage(PROGRESSIVE_JPEG);
    expect(img.channels).toBe(3);
    expect(img.width * img.height).toBeGreaterThan(0);
  });

  it('stays close to libjpeg-turbo (OpenCV) on an LFW image: mean |diff| < 1.5, max <= 16 levels', () => {
    // jpeg-js and libjpeg-turbo differ in IDCT and chroma upsampling; measured 0.73 mean, 12 max.
    const ours = decodeImage(LFW_JPEG);
    const cv = decodeImage(readShared('fixtures/opencv-image/lfw-aaron-sorkin.jpeg-decoded-by-opencv.png'));
    let sum = 0;
    let max = 0;
    for (let i = 0; i < ours.data.length; i++) {
      const d = Math.abs(ours.data[i]! - cv.data[i]!);
      sum += d;
      max = Math.max(max, d);
    }
    expect(sum / ours.data.length).toBeLessThan(1.5);
    expect(max).toBeLessThanOrEqual(16);
  });

  it('says clearly that a WebP file is not supported (img47.jpg is really WebP)', () => {
    const e = expectFacetsError(() => decodeImage(readShared('data/deepface-images/img47.jpg')), 'E_DECODE');
    expect(e.message).toMatch(/WEBP/);
  });

  it('readImage reads a path and reports a missing file as E_IO', async () => {
    const img = await readImage(sharedPath('data/lfw/lfw-deepfunneled/Aaron_Sorkin/Aaron_Sorkin_0001.jpg'));
    expect(img.width).toBe(250);
    await expect(readImage(sharedPath('no/such/file.png'))).rejects.toMatchObject({ code: 'E_IO' });
  });
});

describe('EXIF orientation', () => {
  /** Inserts an APP1 Exif segment with the orientation tag right after SOI. */
  function withOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
    const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
    const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
    const seg = [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 255, ...body];
    return Uint8Array.from([...jpeg.subarray(0, 2), ...seg, ...jpeg.subarray(2)]);
  }
  // A 32x16 image, left half dark and right half bright, survives JPEG well enough to check.
  const src: Image = { width: 32, height: 16, channels: 1, data: new Uint8ClampedArray(32 * 16) };
  for (let y = 0; y < 16; y++) for (let x = 0; x < 32; x++) src.data[y * 32 + x] = x < 16 ? 20 : 230;
  const jpeg = encodeJpeg(src, 95);

  it.each([
    [1, 32, 16, 'right'], [3, 32, 16, 'left'], [6, 16, 32, 'bottom'], [8, 16, 32, 'top'],
  ] as const)('orientation %i gives a %ix%i image bright at the %s', (o, w, h, bright) => {
    const img = toGray(decodeImage(withOrientation(jpeg, o)));
    expect([img.width, img.height]).toEqual([w, h]);
    const at = (x: number, y: number): number => img.data[y * w + x]!;
    const probe = { right: at(w - 2, h >> 1), left: at(1, h >> 1), bottom: at(w >> 1, h - 2), top: at(w >> 1, 1) }[bright];
    expect(probe).toBeGreaterThan(200);
  });

  it('can be ignored on request', () => {
    const img = decodeImage(withOrientation(jpeg, 6), { applyExifOrientation: false });
    expect([img.width, img.height]).toEqual([32, 16]);
  });
});

describe('decodeImage on hostile input', () => {
  it('rejects random bytes with a typed error within a second', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 4096 }), (bytes) => {
        expectFacetsError(() => decodeImage(bytes));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('rejects every truncation of a PNG and a JPEG with E_DECODE within a second', () => {
    for (const file of [PNG_RGB, FER_JPEG, LFW_JPEG]) {
      const cuts = new Set<number>([1, 2, 3, 8, 16, 30, 33, 40, 100, 200, file.length >> 2, file.length >> 1, file.length - 300, file.length - 2, file.length - 1]);
      for (const cut of cuts) {
        if (cut <= 0 || cut >= file.length) continue;
        expectFacetsError(() => decodeImage(file.subarray(0, cut)), 'E_DECODE');
      }
    }
  });

  it('turns mutated real files into an image or a typed error within a second', () => {
    fc.assert(
      fc.property(fc.constantFrom(PNG_RGB, FER_JPEG), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (file, edits) => {
        const bytes = Uint8Array.from(file);
        for (const [pos, v] of edits) bytes[pos % bytes.length] = v;
        const t0 = performance.now();
        try {
          const img = decodeImage(bytes);
          expect(img.data.length).toBe(img.width * img.height * img.channels);
        } catch (e) {
          expect(e).toBeInstanceOf(FacetsError);
        }
        expect(performance.now() - t0).toBeLessThan(1000);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('rejects a PNG header that claims 100000x100000 pixels with E_TOO_LARGE before allocating', () => {
    const png = Uint8Array.from(encodePng({ width: 1, height: 1, channels: 1, data: new Uint8ClampedArray(1) }));
    const dv = new DataView(png.buffer);
    dv.setUint32(16, 100000);
    dv.setUint32(20, 100000);
    expectFacetsError(() => decodeImage(png), 'E_TOO_LARGE');
  });

  it('rejects a JPEG header that claims 65000x65000 pixels with E_TOO_LARGE', () => {
    const jpeg = Uint8Array.from(FER_JPEG);
    // SOF0 body: precision(1) height(2) width(2).
    for (let i = 2; i < jpeg.length - 9; i++) {
      if (jpeg[i] === 0xff && jpeg[i + 1] === 0xc0) {
        jpeg.set([0xfd, 0xe8, 0xfd, 0xe8], i + 5);
        break;
      }
    }
    expectFacetsError(() => decodeImage(jpeg), 'E_TOO_LARGE');
  });

  it('honours a caller-supplied pixel cap', () => {
    expectFacetsError(() => decodeImage(LFW_JPEG, { limits: { maxPixels: 10_000 } }), 'E_TOO_LARGE');
    expectFacetsError(() => decodeImage(LFW_JPEG, { limits: { maxBytes: 100 } }), 'E_TOO_LARGE');
  });

  it('rejects a non-Uint8Array argument with E_BAD_ARGUMENT', () => {
    expectFacetsError(() => decodeImage('hello' as unknown as Uint8Array), 'E_BAD_ARGUMENT');
  });
});
