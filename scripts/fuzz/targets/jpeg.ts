/**
 * JPEG: mutated real JPEGs (FER2013 48x48 grey, a progressive DeepFace sample, and baseline
 * colour crops re-encoded by jpeg-js), fed to decodeImage (EXIF orientation on) then toGray.
 */
import { decodeImage, encodeJpeg, crop, toGray } from '../../../src/image/index.js';
import { mutate, randomBytes, type Field } from '../bytes.js';
import { sharedFile } from '../paths.js';
import type { Rng } from '../rng.js';
import type { FuzzTarget } from '../types.js';

/** Segment length fields (ITU T.81 B.1.1.4, big-endian after each marker) and SOF size fields. */
export function jpegFields(b: Uint8Array): Field[] {
  const f: Field[] = [];
  for (let i = 2; i + 4 <= b.length && f.length < 64;) {
    if (b[i] !== 0xff) break;
    const marker = b[i + 1] as number;
    if (marker === 0xda) { f.push({ offset: i + 2, size: 2, littleEndian: false }); break; }
    f.push({ offset: i + 2, size: 2, littleEndian: false });
    // SOFn: precision(1) height(2) width(2) components(1), then per component id, sampling, table.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      f.push({ offset: i + 5, size: 2, littleEndian: false }, { offset: i + 7, size: 2, littleEndian: false }, { offset: i + 9, size: 1, littleEndian: false }, { offset: i + 11, size: 1, littleEndian: false });
    }
    i += 2 + (((b[i + 2] as number) << 8) | (b[i + 3] as number));
  }
  return f;
}

export const jpegTarget: FuzzTarget<Uint8Array> = {
  name: 'jpeg',
  description: 'decodeImage (JPEG, EXIF orientation) -> toGray',
  prepare() {
    const happy = sharedFile('data/fer2013/test/happy/PublicTest_10130075.jpg');
    const progressive = sharedFile('data/deepface-images/img12.jpg');
    const face = decodeImage(sharedFile('data/lfw/lfw-deepfunneled/Aaron_Sorkin/Aaron_Sorkin_0001.jpg'));
    const small = crop(face, { x: 90, y: 90, width: 40, height: 32 });
    const seeds = [happy, encodeJpeg(small, 90), encodeJpeg(small, 20), encodeJpeg(toGray(small), 75)];
    return {
      seeds: seeds.length + 1,
      generate(rng: Rng): Uint8Array {
        if (rng.chance(0.05)) return randomBytes(rng, 256, rng.chance(0.7) ? [0xff, 0xd8, 0xff] : []);
        // The progressive photo is larger and slower to decode: a few percent of the cases.
        const s = rng.chance(0.04) ? progressive : rng.pick(seeds);
        return mutate(rng, s, jpegFields(s));
      },
      run(bytes: Uint8Array): void {
        toGray(decodeImage(bytes));
      },
    };
  },
};
