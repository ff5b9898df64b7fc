/**
 * Caps on untrusted image input. Defaults are deliberately generous for photos and strict
 * enough that a hostile header cannot make facets allocate gigabytes.
 */
export interface DecodeLimits {
  /** Largest width x height accepted, in pixels. Default 100 megapixels. */
  maxPixels: number;
  /** Largest encoded input accepted, in bytes. Default 256 MiB. */
  maxBytes: number;
  /** Largest width or height accepted, in pixels. Default 65535 (the JPEG limit). */
  maxDimension: number;
  /** Memory jpeg-js may use while decoding, in MiB. Default 1024. */
  maxMemoryMB: number;
}

export const DEFAULT_DECODE_LIMITS: Readonly<DecodeLimits> = Object.freeze({
  maxPixels: 100_000_000,
  maxBytes: 256 * 1024 * 1024,
  maxDimension: 65_535,
  maxMemoryMB: 1024,
});
