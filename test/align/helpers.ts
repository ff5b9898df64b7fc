import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Box, Image } from '../../src/image/image.js';
import { readImage } from '../../src/image/decode.js';
import type { Point } from '../../src/align/similarity.js';

/** Repo root and the shared folder beside it (../shared, never an absolute path). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = resolve(repoRoot, '../shared');
export const dlibFixtureDir = resolve(sharedDir, 'fixtures/dlib');
/** dlib's original model, present only where Debian's libdlib-data is installed. */
export const DLIB_DAT = '/usr/share/dlib/shape_predictor_68_face_landmarks.dat';
export const hasDlibDat = existsSync(DLIB_DAT);

export interface FixtureFace {
  image: string;
  box: Box;
  landmarks: Point[];
  chip: string;
  chipDetails: { rect: { left: number; top: number; right: number; bottom: number }; angle: number; rows: number; cols: number; pyramid_level: number };
}

interface ManifestFace {
  box: { left: number; top: number; right: number; bottom: number };
  landmarks: Point[];
  chip: string;
  chipDetails: FixtureFace['chipDetails'];
}

/** Faces of ../shared/fixtures/dlib/manifest.json, dlib rectangles turned into facets boxes. */
export function fixtureFaces(): FixtureFace[] {
  const man = JSON.parse(readFileSync(resolve(dlibFixtureDir, 'manifest.json'), 'utf8')) as { images: { image: string; faces: ManifestFace[] }[] };
  return man.images.flatMap((im) =>
    im.faces.map((f) => ({
      image: im.image,
      // dlib rectangle (inclusive) -> facets Box: width = right - left + 1.
      box: { x: f.box.left, y: f.box.top, width: f.box.right - f.box.left + 1, height: f.box.bottom - f.box.top + 1 },
      landmarks: f.landmarks,
      chip: f.chip,
      chipDetails: f.chipDetails,
    })),
  );
}

const cache = new Map<string, Promise<Image>>();
/** Decodes a fixture PNG once per test file. */
export function fixtureImage(name: string): Promise<Image> {
  if (!cache.has(name)) cache.set(name, readImage(resolve(dlibFixtureDir, name)));
  return cache.get(name)!;
}

/** iBUG 68-point left/right mirror permutation (0-based). */
export const MIRROR_68: number[] = (() => {
  const m: number[] = [];
  for (let i = 0; i <= 16; i++) m[i] = 16 - i;
  for (let i = 17; i <= 26; i++) m[i] = 43 - i;
  for (let i = 27; i <= 30; i++) m[i] = i;
  for (let i = 31; i <= 35; i++) m[i] = 66 - i;
  const pairs = [[36, 45], [37, 44], [38, 43], [39, 42], [40, 47], [41, 46], [48, 54], [49, 53], [50, 52], [51, 51], [55, 59], [56, 58], [57, 57], [60, 64], [61, 63], [62, 62], [65, 67], [66, 66]];
  for (const [a, b] of pairs) { m[a] = b; m[b] = a; }
  return m;
})();
