import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FacetsError } from '../../src/core/errors.js';
import type { Image } from '../../src/image/image.js';
import { toGray } from '../../src/image/gray.js';
import { detectHog, loadHogDetector, type DlibRect } from '../../src/lbp/hog/index.js';
import { readJson, readShared, readSharedImage } from '../helpers/shared.js';

const detector = loadHogDetector(readShared('models/dlib/frontal_face_detector.svm'));
interface Manifest {
  images: { image: string; faces: { box: DlibRect }[] }[];
}
const manifest = readJson<Manifest>('fixtures/dlib/manifest.json');
const fixture = (name: string): Image => readSharedImage('fixtures/dlib', name);

function iou(a: DlibRect, b: DlibRect): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left) + 1;
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) + 1;
  const inter = Math.max(0, w) * Math.max(0, h);
  const area = (r: DlibRect) => (r.right - r.left + 1) * (r.bottom - r.top + 1);
  return inter / (area(a) + area(b) - inter);
}

function mirror(img: Image): Image {
  const { width: w, height: h, channels: c } = img;
  const data = new Uint8ClampedArray(img.data.length);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) data[(y * w + x) * c + k] = img.data[(y * w + w - 1 - x) * c + k]!;
  return { ...img, data };
}

describe('detectHog', () => {
  it('is deterministic: the same image twice gives identical detections', () => {
    const img = fixture('lfw-AJ_Cook_0001.png');
    const a = detectHog(detector, img, { adjustThreshold: -1.5 });
    expect(a.length).toBeGreaterThan(1);
    expect(detectHog(detector, img, { adjustThreshold: -1.5 })).toEqual(a);
  });

  // Not exact: dlib's left/right filters are only roughly mirror images and fhog cells start at
  // the left edge. Measured on all 15 fixtures: same face count, IoU >= 0.68 after mirroring back.
  it.each(['lfw-Aaron_Sorkin_0001.png', 'afw-1130084326.png'])(
    '%s: a mirrored image gives mirrored detections (same count, IoU >= 0.6)',
    (name) => {
      const img = fixture(name);
      const a = detectHog(detector, img);
      const b = detectHog(detector, mirror(img)).map(({ rect: r }) => ({ left: img.width - 1 - r.right, right: img.width - 1 - r.left, top: r.top, bottom: r.bottom }));
      expect(b.length).toBe(a.length);
      for (const d of a) expect(Math.max(...b.map((m) => iou(d.rect, m)))).toBeGreaterThanOrEqual(0.6);
    },
  );

  it('finds the fixture face on the grey image too (grey path; IoU >= 0.5 with the RGB box)', () => {
    const m = manifest.images.find((x) => x.image === 'deepface-img13.png')!;
    const got = detectHog(detector, toGray(fixture(m.image)));
    expect(got.length).toBeGreaterThanOrEqual(1);
    expect(iou(got[0]!.rect, m.faces[0]!.box)).toBeGreaterThanOrEqual(0.5);
  });

  it('upsample 1 maps boxes back to input coordinates (IoU >= 0.5 with the upsample-0 box)', () => {
    const m = manifest.images.find((x) => x.image === 'lfw-Abdullah_Gul_0002.png')!;
    const got = detectHog(detector, fixture(m.image), { upsample: 1 });
    expect(got.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...got.map((d) => iou(d.rect, m.faces[0]!.box)))).toBeGreaterThanOrEqual(0.5);
  });

  it('raising adjustThreshold only drops the detections scored below it (greedy NMS in score order)', () => {
    const img = fixture('lfw-AJ_Cook_0001.png');
    const hi = detectHog(detector, img, { adjustThreshold: -1.3 });
    const lo = detectHog(detector, img, { adjustThreshold: -1.5 });
    expect(lo.length).toBeGreaterThan(hi.length);
    expect(hi).toEqual(lo.filter((d) => d.score >= -1.3));
    for (const d of lo) expect(d.score).toBeGreaterThanOrEqual(-1.5);
  });

  it('returns no faces on constant, tiny and empty images', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom(1, 3, 4), (w, h, v, ch) => {
        const img: Image = { width: w, height: h, channels: ch as 1 | 3 | 4, data: new Uint8ClampedArray(w * h * ch).fill(v) };
        expect(detectHog(detector, img)).toEqual([]);
      }),
      { seed: 42, numRuns: 25 },
    );
  });

  it('rejects bad arguments with E_BAD_ARGUMENT', () => {
    const img = fixture('lfw-AJ_Cook_0001.png');
    const bad: (() => unknown)[] = [
      () => detectHog(detector, img, { upsample: -1 }),
      () => detectHog(detector, img, { upsample: 1.5 }),
      () => detectHog(detector, img, { adjustThreshold: Number.NaN }),
      () => detectHog(detector, { ...img, width: img.width + 1 }),
      () => detectHog({ ...detector, detectors: [] }, img),
    ];
    for (const f of bad) {
      expect(f).toThrow(FacetsError);
      try {
        f();
      } catch (e) {
        expect((e as FacetsError).code).toBe('E_BAD_ARGUMENT');
      }
    }
  });
});
