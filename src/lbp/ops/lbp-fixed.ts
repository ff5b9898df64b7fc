/**
 * A circular LBP operator with exact integer arithmetic, for when OpenCV's float32 bit-exactness
 * is not wanted. OpenCV's `elbp_` sums w1*a + w2*b + w3*c + w4*d in float32 in a tap order that
 * changes with the sample's quadrant and its weights do not sum to 1, so on a flat patch of grey
 * 128 its sample 5 (P=8, r=1) reads 127.99999 (darker than the centre) while the mirror-image
 * sample 1 reads 128: codes are then not rotation invariant (riu2 changes under a 90-degree turn).
 * Here the weights are rounded to 16.16 fixed point summing to exactly 65536, the sums are exact
 * integers, and when P is a multiple of 4 the samples of quadrants 2..4 are the first quadrant's
 * taps turned by exact quarter turns, so a 90-degree rotation of the image permutes the bits
 * exactly (Ojala et al. 2002 sec. 2.2 assume this symmetry).
 */
import { circularSamples } from './sampling.js';

const ONE = 65536;

interface Tap {
  dy: number;
  dx: number;
  w: number; // weight * 65536, integer
}

/** Taps of every sample in bit order. requires: radius >= 1, 1 <= P <= 31. */
export function fixedTaps(radius: number, neighbors: number): Tap[][] {
  const samples = circularSamples(radius, neighbors);
  const quarter = neighbors % 4 === 0 ? neighbors / 4 : neighbors;
  const out: Tap[][] = [];
  for (let n = 0; n < quarter; n++) {
    const s = samples[n];
    const taps: Tap[] = [
      { dy: s.fy, dx: s.fx, w: Math.round(s.w1 * ONE) },
      { dy: s.fy, dx: s.cx, w: Math.round(s.w2 * ONE) },
      { dy: s.cy, dx: s.fx, w: Math.round(s.w3 * ONE) },
      { dy: s.cy, dx: s.cx, w: Math.round(s.w4 * ONE) },
    ];
    // Give the rounding slack to the heaviest tap so that a flat patch sums to exactly c*65536.
    let heaviest = 0;
    for (let k = 1; k < 4; k++) if (taps[k].w > taps[heaviest].w) heaviest = k;
    taps[heaviest].w += ONE - taps.reduce((acc, t) => acc + t.w, 0);
    out.push(taps.filter((t) => t.w !== 0));
  }
  // Quarter turn counter-clockwise on screen (y down): offset (dx, dy) -> (dy, -dx).
  for (let n = quarter; n < neighbors; n++) {
    out.push(out[n - quarter].map((t) => ({ dy: -t.dx, dx: t.dy, w: t.w })));
  }
  return out;
}

/**
 * Raw codes with fixed-point bilinear samples: bit n set when sum(w*p) >= 65536*centre.
 * requires: as circularCodesRef. ensures: same size and bit order as OpenCV's operator; for
 *   P % 4 === 0, rotating the image by 90 degrees rotates every code by P/4 bits.
 */
export function circularFixedCodes(src: ArrayLike<number>, width: number, height: number, radius: number, neighbors: number): Uint32Array {
  const outW = width - 2 * radius;
  const out = new Uint32Array(outW * (height - 2 * radius));
  const taps = fixedTaps(radius, neighbors);
  for (let i = radius; i < height - radius; i++) {
    for (let j = radius; j < width - radius; j++) {
      const centre = src[i * width + j] * ONE;
      let code = 0;
      for (let n = 0; n < neighbors; n++) {
        let t = 0;
        for (const tap of taps[n]) t += tap.w * src[(i + tap.dy) * width + j + tap.dx];
        if (t >= centre) code = (code | (1 << n)) >>> 0;
      }
      out[(i - radius) * outW + (j - radius)] = code;
    }
  }
  return out;
}
