import { FacetsError } from '../core/errors.js';

/**
 * Gallery file, version 1 (little-endian):
 *   "FCGL" | u32 version | u32 headerBytes | header JSON (UTF-8) | f32[count*dims] | u32 crc32
 * header: { model, metric, dims, ids: string[] }. The CRC covers every byte before it, so a
 * torn or truncated file is detected at load rather than returning wrong neighbours.
 */
export interface GalleryData {
  model: string;
  metric: string;
  dims: number;
  ids: string[];
  vectors: Float32Array;
}

export const GALLERY_VERSION = 1;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const MAGIC = [0x46, 0x43, 0x47, 0x4c]; // "FCGL"

/** Caps on gallery files read from disk. */
export interface GalleryLimits {
  /** Largest file accepted, bytes. Default 2 GiB. */
  maxBytes: number;
  /** Largest embedding size. Default 65,536. */
  maxDims: number;
}
export const DEFAULT_GALLERY_LIMITS: Readonly<GalleryLimits> = Object.freeze({ maxBytes: 2 ** 31, maxDims: 65_536 });

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3, as in PNG and zip). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function encodeGallery(g: GalleryData): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ model: g.model, metric: g.metric, dims: g.dims, ids: g.ids }));
  const body = 12 + header.length;
  const out = new Uint8Array(body + g.vectors.length * 4 + 4);
  const dv = new DataView(out.buffer);
  out.set(MAGIC, 0);
  dv.setUint32(4, GALLERY_VERSION, true);
  dv.setUint32(8, header.length, true);
  out.set(header, 12);
  if (LITTLE_ENDIAN) out.set(new Uint8Array(g.vectors.buffer, g.vectors.byteOffset, g.vectors.length * 4), body);
  else for (let i = 0; i < g.vectors.length; i++) dv.setFloat32(body + i * 4, g.vectors[i]!, true);
  dv.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

const bad = (why: string): never => {
  throw new FacetsError('E_BAD_MODEL', `Gallery: not a valid gallery file: ${why}`);
};

export function decodeGallery(bytes: Uint8Array, limits: Partial<GalleryLimits> = {}): GalleryData {
  const lim = { ...DEFAULT_GALLERY_LIMITS, ...limits };
  if (bytes.length > lim.maxBytes) throw new FacetsError('E_TOO_LARGE', `Gallery: file is ${bytes.length} bytes, over the cap of ${lim.maxBytes}`);
  if (bytes.length < 16 || MAGIC.some((m, i) => bytes[i] !== m)) bad('missing FCGL signature');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(4, true);
  if (version !== GALLERY_VERSION) throw new FacetsError('E_UNSUPPORTED', `Gallery: file format version ${version}; this facets reads version ${GALLERY_VERSION}`);
  if (crc32(bytes.subarray(0, bytes.length - 4)) !== dv.getUint32(bytes.length - 4, true)) bad('checksum mismatch (torn or corrupted write)');
  const headerBytes = dv.getUint32(8, true);
  if (12 + headerBytes + 4 > bytes.length) bad('header runs past the end');
  let header: { model?: unknown; metric?: unknown; dims?: unknown; ids?: unknown };
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerBytes))) as typeof header;
  } catch {
    return bad('header is not JSON');
  }
  const { model, metric, dims, ids } = header;
  if (typeof model !== 'string' || typeof metric !== 'string') bad('header lacks model/metric');
  if (!Number.isInteger(dims) || (dims as number) < 1 || (dims as number) > lim.maxDims) bad(`dims ${String(dims)} out of range`);
  if (!Array.isArray(ids) || !ids.every((s) => typeof s === 'string')) bad('ids must be strings');
  const n = (ids as string[]).length * (dims as number);
  const body = 12 + headerBytes;
  if (body + n * 4 + 4 !== bytes.length) bad(`expected ${n} floats after the header`);
  const vectors = new Float32Array(n);
  if (LITTLE_ENDIAN) new Uint8Array(vectors.buffer).set(bytes.subarray(body, body + n * 4));
  else for (let i = 0; i < n; i++) vectors[i] = dv.getFloat32(body + i * 4, true);
  return { model: model as string, metric: metric as string, dims: dims as number, ids: ids as string[], vectors };
}
