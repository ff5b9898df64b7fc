/**
 * PNG: mutated real PNGs (OpenCV fixtures, small, and crops of a real photo re-encoded by pngjs
 * as grey / grey+alpha / RGB / RGBA at 8 and 16 bits), fed to decodeImage then toGray; a
 * successful decode is repeated and must give the same pixels.
 */
import { PNG } from 'pngjs';
import { decodeImage, toGray } from '../../../src/image/index.js';
import { crc32 } from '../../../src/tasks/gallery-format.js';
import { mutate, randomBytes, type Field } from '../bytes.js';
import { sharedFile } from '../paths.js';
import type { Rng } from '../rng.js';
import type { FuzzTarget } from '../types.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Chunk layout (PNG spec sec. 5.3): length(4 BE) type(4) data crc(4). */
function chunks(b: Uint8Array): Array<{ at: number; length: number }> {
  const out: Array<{ at: number; length: number }> = [];
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = 8; at + 12 <= b.length && out.length < 64;) {
    const length = dv.getUint32(at);
    out.push({ at, length });
    at += 12 + length;
  }
  return out;
}

/** Length fields of every chunk and the IHDR fields (width, height, depth, colour type, interlace...). */
export function pngFields(b: Uint8Array): Field[] {
  const f: Field[] = chunks(b).map((c) => ({ offset: c.at, size: 4, littleEndian: false }));
  f.push({ offset: 16, size: 4, littleEndian: false }, { offset: 20, size: 4, littleEndian: false });
  for (let o = 24; o <= 28; o++) f.push({ offset: o, size: 1, littleEndian: false });
  return f;
}

/** Recomputes every chunk CRC, so mutations get past pngjs's CRC check into inflate and unfiltering. */
export function fixCrcs(b: Uint8Array): Uint8Array {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (const c of chunks(b)) {
    const end = c.at + 8 + c.length;
    if (end + 4 > b.length) break;
    dv.setUint32(end, crc32(b.subarray(c.at + 4, end)));
  }
  return b;
}

function reencode(src: Uint8Array, colorType: 0 | 2 | 4 | 6, bitDepth: 8 | 16, size: number): Uint8Array {
  const img = decodeImage(src);
  const png = new PNG({ width: size, height: size, colorType, bitDepth, inputHasAlpha: true });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = (y * img.width + x) * img.channels;
      const d = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) png.data[d + c] = img.data[s + (img.channels >= 3 ? c : 0)] as number;
      png.data[d + 3] = 128 + ((x * 7 + y) & 127);
    }
  }
  return new Uint8Array(PNG.sync.write(png, { colorType, bitDepth, inputHasAlpha: true }));
}

export const pngTarget: FuzzTarget<Uint8Array> = {
  name: 'png',
  description: 'decodeImage (PNG) -> toGray, decoded twice (same pixels)',
  prepare() {
    const dir = 'fixtures/opencv-image';
    const real = [
      sharedFile(dir, 'fer-happy.input.png'),
      sharedFile(dir, 'fer-happy.resize_INTER_AREA_17x17.png'),
      sharedFile(dir, 'lfw-aaron-sorkin.resize_INTER_AREA_84x84.png'),
      sharedFile(dir, 'deepface-couple.resize_INTER_AREA_97x131.png'),
    ];
    const photo = real[3] as Uint8Array;
    const made = ([[0, 8], [2, 8], [4, 8], [6, 8], [0, 16], [6, 16]] as const).map(([ct, bd]) => reencode(photo, ct, bd, 24));
    const seeds = [...real, ...made];
    return {
      seeds: seeds.length,
      generate(rng: Rng): Uint8Array {
        if (rng.chance(0.05)) return randomBytes(rng, 256, rng.chance(0.7) ? SIGNATURE : []);
        const s = rng.pick(seeds);
        const m = mutate(rng, s, pngFields(s));
        return rng.chance(0.5) ? fixCrcs(m) : m;
      },
      run(bytes: Uint8Array): void {
        const a = decodeImage(bytes);
        toGray(a);
        // Oracle for pixels read from uninitialised memory (pngjs allocUnsafe): decode again and
        // require the same bytes. A mismatch is thrown as a plain Error, i.e. counted as a CRASH.
        const b = decodeImage(bytes);
        if (a.data.length !== b.data.length || a.data.some((v, i) => v !== b.data[i])) throw new Error('png: two decodes of the same bytes differ');
      },
    };
  },
};
