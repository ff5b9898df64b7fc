import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arcfaceChip, ARCFACE_TEMPLATE_112, eyeLineCrop, faceChip, fivePointsFrom68 } from '../../src/align/face-chip.js';
import { getFaceChipDetails } from '../../src/align/chip-details.js';
import { extractImageChip } from '../../src/align/extract-chip.js';
import { pyramidDown2 } from '../../src/align/pyramid-down.js';
import type { Point } from '../../src/align/similarity.js';
import { adaptBox, hogBoxFromLandmarks } from '../../src/align/box-adapter.js';
import type { Image } from '../../src/image/image.js';
import { applyAffine, composeAffine, warpAffine, type Affine } from '../../src/image/warp.js';
import { resize } from '../../src/image/resize.js';
import { isFacetsError } from '../../src/core/errors.js';
import { fixtureFaces, fixtureImage } from './helpers.js';

const faces = fixtureFaces();

function mad(a: Image, b: Image, border = 0): number {
  let s = 0, n = 0;
  for (let y = border; y < a.height - border; y++)
    for (let x = border; x < a.width - border; x++)
      for (let k = 0; k < a.channels; k++) {
        const i = (y * a.width + x) * a.channels + k;
        s += Math.abs(a.data[i] - b.data[i]);
        n++;
      }
  return s / n;
}

describe('faceChip (dlib get_face_chip_details + extract_image_chip)', () => {
  it('gives dlib 19.24\'s chip details on fixtures/dlib (rect and angle within 1e-9)', () => {
    for (const f of faces) {
      const d = getFaceChipDetails(f.landmarks, 150, 0.25);
      for (const k of ['left', 'top', 'right', 'bottom'] as const) expect(Math.abs(d.rect[k] - f.chipDetails.rect[k])).toBeLessThan(1e-9);
      expect(Math.abs(d.angle - f.chipDetails.angle)).toBeLessThan(1e-9);
      expect([d.rows, d.cols]).toEqual([f.chipDetails.rows, f.chipDetails.cols]);
    }
  });

  it('matches dlib 19.24\'s 150x150 chips on fixtures/dlib within 1 grey level MAD (measured: bit-exact, MAD 0)', async () => {
    let worst = 0;
    for (const f of faces) {
      const r = faceChip(await fixtureImage(f.image), f.landmarks, { size: 150, padding: 0.25 });
      const ref = await fixtureImage(f.chip);
      expect([r.image.width, r.image.height, r.image.channels]).toEqual([ref.width, ref.height, ref.channels]);
      expect(r.pyramidLevel).toBe(f.chipDetails.pyramid_level);
      worst = Math.max(worst, mad(r.image, ref));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(worst).toBe(0);
  });

  it('returns the source->chip transform and its inverse: landmarks map into the chip template area', async () => {
    const f = faces[0];
    const r = faceChip(await fixtureImage(f.image), f.landmarks);
    const id = composeAffine(r.transform, r.inverse);
    [1, 0, 0, 0, 1, 0].forEach((v, k) => expect(id[k]).toBeCloseTo(v, 9));
    // Nose tip (30) lands near dlib's mean-face nose tip (0.490127, 0.515625; padding 0.25) in the chip.
    const [x, y] = applyAffine(r.transform, f.landmarks[30][0], f.landmarks[30][1]);
    expect(Math.abs(x - ((0.25 + 0.490127) / 1.5) * 150)).toBeLessThan(8);
    expect(Math.abs(y - ((0.25 + 0.515625) / 1.5) * 150)).toBeLessThan(8); // a least-squares fit: single points deviate (measured 6.6 px)
  });

  // Tolerance: the warped image was resampled once more, so chips agree to a blur: interior (10 px
  // border cut) MAD <= 2 grey levels without a pyramid (measured 0.55-1.57), <= 6 when dlib's
  // pyramid_down<2> kicks in (measured 3.3-4.9).
  it('recovers the same chip from an image warped by a known similarity (seed 42)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(faces.length - 1), fc.double({ min: -0.4, max: 0.4, noNaN: true }), fc.double({ min: 0.75, max: 1.35, noNaN: true }), async (fi, angle, scale) => {
        const f = faces[fi];
        const img = await fixtureImage(f.image);
        const base = faceChip(img, f.landmarks);
        const W = Math.round(img.width * 1.6);
        const H = Math.round(img.height * 1.6);
        const c = Math.cos(angle) * scale;
        const s = Math.sin(angle) * scale;
        const m: Affine = [c, -s, W / 2 - (c * img.width / 2 - s * img.height / 2), s, c, H / 2 - (s * img.width / 2 + c * img.height / 2)];
        const moved = faceChip(warpAffine(img, m, W, H), f.landmarks.map(([x, y]) => applyAffine(m, x, y)));
        expect(mad(base.image, moved.image, 10)).toBeLessThanOrEqual(moved.pyramidLevel < 0 && base.pyramidLevel < 0 ? 2 : 6);
      }),
      { seed: 42, numRuns: 12 },
    );
  });

  it('uses dlib\'s pyramid_down<2> for faces much larger than the chip, and stays close to the small-face chip (MAD <= 6)', async () => {
    const f = faces[0];
    const img = await fixtureImage(f.image);
    const up = resize(img, img.width * 3, img.height * 3, 'bilinear');
    const r = faceChip(up, f.landmarks.map(([x, y]) => [3 * x + 1, 3 * y + 1] as Point));
    expect(r.pyramidLevel).toBeGreaterThanOrEqual(0);
    expect(mad(r.image, faceChip(img, f.landmarks).image, 10)).toBeLessThanOrEqual(6);
  });

  it('paints chip pixels outside the source black', async () => {
    const f = faces[0];
    const img = await fixtureImage(f.image);
    const shifted = f.landmarks.map(([x, y]) => [x - 150, y] as Point); // face half off the left edge
    const r = faceChip(img, shifted);
    for (let y = 0; y < 150; y++) for (let k = 0; k < 3; k++) expect(r.image.data[y * 150 * 3 + k]).toBe(0);
  });

  it('rejects wrong landmark counts and bad sizes with E_BAD_ARGUMENT', async () => {
    const img = await fixtureImage(faces[0].image);
    for (const call of [() => faceChip(img, faces[0].landmarks.slice(0, 10)), () => faceChip(img, faces[0].landmarks, { size: 0 }), () => faceChip(img, faces[0].landmarks, { padding: -1 }), () => extractImageChip(img, { rect: { left: 0, top: 0, right: NaN, bottom: 5 }, angle: 0, rows: 5, cols: 5 })]) {
      try {
        call();
        expect.unreachable();
      } catch (e) {
        expect(isFacetsError(e, 'E_BAD_ARGUMENT')).toBe(true);
      }
    }
  });
});

