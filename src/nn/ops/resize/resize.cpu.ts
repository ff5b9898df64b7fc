/** Fast CPU bilinear resize: taps and weights per axis precomputed once, channels innermost. */
import { make, type Tensor } from '../../tensor.js';
import { resizeAxis } from './resize.ref.js';

/** Same contract as resizeBilinearRef (identical arithmetic order, so results are bit-equal). */
export function resizeBilinearCpu(x: Tensor, outH: number, outW: number, alignCorners: boolean, halfPixelCenters: boolean): Tensor {
  const [batch, inH, inW, C] = x.shape;
  const out = make([batch, outH, outW, C]);
  const ys = resizeAxis(inH, outH, alignCorners, halfPixelCenters);
  const xs = resizeAxis(inW, outW, alignCorners, halfPixelCenters);
  const xd = x.data, yd = out.data;
  for (let b = 0; b < batch; b++)
    for (let oy = 0; oy < outH; oy++) {
      const top = (b * inH + ys.lo[oy]) * inW, bot = (b * inH + ys.hi[oy]) * inW, fy = ys.frac[oy];
      for (let ox = 0; ox < outW; ox++) {
        const l = xs.lo[ox] * C, r = xs.hi[ox] * C, fx = xs.frac[ox];
        const tl = top * C + l, tr = top * C + r, bl = bot * C + l, br = bot * C + r;
        const yo = ((b * outH + oy) * outW + ox) * C;
        for (let c = 0; c < C; c++) {
          const t = xd[tl + c] + (xd[tr + c] - xd[tl + c]) * fx;
          const u = xd[bl + c] + (xd[br + c] - xd[bl + c]) * fx;
          yd[yo + c] = t + (u - t) * fy;
        }
      }
    }
  return out;
}
