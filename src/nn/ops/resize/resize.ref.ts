/**
 * Reference bilinear resize of NHWC images with TF.js semantics (tfjs-backend-cpu
 * ResizeBilinear): scale = (alignCorners && out > 1 ? in-1 : in) / (alignCorners && out > 1 ? out-1 : out);
 * src = halfPixelCenters ? scale*(o+0.5)-0.5 : scale*o; lo = max(0, floor(src)),
 * hi = min(in-1, ceil(src)), frac = src - lo; top/bottom rows lerped along x, then along y.
 */
import { make, type Tensor } from '../../tensor.js';

export interface ResizeAxis { lo: Int32Array; hi: Int32Array; frac: Float64Array }

/** Source taps and weights of one axis (shared by the cpu kernel, which precomputes them). */
export function resizeAxis(inSize: number, outSize: number, alignCorners: boolean, halfPixelCenters: boolean): ResizeAxis {
  const effIn = alignCorners && outSize > 1 ? inSize - 1 : inSize;
  const effOut = alignCorners && outSize > 1 ? outSize - 1 : outSize;
  const scale = effIn / effOut;
  const lo = new Int32Array(outSize), hi = new Int32Array(outSize), frac = new Float64Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const src = halfPixelCenters ? scale * (o + 0.5) - 0.5 : scale * o;
    lo[o] = Math.max(0, Math.floor(src));
    hi[o] = Math.min(inSize - 1, Math.ceil(src));
    frac[o] = src - lo[o];
  }
  return { lo, hi, frac };
}

export function resizeBilinearRef(x: Tensor, outH: number, outW: number, alignCorners: boolean, halfPixelCenters: boolean): Tensor {
  const [batch, inH, inW, c] = x.shape;
  const out = make([batch, outH, outW, c]);
  const ys = resizeAxis(inH, outH, alignCorners, halfPixelCenters);
  const xs = resizeAxis(inW, outW, alignCorners, halfPixelCenters);
  const at = (b: number, y: number, xx: number, ch: number): number => x.data[((b * inH + y) * inW + xx) * c + ch];
  for (let b = 0; b < batch; b++)
    for (let oy = 0; oy < outH; oy++)
      for (let ox = 0; ox < outW; ox++)
        for (let ch = 0; ch < c; ch++) {
          const tl = at(b, ys.lo[oy], xs.lo[ox], ch), tr = at(b, ys.lo[oy], xs.hi[ox], ch);
          const bl = at(b, ys.hi[oy], xs.lo[ox], ch), br = at(b, ys.hi[oy], xs.hi[ox], ch);
          const top = tl + (tr - tl) * xs.frac[ox];
          const bottom = bl + (br - bl) * xs.frac[ox];
          out.data[((b * outH + oy) * outW + ox) * c + ch] = top + (bottom - top) * ys.frac[oy];
        }
  return out;
}
