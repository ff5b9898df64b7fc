/**
 * Shape predictor files: small models built in-process (dlib's .dat layout via the test writer,
 * and facets' .fert via encodeShapeModel), mutated, fed to loadShapePredictor, then predict once.
 * The 100 MB dlib model is not parsed 100,000 times: the format is the same at any size.
 */
import { encodeShapeModel } from '../../../src/align/ert-format.js';
import { loadShapePredictor } from '../../../src/align/load.js';
import type { Image } from '../../../src/image/index.js';
import { randomModel, writeDlibShapePredictor } from '../../../test/align/dlib-writer.js';
import { mutate, randomBytes, type Field } from '../bytes.js';
import type { Rng } from '../rng.js';
import type { FuzzTarget } from '../types.js';

const FACE: Image = (() => {
  const data = new Uint8ClampedArray(32 * 32);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) & 255;
  return { width: 32, height: 32, channels: 1, data };
})();

function predictOnce(bytes: Uint8Array): void {
  loadShapePredictor(bytes).predict(FACE, { x: 4, y: 4, width: 24, height: 24 });
}

/** Model shapes: parts, cascades, trees, depth, features (dlib's 68-point model is 68, 15, 500, 4, 500). */
const SHAPES = [[5, 2, 3, 2, 7], [3, 1, 1, 1, 2], [68, 2, 2, 3, 20], [7, 3, 2, 4, 9]] as const;
const models = () => SHAPES.map(([p, c, t, d, f], i) => randomModel(11 + i, p, c, t, d, f));

export const dlibDatTarget: FuzzTarget<Uint8Array> = {
  name: 'dlib-dat',
  description: "loadShapePredictor (dlib shape_predictor serialisation) -> predict",
  prepare() {
    const seeds = models().map((m) => writeDlibShapePredictor(m));
    return {
      seeds: seeds.length,
      generate: (rng: Rng): Uint8Array => (rng.chance(0.05) ? randomBytes(rng, 512) : mutate(rng, rng.pick(seeds), [])),
      run: predictOnce,
    };
  },
};

/** FNV-1a 32 as in ert-format.ts (the checksum of a .fert file, over every byte before it). */
function fnv1a(bytes: Uint8Array, end: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

/** Header u32s: magic, version, leaf encoding, numParts, depth, cascades, features, trees. */
const FERT_FIELDS: Field[] = [0, 4, 8, 12, 16, 20, 24, 28].map((offset) => ({ offset, size: 4, littleEndian: true }));

export const fertTarget: FuzzTarget<Uint8Array> = {
  name: 'fert',
  description: 'loadShapePredictor (facets .fert) -> predict',
  prepare() {
    const seeds = models().flatMap((m) => [encodeShapeModel(m, 'int16'), encodeShapeModel(m, 'float32')]);
    return {
      seeds: seeds.length,
      generate(rng: Rng): Uint8Array {
        if (rng.chance(0.05)) return randomBytes(rng, 512, [0x46, 0x45, 0x52, 0x54]);
        const b = mutate(rng, rng.pick(seeds), FERT_FIELDS);
        // Half the cases carry a valid checksum, so they reach the size and index checks.
        if (rng.chance(0.5) && b.length >= 8) {
          const end = (b.length - 4) & ~3;
          new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(end, fnv1a(b, end), true);
        }
        return b;
      },
      run: predictOnce,
    };
  },
};