describe('pyramidDown2 (dlib pyramid_down<2>)', () => {
  it('equals the 5x5 [1 4 6 4 1]^2 / 256 filter at stride 2 (floor), on random images (seed 42)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 }), fc.constantFrom(1, 3), fc.integer(), (w, h, C, seed) => {
        let s = seed >>> 0;
        const data = Uint8ClampedArray.from({ length: w * h * C }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24));
        const img: Image = { width: w, height: h, channels: C as 1 | 3, data };
        const d = pyramidDown2(img);
        if (w <= 8 || h <= 8) {
          expect([d.width, d.height]).toEqual([0, 0]);
          return;
        }
        expect([d.width, d.height]).toEqual([Math.floor((w - 3) / 2), Math.floor((h - 3) / 2)]);
        const k = [1, 4, 6, 4, 1];
        for (let y = 0; y < d.height; y++)
          for (let x = 0; x < d.width; x++)
            for (let c = 0; c < C; c++) {
              let sum = 0;
              for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) sum += k[i] * k[j] * data[((2 * y + i) * w + 2 * x + j) * C + c];
              expect(d.data[(y * d.width + x) * C + c]).toBe(Math.floor(sum / 256));
            }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('arcfaceChip and eyeLineCrop', () => {
  it('arcfaceChip puts the five points near insightface\'s template (mean residual < 4 px at 112, < 8 px per face)', async () => {
    let total = 0;
    for (const f of faces) {
      const r = arcfaceChip(await fixtureImage(f.image), f.landmarks);
      expect([r.image.width, r.image.height]).toEqual([112, 112]);
      const five = fivePointsFrom68(f.landmarks);
      const res = five.reduce((s, [x, y], i) => { const [u, v] = applyAffine(r.transform, x, y); return s + Math.hypot(u - ARCFACE_TEMPLATE_112[i][0], v - ARCFACE_TEMPLATE_112[i][1]); }, 0) / 5;
      expect(res).toBeLessThan(8);
      total += res;
    }
    expect(total / faces.length).toBeLessThan(4);
  });

  it('eyeLineCrop levels the eyes exactly for any in-plane rotation (seed 42)', async () => {
    const f = faces[0];
    const img = await fixtureImage(f.image);
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), (a) => {
        const c = Math.cos(a), s = Math.sin(a);
        const lm = f.landmarks.map(([x, y]) => [c * (x - 125) - s * (y - 125) + 125, s * (x - 125) + c * (y - 125) + 125] as Point);
        const r = eyeLineCrop(img, lm, hogBoxFromLandmarks(lm));
        const [le, re] = fivePointsFrom68(lm).map(([x, y]) => applyAffine(r.transform, x, y));
        expect(Math.abs(le[1] - re[1])).toBeLessThan(1e-9);
        expect(re[0]).toBeGreaterThan(le[0]);
      }),
      { seed: 42, numRuns: 30 },
    );
  });
});

describe('hogBoxFromLandmarks', () => {
  it('approximates dlib\'s HOG boxes from dlib landmarks on fixtures/dlib (mean IoU > 0.75, measured 0.78)', () => {
    let iou = 0;
    for (const f of faces) {
      const b = hogBoxFromLandmarks(f.landmarks);
      const ix = Math.max(0, Math.min(b.x + b.width, f.box.x + f.box.width) - Math.max(b.x, f.box.x));
      const iy = Math.max(0, Math.min(b.y + b.height, f.box.y + f.box.height) - Math.max(b.y, f.box.y));
      iou += (ix * iy) / (b.width * b.height + f.box.width * f.box.height - ix * iy);
    }
    expect(iou / faces.length).toBeGreaterThan(0.75);
  });
});

describe('adaptBox', () => {
  it('passes HOG boxes through and says E_BAD_ARGUMENT for an unknown detector (more in box-adapter.test.ts)', () => {
    expect(adaptBox({ x: 1, y: 2, width: 3, height: 4 }, 'hog')).toEqual({ x: 1, y: 2, width: 3, height: 4 });
    try {
      adaptBox({ x: 1, y: 2, width: 3, height: 4 }, 'retina' as never);
      expect.unreachable();
    } catch (e) {
      expect(isFacetsError(e, 'E_BAD_ARGUMENT')).toBe(true);
    }
  });
});
