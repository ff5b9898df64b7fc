/**
 * Browser image input: the platform decodes (createImageBitmap), so the bundle carries no
 * pngjs/zlib/Buffer shim. PNG pixels equal Node's decodeImage exactly (lossless, and we ask for
 * no colour-space conversion); JPEG pixels may differ by a few levels from jpeg-js, as
 * libjpeg-turbo's do (shared/README.md), so parity tests feed PNG.
 */
import { FacetsError } from '../core/errors.js';
import type { Image } from '../image/image.js';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from '../image/limits.js';
import { sniffFormat } from '../image/sniff.js';

/** What the browser entry accepts as a picture. */
export type BrowserImageSource = Uint8Array | Blob | ImageData | ImageBitmap | HTMLImageElement | HTMLCanvasElement | HTMLVideoElement;

/**
 * RGBA ImageData -> facets Image: RGB (channels 3) when every pixel is opaque, else RGBA.
 * ensures: a fresh buffer (the ImageData is not kept).
 */
export function imageFromImageData(data: ImageData): Image {
  const { width, height } = data;
  const src = data.data;
  let opaque = true;
  for (let i = 3; i < src.length; i += 4) if (src[i] !== 255) { opaque = false; break; }
  if (!opaque) return { width, height, channels: 4, data: new Uint8ClampedArray(src) };
  const out = new Uint8ClampedArray(width * height * 3);
  for (let i = 0, j = 0; i < src.length; i += 4, j += 3) {
    out[j] = src[i]; out[j + 1] = src[i + 1]; out[j + 2] = src[i + 2];
  }
  return { width, height, channels: 3, data: out };
}

/**
 * Decodes or grabs a picture in a browser (or any runtime with createImageBitmap and
 * OffscreenCanvas / document).
 * requires: bytes are a whole PNG or JPEG file (other formats are refused like decodeImage does).
 * ensures: E_TOO_LARGE over the limits (checked on the byte count first, then on the size);
 *   E_DECODE when the platform cannot decode; E_UNSUPPORTED without createImageBitmap.
 */
export async function browserImage(src: BrowserImageSource, limits: Partial<DecodeLimits> = {}): Promise<Image> {
  const lim = { ...DEFAULT_DECODE_LIMITS, ...limits };
  if (isImageDataLike(src)) return checked(imageFromImageData(src), lim);
  let source: ImageBitmapSource;
  // Bytes are checked before anything platform-specific, so bad input fails the same everywhere.
  if (src instanceof Uint8Array) source = new Blob([bytesOf(src, lim)]);
  else if (typeof Blob !== 'undefined' && src instanceof Blob) source = new Blob([bytesOf(new Uint8Array(await src.arrayBuffer()), lim)]);
  else source = src as ImageBitmapSource;
  if (typeof createImageBitmap !== 'function') throw new FacetsError('E_UNSUPPORTED', 'browserImage: this runtime has no createImageBitmap; use decodeImage from the Node entry');
  let bitmap: ImageBitmap;
  try {
    // No colour management and no premultiplication: the pixels must be the file's own values.
    bitmap = await createImageBitmap(source, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch (e) {
    throw new FacetsError('E_DECODE', `browserImage: the browser cannot decode this picture: ${(e as Error).message}`, { cause: e });
  }
  try {
    if (bitmap.width < 1 || bitmap.height < 1) throw new FacetsError('E_DECODE', `browserImage: empty picture ${bitmap.width}x${bitmap.height}`);
    checkSize(bitmap.width, bitmap.height, lim);
    return imageFromImageData(pixelsOf(bitmap));
  } finally {
    bitmap.close();
  }
}

function bytesOf(bytes: Uint8Array, lim: DecodeLimits): Uint8Array<ArrayBuffer> {
  if (bytes.length > lim.maxBytes) throw new FacetsError('E_TOO_LARGE', `browserImage: input is ${bytes.length} bytes, over the ${lim.maxBytes}-byte cap (limits.maxBytes)`);
  const format = sniffFormat(bytes);
  if (format === 'unknown') throw new FacetsError('E_DECODE', `browserImage: not a PNG or JPEG file (${bytes.length} bytes, unrecognised signature)`);
  if (format !== 'png' && format !== 'jpeg') throw new FacetsError('E_DECODE', `browserImage: this is a ${format.toUpperCase()} file; facets decodes PNG and JPEG only`);
  return new Uint8Array(bytes);
}

function pixelsOf(bitmap: ImageBitmap): ImageData {
  const { width, height } = bitmap;
  const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height });
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new FacetsError('E_UNSUPPORTED', 'browserImage: no 2D canvas context');
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, width, height, { colorSpace: 'srgb' });
}

function checkSize(width: number, height: number, lim: DecodeLimits): void {
  if (width > lim.maxDimension || height > lim.maxDimension || width * height > lim.maxPixels) {
    throw new FacetsError('E_TOO_LARGE', `browserImage: picture is ${width}x${height}, over the cap of ${lim.maxPixels} pixels / ${lim.maxDimension} px per side (limits)`);
  }
}

function checked(img: Image, lim: DecodeLimits): Image {
  checkSize(img.width, img.height, lim);
  return img;
}

/** ImageData by shape, not class: node-canvas and other polyfills make their own ImageData. */
function isImageDataLike(src: BrowserImageSource): src is ImageData {
  const d = src as Partial<ImageData>;
  return d.data instanceof Uint8ClampedArray && Number.isInteger(d.width) && Number.isInteger(d.height)
    && d.width! > 0 && d.height! > 0 && d.data.length === d.width! * d.height! * 4;
}
