/**
 * Reference depthwise conv (TF.js depthwiseConv2d): each input channel ci is convolved with its
 * own `multiplier` filters; output channel co = ci * multiplier + m.
 */
import { make, type Tensor } from '../../tensor.js';
import { activate } from '../activation.js';
import type { Activation, Conv2DInfo } from '../names.js';

/** requires: x [batch, inH, inW, inC], filter [filterH, filterW, inC, multiplier], info.outC = inC*multiplier. */
export function depthwiseConv2dRef(x: Tensor, filter: Tensor, bias: Tensor | null, info: Conv2DInfo, act: Activation): Tensor {
  const { batch, inH, inW, inC, outH, outW, outC, filterH, filterW } = info;
  const mult = outC / inC;
  const out = make([batch, outH, outW, outC]);
  const xd = x.data, wd = filter.data, yd = out.data;
  for (let b = 0; b < batch; b++)
    for (let oy = 0; oy < outH; oy++)
      for (let ox = 0; ox < outW; ox++)
        for (let ci = 0; ci < inC; ci++)
          for (let m = 0; m < mult; m++) {
            const co = ci * mult + m;
            let s = bias ? bias.data[co] : 0;
            for (let ky = 0; ky < filterH; ky++) {
              const iy = oy * info.strideH - info.padTop + ky * info.dilationH;
              if (iy < 0 || iy >= inH) continue;
              for (let kx = 0; kx < filterW; kx++) {
                const ix = ox * info.strideW - info.padLeft + kx * info.dilationW;
                if (ix < 0 || ix >= inW) continue;
                s += xd[((b * inH + iy) * inW + ix) * inC + ci] * wd[((ky * filterW + kx) * inC + ci) * mult + m];
              }
            }
            yd[((b * outH + oy) * outW + ox) * outC + co] = activate(s, co, act);
          }
  return out;
}
