import { circularSamples } from './sampling.js';

const FLT_EPSILON = 2 ** -23;
const f32 = Math.fround;

/**
 * Fast path of {@link circularCodesRef} with identical results: like OpenCV's `elbp_` it walks
 * the image once per sample with that sample's taps folded into four fixed index offsets, so
 * the inner loop touches only typed arrays and locals. Property-tested equal to the reference.
 * requires: as circularCodesRef.
 */
export function circularCodesCpu(src: Uint8ClampedArray | Uint8Array, width: number, height: number, radius: number, neighbors: number): Uint32Array {
  const outW = width - 2 * radius;
  const out = new Uint32Array(outW * (height - 2 * radius));
  const samples = circularSamples(radius, neighbors);
  for (let n = 0; n < neighbors; n++) {
    const s = samples[n];
    const { w1, w2, w3, w4 } = s;
    const oA = s.fy * width + s.fx;
    const oB = s.fy * width + s.cx;
    const oC = s.cy * width + s.fx;
    const oD = s.cy * width + s.cx;
    // Storing into a Uint32Array takes the low 32 bits, so bit 31 needs no special case.
    const bit = 1 << n;
    for (let i = radius; i < height - radius; i++) {
      let p = i * width + radius;
      let q = (i - radius) * outW;
      for (let j = 0; j < outW; j++, p++, q++) {
        const t = f32(f32(f32(f32(w1 * src[p + oA]) + f32(w2 * src[p + oB])) + f32(w3 * src[p + oC])) + f32(w4 * src[p + oD]));
        const c = src[p];
        if (t > c || Math.abs(f32(t - c)) < FLT_EPSILON) out[q] |= bit;
      }
    }
  }
  return out;
}
