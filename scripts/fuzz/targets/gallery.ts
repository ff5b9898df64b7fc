/**
 * Gallery files: small galleries encoded in-process, mutated as bytes (half the cases with the
 * CRC made valid again, so they reach the header and size checks) or with the header JSON
 * mutated and re-framed, read with Gallery.deserialize and searched once (nearest).
 */
import { Gallery } from '../../../src/tasks/gallery.js';
import { crc32, encodeGallery, type GalleryData } from '../../../src/tasks/gallery-format.js';
import { mutate, randomBytes, type Field } from '../bytes.js';
import { mutateText } from '../text.js';
import type { Rng } from '../rng.js';
import type { FuzzTarget } from '../types.js';

/** magic, version, header length (little-endian u32s after "FCGL"). */
const FIELDS: Field[] = [0, 4, 8].map((offset) => ({ offset, size: 4, littleEndian: true }));

function sealed(b: Uint8Array): Uint8Array {
  if (b.length >= 4) new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(b.length - 4, crc32(b.subarray(0, b.length - 4)), true);
  return b;
}

/** A gallery whose header is `headerText`, vectors and framing otherwise those of `g`, CRC valid. */
function withHeader(g: Uint8Array, headerText: string): Uint8Array {
  const dv = new DataView(g.buffer, g.byteOffset, g.byteLength);
  const oldLen = dv.getUint32(8, true);
  const header = new TextEncoder().encode(headerText);
  const out = new Uint8Array(g.length - oldLen + header.length);
  out.set(g.subarray(0, 12), 0);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  out.set(g.subarray(12 + oldLen), 12 + header.length);
  return sealed(out);
}

function gallery(model: string, dims: number, ids: string[]): GalleryData {
  const vectors = Float32Array.from({ length: dims * ids.length }, (_, i) => Math.sin(i * 0.7));
  return { model, metric: 'cosine', dims, ids, vectors };
}

export const galleryTarget: FuzzTarget<Uint8Array> = {
  name: 'gallery',
  description: 'Gallery.deserialize (FCGL file) -> nearest',
  prepare() {
    const seeds = [gallery('dlib-resnet', 8, ['Aaron_Sorkin', 'Abdullah_Gul', 'Adrien_Brody']), gallery('lbph', 3, ['x']), gallery('faceres', 16, [])].map(encodeGallery);
    return {
      seeds: seeds.length,
      generate(rng: Rng): Uint8Array {
        if (rng.chance(0.05)) return randomBytes(rng, 256, [0x46, 0x43, 0x47, 0x4c]);
        const s = rng.pick(seeds);
        if (rng.chance(0.3)) {
          const len = new DataView(s.buffer, s.byteOffset).getUint32(8, true);
          return withHeader(s, mutateText(rng, new TextDecoder().decode(s.subarray(12, 12 + len)), { open: '[', close: ']' }));
        }
        const b = mutate(rng, s, FIELDS);
        return rng.chance(0.5) ? sealed(b) : b;
      },
      run(bytes: Uint8Array): void {
        const g = Gallery.deserialize(bytes);
        if (g.size > 0) g.nearest(Float32Array.from({ length: g.dimensions }, (_, d) => (d % 3) - 1), { topK: 2 });
      },
    };
  },
};
