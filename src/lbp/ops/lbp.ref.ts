import { circularSamples } from './sampling.js';

/** float32 machine epsilon, `std::numeric_limits<float>::epsilon()` (2^-23). */
const FLT_EPSILON = 2 ** -23;
const f32 = Math.fround;

/**
 * Raw codes of OpenCV's extended circular operator (lbph_faces.cpp `elbp_`), the living
 * definition: one pixel at a time, one sample at a time, in float32 like the C++.
 * A sample sets its bit when the interpolated value t is above the centre or within float
 * epsilon of it (`t > c || |t - c| < FLT_EPSILON`); so equal gives 1, darker gives 0.
 * requires: src.length === width*height, width and height >= 2*radius+1, 1 <= neighbors <= 31.
 * ensures: returns (width-2r)*(height-2r) codes, row-major, the r-pixel border cropped.
 */
export function circularCodesRef(src: ArrayLike<number>, width: number, height: number, radius: number, neighbors: number): Uint32Array {
  const outW = width - 2 * radius;
  const outH = height - 2 * radius;
  const out = new Uint32Array(outW * outH);
  const samples = circularSamples(radius, neighbors);
  for (let i = radius; i < height - radius; i++) {
    for (let j = radius; j < width - radius; j++) {
      const centre = src[i * width + j];
      let code = 0;
      for (let n = 0; n < neighbors; n++) {
        const s = samples[n];
        const a = src[(i + s.fy) * width + j + s.fx];
        const b = src[(i + s.fy) * width + j + s.cx];
        const c = src[(i + s.cy) * width + j + s.fx];
        const d = src[(i + s.cy) * width + j + s.cx];
        // C++ evaluates w1*a + w2*b + w3*c + w4*d left to right in float.
        const t = f32(f32(f32(f32(s.w1 * a) + f32(s.w2 * b)) + f32(s.w3 * c)) + f32(s.w4 * d));
        if (t > centre || Math.abs(f32(t - centre)) < FLT_EPSILON) code = (code | (1 << n)) >>> 0;
      }
      out[(i - radius) * outW + (j - radius)] = code;
    }
  }
  return out;
}

/**
 * Raw codes of OpenCV's original 3x3 operator (lbph_faces.cpp `olbp_`): neighbour >= centre sets
 * the bit; bit 7 is the top-left neighbour and the bits run clockwise down to bit 0 on the left.
 * requires: width, height >= 3. ensures: (width-2)*(height-2) codes in 0..255.
 */
export function basicCodesRef(src: ArrayLike<number>, width: number, height: number): Uint32Array {
  const outW = width - 2;
  const out = new Uint32Array(outW * (height - 2));
  // Clockwise from the top-left: (dy, dx) for bits 7..0.
  const ring: ReadonlyArray<readonly [number, number]> = [
    [-1, -1], [-1, 0], [-1, 1], [0, 1], [1, 1], [1, 0], [1, -1], [0, -1],
  ];
  for (let i = 1; i < height - 1; i++) {
    for (let j = 1; j < width - 1; j++) {
      const centre = src[i * width + j];
      let code = 0;
      for (let k = 0; k < 8; k++) {
        const [dy, dx] = ring[k];
        if (src[(i + dy) * width + j + dx] >= centre) code |= 1 << (7 - k);
      }
      out[(i - 1) * outW + (j - 1)] = code;
    }
  }
  return out;
}
