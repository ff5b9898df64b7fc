/**
 * Reference max / avg pooling over NHWC (TF.js maxPool / avgPool): padded taps are ignored, so
 * an average divides by the number of in-image taps (tfjs-backend-cpu `pool_utils.pool`).
 * A window with no in-image tap gives 0 (TF.js would give -Infinity / NaN; facets never
 * builds such windows from 'same' or 'valid' padding).
 */
import { make, type Tensor } from '../../tensor.js';
import type { Conv2DInfo, PoolType } from '../names.js';

export function poolRef(x: Tensor, info: Conv2DInfo, type: PoolType): Tensor {
  const { batch, inH, inW, inC, outH, outW } = info;
  const out = make([batch, outH, outW, inC]);
  for (let b = 0; b < batch; b++)
    for (let oy = 0; oy < outH; oy++)
      for (let ox = 0; ox < outW; ox++)
        for (let c = 0; c < inC; c++) {
          let m = -Infinity, s = 0, n = 0;
          for (let ky = 0; ky < info.filterH; ky++) {
            const iy = oy * info.strideH - info.padTop + ky * info.dilationH;
            if (iy < 0 || iy >= inH) continue;
            for (let kx = 0; kx < info.filterW; kx++) {
              const ix = ox * info.strideW - info.padLeft + kx * info.dilationW;
              if (ix < 0 || ix >= inW) continue;
              const v = x.data[((b * inH + iy) * inW + ix) * inC + c];
              if (v > m || v !== v) m = v;
              s += v;
              n++;
            }
          }
          out.data[((b * outH + oy) * outW + ox) * inC + c] = n === 0 ? 0 : type === 'max' ? m : s / n;
        }
  return out;
}
