/**
 * IEEE 754 binary16 -> binary32, as tfjs-core io_utils `getFloat16Decoder` (the TF.js converter's
 * `--quantize_float16` stores weights as raw half floats). Every half value is exactly
 * representable as a float, so the conversion is lossless.
 */

/** The float value of the half-precision bit pattern `h` (0..65535). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24; // subnormal: frac * 2^-14 / 2^10
  if (exp === 0x1f) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/**
 * Decodes `count` little-endian halves starting at `bytes[0]`.
 * requires: bytes.length >= 2 * count. ensures: result[i] = halfToFloat(h_i) exactly.
 */
export function decodeHalves(bytes: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = halfToFloat(bytes[2 * i] | (bytes[2 * i + 1] << 8));
  return out;
}
