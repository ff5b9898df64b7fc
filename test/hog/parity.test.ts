import { describe, expect, it } from 'vitest';
import { detectHog, loadHogDetector } from '../../src/lbp/hog/index.js';
import { readJson, readShared, readSharedImage } from '../helpers/shared.js';

interface Face {
  box: { left: number; top: number; right: number; bottom: number };
  hogScore: number;
  weightIndex: number;
}
interface Manifest {
  meta: { upsample: number; adjust_threshold: number; pixel_type: string };
  images: { image: string; width: number; height: number; faces: Face[] }[];
}

const manifest = readJson<Manifest>('fixtures/dlib/manifest.json');
const detector = loadHogDetector(readShared('models/dlib/frontal_face_detector.svm'));

describe('detectHog parity with dlib 19.24 (../shared/fixtures/dlib)', () => {
  it('uses the fixture settings: RGB input, no upsampling, adjust_threshold 0', () => {
    expect(manifest.meta.pixel_type).toBe('rgb_pixel');
    expect(manifest.meta.upsample).toBe(0);
    expect(manifest.meta.adjust_threshold).toBe(0);
    expect(manifest.images.length).toBe(15);
  });

  // Boxes (inclusive dlib rectangles) and filter index must be identical, in dlib's order;
  // scores within 1e-3 (dlib sums filter responses in float32, facets in double).
  it.each(manifest.images.map((m) => [m.image, m] as const))('%s: same boxes, filter indices and scores (1e-3)', (_name, m) => {
    const img = readSharedImage('fixtures/dlib', m.image);
    expect(img.channels).toBe(3);
    const got = detectHog(detector, img, { upsample: manifest.meta.upsample, adjustThreshold: manifest.meta.adjust_threshold });
    expect(got.map((d) => d.rect)).toEqual(m.faces.map((f) => ({ left: f.box.left, top: f.box.top, right: f.box.right, bottom: f.box.bottom })));
    expect(got.map((d) => d.filterIndex)).toEqual(m.faces.map((f) => f.weightIndex));
    got.forEach((d, i) => {
      expect(Math.abs(d.score - m.faces[i]!.hogScore)).toBeLessThan(1e-3);
      expect(d.box).toEqual({ x: d.rect.left, y: d.rect.top, width: d.rect.right - d.rect.left + 1, height: d.rect.bottom - d.rect.top + 1 });
    });
  });
});
