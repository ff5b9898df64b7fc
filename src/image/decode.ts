import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { FacetsError } from '../core/errors.js';
import type { Channels, Image } from './image.js';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './limits.js';
import { sniffFormat } from './sniff.js';
import { readJpegHeader } from './jpeg-header.js';
import { applyOrientation } from './orientation.js';
import { checkPngImageData } from './decode-png-data.js';
import { jpegScanBytes } from './decode-jpeg-size.js';

/** Options of {@link decodeImage}. */
export interface DecodeOptions {
  /** Caps on size and memory; any field left out keeps its default ({@link DEFAULT_DECODE_LIMITS}). */
  limits?: Partial<DecodeLimits>;
  /** Apply the EXIF orientation of a JPEG so that the result is upright. Default true. */
  applyExifOrientation?: boolean;
}

/**
 * Decodes PNG (1/2/4/8/16-bit grey, grey+alpha, palette, RGB, RGBA, interlaced) and JPEG
 * (baseline, progressive, greyscale) bytes to an 8-bit Image.
 *
 * requires: bytes is the whole file.
 * ensures: grey PNG/JPEG -> channels 1; RGB and palette -> 3; anything with alpha -> 4 (RGBA).
 * throws: `E_DECODE` for truncated, corrupt or unsupported data (WebP, GIF, ... are named);
 *   `E_TOO_LARGE` when the header claims more than `limits.maxPixels` or `maxDimension`,
 *   or the input exceeds `limits.maxBytes`. Both are raised before any pixel memory is allocated.
 */
export function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Image {
  if (!(bytes instanceof Uint8Array)) throw new FacetsError('E_BAD_ARGUMENT', 'decodeImage: bytes must be a Uint8Array');
  const limits = { ...DEFAULT_DECODE_LIMITS, ...options.limits };
  if (bytes.length > limits.maxBytes) {
    throw new FacetsError('E_TOO_LARGE', `decodeImage: input is ${bytes.length} bytes, over the ${limits.maxBytes}-byte cap (limits.maxBytes)`);
  }
  const format = sniffFormat(bytes);
  switch (format) {
    case 'png':
      return decodePng(bytes, limits);
    case 'jpeg':
      return decodeJpeg(bytes, limits, options.applyExifOrientation ?? true);
    case 'unknown':
      throw new FacetsError('E_DECODE', `decodeImage: not a PNG or JPEG file (${bytes.length} bytes, unrecognised signature)`);
    default:
      throw new FacetsError('E_DECODE', `decodeImage: this is a ${format.toUpperCase()} file; facets decodes PNG and JPEG only`);
  }
}

function checkDimensions(width: number, height: number, limits: DecodeLimits, kind: string): void {
  if (width <= 0 || height <= 0) throw new FacetsError('E_DECODE', `decodeImage: ${kind} header has an empty size ${width}x${height}`);
  if (width > limits.maxDimension || height > limits.maxDimension || width * height > limits.maxPixels) {
    throw new FacetsError(
      'E_TOO_LARGE',
      `decodeImage: ${kind} is ${width}x${height} (${((width * height) / 1e6).toFixed(1)} MP), over the cap of ${limits.maxPixels / 1e6} MP / ${limits.maxDimension} px per side (limits.maxPixels, limits.maxDimension)`,
    );
  }
}

function decodePng(bytes: Uint8Array, limits: DecodeLimits): Image {
  // IHDR must be the first chunk (PNG spec sec. 5.6): signature(8) length(4) "IHDR"(4) w(4) h(4).
  if (bytes.length < 33) throw new FacetsError('E_DECODE', 'decodeImage: truncated PNG (no complete IHDR chunk)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(12) !== 0x49484452) throw new FacetsError('E_DECODE', 'decodeImage: corrupt PNG (first chunk is not IHDR)');
  checkDimensions(view.getUint32(16), view.getUint32(20), limits, 'PNG');
  checkPngImageData(bytes);
  let png: ReturnType<typeof PNG.sync.read>;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new FacetsError('E_DECODE', `decodeImage: corrupt or truncated PNG: ${(e as Error).message}`, { cause: e });
  }
  const { width, height } = png;
  const rgba = png.data;
  if (rgba.length !== width * height * 4) throw new FacetsError('E_DECODE', 'decodeImage: PNG decoded to an unexpected size');
  // pngjs always hands back 8-bit RGBA; keep only the channels the file really has.
  const colorType = (png as unknown as { colorType: number }).colorType;
  const hasAlpha = png.alpha || colorType === 4 || colorType === 6;
  const isGray = colorType === 0 && !hasAlpha;
  const channels: Channels = isGray ? 1 : hasAlpha ? 4 : 3;
  return fromRgba(rgba, width, height, channels);
}

