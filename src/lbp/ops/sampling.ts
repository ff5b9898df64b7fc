/**
 * Sample points and bilinear weights of OpenCV's extended (circular) LBP operator,
 * opencv_contrib modules/face/src/lbph_faces.cpp `elbp_`, reproduced in float32 step by step so
 * that codes match bit for bit:
 *   x = float(r * cos(2*pi*n / float(P))), y = float(-r * sin(...))   (double maths, then float)
 *   fx, fy = floor; cx, cy = ceil; tx = x - fx, ty = y - fy           (float)
 *   w1 = (1-tx)(1-ty), w2 = tx(1-ty), w3 = (1-tx)ty, w4 = tx*ty       (float)
 * Sample n = 0 lies to the right of the centre and n grows counter-clockwise (y is negated
 * because image rows grow downwards); sample n sets bit n.
 */
export interface CircularSample {
  /** Row/column offsets of the four bilinear taps (floor and ceil of y, x). */
  fy: number;
  fx: number;
  cy: number;
  cx: number;
  /** float32 weights of taps (fy,fx), (fy,cx), (cy,fx), (cy,cx). */
  w1: number;
  w2: number;
  w3: number;
  w4: number;
}

const f32 = Math.fround;

/** The P sample points for radius r, in bit order. requires: r >= 1, P >= 1 integers. */
export function circularSamples(radius: number, neighbors: number): CircularSample[] {
  const samples: CircularSample[] = [];
  for (let n = 0; n < neighbors; n++) {
    // 2.0*CV_PI*n / static_cast<float>(neighbors): the divisor is a float promoted to double.
    const angle = (2.0 * Math.PI * n) / f32(neighbors);
    const x = f32(radius * Math.cos(angle));
    const y = f32(-radius * Math.sin(angle));
    const fx = Math.floor(x);
    const fy = Math.floor(y);
    const cx = Math.ceil(x);
    const cy = Math.ceil(y);
    const ty = f32(y - fy);
    const tx = f32(x - fx);
    samples.push({
      fy: fy === 0 ? 0 : fy, // floor(-0) is -0; offsets are ints in C++
      fx: fx === 0 ? 0 : fx,
      cy: cy === 0 ? 0 : cy,
      cx: cx === 0 ? 0 : cx,
      w1: f32(f32(1 - tx) * f32(1 - ty)),
      w2: f32(tx * f32(1 - ty)),
      w3: f32(f32(1 - tx) * ty),
      w4: f32(tx * ty),
    });
  }
  return samples;
}
