/** Inputs for the limit tests: real files read from the repo and ../shared, headers patched. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFacetsError, type FacetsErrorCode } from '../../src/core/errors.js';
import { crc32 } from '../../src/tasks/gallery-format.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const repoBytes = (p: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(REPO, p)));
export const repoText = (p: string): string => fs.readFileSync(path.join(REPO, p), 'utf8');
export const sharedBytes = (p: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(REPO, '../shared', p)));

/** The FacetsError code `f` throws (or rejects with); fails the test on success or on any other error. */
export async function codeOf(f: () => unknown): Promise<FacetsErrorCode> {
  try {
    await f();
  } catch (e) {
    if (isFacetsError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a FacetsError, but the call succeeded');
}

/** A PNG made of its signature and an IHDR chunk claiming width x height (8-bit RGB), CRC valid. */
export function pngHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(8 + 25 + 12);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  const dv = new DataView(b.buffer);
  dv.setUint32(8, 13);
  b.set([0x49, 0x48, 0x44, 0x52], 12);
  dv.setUint32(16, width);
  dv.setUint32(20, height);
  b.set([8, 2, 0, 0, 0], 24);
  dv.setUint32(29, crc32(b.subarray(12, 29)));
  // An empty IEND, so only the size can be what is wrong.
  dv.setUint32(33, 0);
  b.set([0x49, 0x45, 0x4e, 0x44], 37);
  dv.setUint32(41, crc32(b.subarray(37, 41)));
  return b;
}

/** A copy of a real JPEG whose SOF header claims width x height (ITU T.81 B.2.2). */
export function jpegClaiming(jpeg: Uint8Array, width: number, height: number): Uint8Array {
  const b = jpeg.slice();
  for (let i = 2; i + 9 < b.length;) {
    const marker = b[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xc2) {
      b[i + 5] = height >> 8; b[i + 6] = height & 255; b[i + 7] = width >> 8; b[i + 8] = width & 255;
      return b;
    }
    i += 2 + ((b[i + 2]! << 8) | b[i + 3]!);
  }
  throw new Error('no SOF0/1/2 marker');
}