function decodeJpeg(bytes: Uint8Array, limits: DecodeLimits, orient: boolean): Image {
  const header = readJpegHeader(bytes);
  checkDimensions(header.width, header.height, limits, 'JPEG');
  if (!header.hasEoi) throw new FacetsError('E_DECODE', 'decodeImage: truncated JPEG (no EOI marker after the scan data)');
  const scan = jpegScanBytes(bytes);
  if (scan.have < scan.need) {
    throw new FacetsError('E_DECODE', `decodeImage: truncated JPEG: ${scan.have} bytes of scan data cannot code a ${header.width}x${header.height} image (at least ${scan.need} needed)`);
  }
  if (header.components !== 1 && header.components !== 3) {
    throw new FacetsError('E_DECODE', `decodeImage: JPEG with ${header.components} components (CMYK/YCCK) is not supported`);
  }
  let raw: { width: number; height: number; data: Uint8Array };
  try {
    raw = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: true,
      maxResolutionInMP: limits.maxPixels / 1e6,
      maxMemoryUsageInMB: limits.maxMemoryMB,
    });
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    const code = /limit exceeded/.test(msg) ? 'E_TOO_LARGE' : 'E_DECODE';
    throw new FacetsError(code, `decodeImage: corrupt JPEG: ${msg}`, { cause: e });
  }
  if (raw.width !== header.width || raw.height !== header.height || raw.data.length !== raw.width * raw.height * 3) {
    throw new FacetsError('E_DECODE', 'decodeImage: JPEG decoded to an unexpected size');
  }
  let img: Image;
  if (header.components === 1) {
    // jpeg-js replicates grey into three channels; keep one.
    const data = new Uint8ClampedArray(raw.width * raw.height);
    for (let i = 0, j = 0; i < data.length; i++, j += 3) data[i] = raw.data[j]!;
    img = { width: raw.width, height: raw.height, channels: 1, data };
  } else {
    img = { width: raw.width, height: raw.height, channels: 3, data: new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.length) };
  }
  return orient ? applyOrientation(img, header.orientation) : img;
}

function fromRgba(rgba: Uint8Array, width: number, height: number, channels: Channels): Image {
  const n = width * height;
  if (channels === 4) return { width, height, channels, data: new Uint8ClampedArray(rgba.buffer.slice(rgba.byteOffset, rgba.byteOffset + n * 4)) };
  const data = new Uint8ClampedArray(n * channels);
  if (channels === 1) {
    for (let i = 0; i < n; i++) data[i] = rgba[i * 4]!;
  } else {
    for (let i = 0, j = 0, k = 0; i < n; i++, j += 4, k += 3) {
      data[k] = rgba[j]!;
      data[k + 1] = rgba[j + 1]!;
      data[k + 2] = rgba[j + 2]!;
    }
  }
  return { width, height, channels, data };
}

/**
 * Reads and decodes an image from a file path (Node, Bun, Deno) or from bytes.
 * throws: `E_IO` when the file cannot be read; otherwise as {@link decodeImage}.
 */
export async function readImage(source: string | Uint8Array, options: DecodeOptions = {}): Promise<Image> {
  if (typeof source !== 'string') return decodeImage(source, options);
  // Loaded lazily so that the core stays importable in browsers.
  const fs = await import('node:fs/promises');
  let bytes: Uint8Array;
  try {
    const limits = { ...DEFAULT_DECODE_LIMITS, ...options.limits };
    const st = await fs.stat(source);
    if (st.size > limits.maxBytes) {
      throw new FacetsError('E_TOO_LARGE', `readImage: ${source} is ${st.size} bytes, over the ${limits.maxBytes}-byte cap (limits.maxBytes)`);
    }
    bytes = await fs.readFile(source);
  } catch (e) {
    if (e instanceof FacetsError) throw e;
    throw new FacetsError('E_IO', `readImage: cannot read ${source}: ${(e as Error).message}`, { cause: e });
  }
  return decodeImage(bytes, options);
}
