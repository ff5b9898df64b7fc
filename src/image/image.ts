import ndarray from 'ndarray';
import { FacetsError, check } from '../core/errors.js';

/** Channel counts facets handles: grey, RGB, RGBA. */
export type Channels = 1 | 3 | 4;

/**
 * An 8-bit image: row-major, interleaved channels, RGB(A) order.
 * `data.length === width * height * channels`.
 */
export interface Image {
  width: number;
  height: number;
  channels: Channels;
  data: Uint8ClampedArray;
}

/** A grey image (channels 1), the input of the classic stages. */
export interface GrayImage extends Image {
  channels: 1;
}

/** Axis-aligned box in pixels, origin top-left. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A new zero-filled image. requires: width, height >= 0 integers. */
export function createImage(width: number, height: number, channels: Channels): Image {
  checkSize('createImage', width, height);
  check(channels === 1 || channels === 3 || channels === 4, 'createImage', `channels must be 1, 3 or 4, got ${channels}`);
  return { width, height, channels, data: new Uint8ClampedArray(width * height * channels) };
}

/**
 * Throws `E_BAD_ARGUMENT` unless `img` is a well-formed Image (sizes, channels, data length).
 * Public functions call this on every image they receive.
 */
export function assertImage(img: Image, fn: string): void {
  if (img === null || typeof img !== 'object') throw new FacetsError('E_BAD_ARGUMENT', `${fn}: expected an Image, got ${String(img)}`);
  checkSize(fn, img.width, img.height);
  check(img.channels === 1 || img.channels === 3 || img.channels === 4, fn, `channels must be 1, 3 or 4, got ${String(img.channels)}`);
  check((img.data as unknown) instanceof Uint8ClampedArray || (img.data as unknown) instanceof Uint8Array, fn, 'data must be a Uint8ClampedArray');
  check(
    img.data.length === img.width * img.height * img.channels,
    fn,
    `data has ${img.data.length} bytes, expected ${img.width}x${img.height}x${img.channels} = ${img.width * img.height * img.channels}`,
  );
}

/** Throws `E_BAD_ARGUMENT` unless `img` is a single-channel image. */
export function assertGray(img: Image, fn: string): asserts img is GrayImage {
  assertImage(img, fn);
  check(img.channels === 1, fn, `expected a grey image (channels 1), got ${img.channels} channels; call toGray first`);
}

function checkSize(fn: string, width: number, height: number): void {
  check(Number.isInteger(width) && width >= 0, fn, `width must be a non-negative integer, got ${width}`);
  check(Number.isInteger(height) && height >= 0, fn, `height must be a non-negative integer, got ${height}`);
}

/** An ndarray view `[height, width, channels]` over the image's pixels, without copying. */
export function asNdarray(img: Image): ndarray.NdArray<Uint8ClampedArray> {
  return ndarray(img.data, [img.height, img.width, img.channels]);
}

/** A deep copy. */
export function cloneImage(img: Image): Image {
  return { width: img.width, height: img.height, channels: img.channels, data: new Uint8ClampedArray(img.data) };
}
