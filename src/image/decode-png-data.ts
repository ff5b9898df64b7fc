/**
 * Checks, before pngjs runs, that a PNG's compressed image data inflates to at least the bytes
 * its IHDR implies. pngjs 7's synchronous inflate returns an uninitialised buffer of the full
 * expected size when the stream holds less (no IDAT, an empty or short zlib stream), so without
 * this check a short file decodes "successfully" to pixels copied from process memory, and a
 * tiny file claiming a large image makes pngjs allocate the whole bitmap before noticing.
 */
import { constants, inflateSync } from 'node:zlib';
import { FacetsError } from '../core/errors.js';

/** Samples per pixel by PNG colour type (PNG spec sec. 11.2.2, table 11.1). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Adam7 passes: x0, y0, dx, dy (PNG spec sec. 8.2). */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/** Bytes of filtered scanlines (one filter byte per row) for the IHDR values. */
function expectedBytes(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number): number => (w > 0 && h > 0 ? (Math.ceil((w * bitsPerPixel) / 8) + 1) * h : 0);
  if (!interlaced) return rows(width, height);
  let n = 0;
  for (const [x0, y0, dx, dy] of ADAM7) n += rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy));
  return n;
}

/**
 * requires: bytes starts with the PNG signature and an IHDR whose size passed the decode limits.
 * ensures: returns normally only if the IDAT stream inflates to >= the implied size; otherwise
 *   E_DECODE naming what is missing. Unknown colour types and depths are left to pngjs.
 */
export function checkPngImageData(bytes: Uint8Array): void {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = dv.getUint32(16);
  const height = dv.getUint32(20);
  const channels = CHANNELS[bytes[25]!];
  const depth = bytes[24]!;
  if (channels === undefined || ![1, 2, 4, 8, 16].includes(depth)) return;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = dv.getUint32(at);
    const type = dv.getUint32(at + 4);
    const end = Math.min(at + 8 + length, bytes.length);
    if (type === 0x49444154) idat.push(bytes.subarray(at + 8, end)); // "IDAT"
    if (type === 0x49454e44) break; // "IEND"
    at = end + 4;
  }
  if (idat.length === 0) throw new FacetsError('E_DECODE', 'decodeImage: PNG has no image data (no IDAT chunk)');
  const need = expectedBytes(width, height, channels * depth, bytes[28] === 1);
  let have: number;
  try {
    // Sync flush: a truncated stream yields what it holds instead of throwing; the output stops at
    // `need`, so the check never allocates more than the image itself.
    have = inflateSync(Buffer.concat(idat), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: need }).length;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return;
    throw new FacetsError('E_DECODE', `decodeImage: corrupt PNG image data: ${(e as Error).message}`, { cause: e });
  }
  if (have < need) throw new FacetsError('E_DECODE', `decodeImage: truncated PNG: image data inflates to ${have} bytes, its header needs ${need}`);
}
