import { FacetsError } from '../core/errors.js';

/** What facets needs from a JPEG before decoding it: size, component count, EXIF orientation. */
export interface JpegHeader {
  width: number;
  height: number;
  components: number;
  progressive: boolean;
  /** EXIF orientation tag 0x0112 (1..8); 1 when absent or invalid. */
  orientation: number;
  /** True when an EOI marker follows the first scan (the file is not cut short). */
  hasEoi: boolean;
}

const fail = (why: string): never => {
  throw new FacetsError('E_DECODE', `decodeImage: corrupt JPEG: ${why}`);
};

/**
 * Walks the marker segments up to the first SOS (ITU T.81 sec. B.1.1). Cheap and bounded by
 * the input length: every step advances by at least two bytes.
 */
export function readJpegHeader(bytes: Uint8Array): JpegHeader {
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) fail('no SOI marker');
  let pos = 2;
  let sof: { width: number; height: number; components: number; progressive: boolean } | undefined;
  let orientation = 1;
  while (pos < n) {
    if (bytes[pos] !== 0xff) fail(`expected a marker at byte ${pos}`);
    while (pos < n && bytes[pos] === 0xff) pos++; // fill bytes (T.81 B.1.1.2)
    if (pos >= n) break;
    const marker = bytes[pos++]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    if (marker === 0xd9) break;
    if (pos + 2 > n) fail('segment length past end of file');
    const len = (bytes[pos]! << 8) | bytes[pos + 1]!;
    if (len < 2 || pos + len > n) fail(`segment 0xFF${marker.toString(16)} overruns the file`);
    const body = pos + 2;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (len < 8) fail('short SOF segment');
      const height = (bytes[body + 1]! << 8) | bytes[body + 2]!;
      const width = (bytes[body + 3]! << 8) | bytes[body + 4]!;
      const components = bytes[body + 5]!;
      if (marker !== 0xc0 && marker !== 0xc1 && marker !== 0xc2) {
        throw new FacetsError('E_DECODE', `decodeImage: unsupported JPEG coding (SOF${marker - 0xc0}); baseline and progressive Huffman JPEGs are supported`);
      }
      sof = { width, height, components, progressive: marker === 0xc2 };
    } else if (marker === 0xe1 && len >= 16) {
      orientation = exifOrientation(bytes, body, pos + len) ?? orientation;
    } else if (marker === 0xda) {
      if (!sof) fail('scan before frame header');
      // Entropy-coded data follows; a complete file ends with EOI (T.81 B.2.1).
      let end = n;
      while (end > body && bytes[end - 1] !== 0xd9) end--;
      const hasEoi = end > body + 1 && bytes[end - 2] === 0xff;
      return { ...sof!, orientation, hasEoi };
    }
    pos += len;
  }
  return sof ? { ...sof, orientation, hasEoi: false } : fail('no frame header (SOF) before end of file');
}

/** Reads tag 0x0112 from IFD0 of an APP1 "Exif\0\0" TIFF block (EXIF 2.3 sec. 4.6.2). */
function exifOrientation(bytes: Uint8Array, start: number, end: number): number | undefined {
  const sig = [0x45, 0x78, 0x69, 0x66, 0, 0];
  for (let i = 0; i < 6; i++) if (bytes[start + i] !== sig[i]) return undefined;
  const tiff = start + 6;
  if (tiff + 8 > end) return undefined;
  const little = bytes[tiff] === 0x49;
  const u16 = (p: number): number => (little ? bytes[p]! | (bytes[p + 1]! << 8) : (bytes[p]! << 8) | bytes[p + 1]!);
  const u32 = (p: number): number => (little ? u16(p) + u16(p + 2) * 65536 : u16(p) * 65536 + u16(p + 2));
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > end) return undefined;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return undefined;
    if (u16(entry) === 0x0112) {
      const v = u16(entry + 8);
      return v >= 1 && v <= 8 ? v : undefined;
    }
  }
  return undefined;
}
