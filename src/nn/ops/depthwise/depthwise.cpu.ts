/**
 * Fast CPU depthwise conv: direct loops with the channel axis innermost, so every tap is a
 * contiguous multiply-add over C floats of input, filter and output (NHWC makes depthwise a
 * stream of channel vectors; im2col would only add copies). Multiplier > 1 takes the general loop.
 * 3x3 multiplier-1 convs (any stride/dilation/padding) run on the wasm SIMD kernel
 * (kernels/wasm/depthwise-wasm.ts) when the engine has SIMD.
 */
import { make, type Tensor } from '../../tensor.js';
import { activateInPlace } from '../activation.js';
import type { Activation, Conv2DInfo } from '../names.js';
import { depthwise3x3Wasm } from '../../kernels/wasm/depthwise-wasm.js';
import { epilogueOf } from '../../kernels/wasm/runtime.js';

/** Same contract as depthwiseConv2dRef. */
export function depthwiseConv2dCpu(x: Tensor, filter: Tensor, bias: Tensor | null, info: Conv2DInfo, act: Activation): Tensor {
  if (info.filterH === 3 && info.filterW === 3 && info.outC === info.inC && info.outH * info.outW * info.batch > 0) {
    const out = make([info.batch, info.outH, info.outW, info.outC]);
    const fused = epilogueOf(act.kind);
    if (depthwise3x3Wasm(x.data, filter.data, bias ? bias.data : null, info, fused ?? 0, out.data)) {
      if (fused === null) activateInPlace(out.data, info.outC, act);
      return out;
    }
  }
  if (info.filterH === 3 && info.filterW === 3 && info.outC === info.inC && info.dilationH === 1 && info.dilationW === 1) {
    const out = depthwise3x3(x, filter, bias, info);
    activateInPlace(out.data, info.outC, act);
    return out;
  }
  const { batch, inH, inW, inC, outH, outW, outC, filterH, filterW } = info;
  const mult = outC / inC;
  const out = make([batch, outH, outW, outC]);
  const xd = x.data, wd = filter.data, yd = out.data;
  const acc = new Float64Array(outC);
  for (let b = 0; b < batch; b++)
    for (let oy = 0; oy < outH; oy++)
      for (let ox = 0; ox < outW; ox++) {
        if (bias) for (let c = 0; c < outC; c++) acc[c] = bias.data[c];
        else acc.fill(0);
        for (let ky = 0; ky < filterH; ky++) {
          const iy = oy * info.strideH - info.padTop + ky * info.dilationH;
          if (iy < 0 || iy >= inH) continue;
          for (let kx = 0; kx < filterW; kx++) {
            const ix = ox * info.strideW - info.padLeft + kx * info.dilationW;
            if (ix < 0 || ix >= inW) continue;
            const xo = ((b * inH + iy) * inW + ix) * inC;
            const wo = (ky * filterW + kx) * outC;
            if (mult === 1) {
              for (let c = 0; c < inC; c++) acc[c] += xd[xo + c] * wd[wo + c];
            } else {
              for (let c = 0; c < inC; c++) {
                const v = xd[xo + c];
                for (let m = 0; m < mult; m++) acc[c * mult + m] += v * wd[wo + c * mult + m];
              }
            }
          }
        }
        const yo = ((b * outH + oy) * outW + ox) * outC;
        for (let c = 0; c < outC; c++) yd[yo + c] = acc[c];
      }
  activateInPlace(yd, outC, act);
  return out;
}

/**
 * 3x3, multiplier 1, undilated (every MobileNet block): per output row and channel the nine
 * weights sit in locals and the loop runs along x; interior pixels skip all bounds tests.
 * Rows are the outer loop so the three input rows in use stay in L2.
 */
function depthwise3x3(x: Tensor, filter: Tensor, bias: Tensor | null, info: Conv2DInfo): Tensor {
  const { batch, inH, inW, inC: C, outH, outW, strideH: sh, strideW: sw, padTop, padLeft } = info;
  const out = make([batch, outH, outW, C]);
  const xd = x.data, w = filter.data, yd = out.data;
  const rowStride = inW * C;
  // Output columns whose three taps are all inside the image.
  const oxLo = Math.min(outW, Math.max(0, Math.ceil(padLeft / sw)));
  const oxHi = Math.max(oxLo, Math.min(outW, Math.floor((inW - 3 + padLeft) / sw) + 1));
  for (let b = 0; b < batch; b++)
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * sh - padTop;
      const rowInside = iy0 >= 0 && iy0 + 2 < inH;
      const yRow = ((b * outH + oy) * outW) * C;
      for (let c = 0; c < C; c++) {
        const w0 = w[c], w1 = w[C + c], w2 = w[2 * C + c];
        const w3 = w[3 * C + c], w4 = w[4 * C + c], w5 = w[5 * C + c];
        const w6 = w[6 * C + c], w7 = w[7 * C + c], w8 = w[8 * C + c];
        const z = bias ? bias.data[c] : 0;
        if (rowInside) {
          const r0 = (b * inH + iy0) * rowStride + c, r1 = r0 + rowStride, r2 = r1 + rowStride;
          for (let ox = oxLo; ox < oxHi; ox++) {
            const o = (ox * sw - padLeft) * C;
            yd[yRow + ox * C + c] = z +
              xd[r0 + o] * w0 + xd[r0 + o + C] * w1 + xd[r0 + o + 2 * C] * w2 +
              xd[r1 + o] * w3 + xd[r1 + o + C] * w4 + xd[r1 + o + 2 * C] * w5 +
              xd[r2 + o] * w6 + xd[r2 + o + C] * w7 + xd[r2 + o + 2 * C] * w8;
          }
        }
        // Border pixels (and whole rows touching the top/bottom padding): tap by tap.
        for (let ox = 0; ox < outW; ox++) {
          if (rowInside && ox >= oxLo && ox < oxHi) { ox = oxHi - 1; continue; }
          const ix0 = ox * sw - padLeft;
          let s = z;
          for (let ky = 0; ky < 3; ky++) {
            const iy = iy0 + ky;
            if (iy < 0 || iy >= inH) continue;
            for (let kx = 0; kx < 3; kx++) {
              const ix = ix0 + kx;
              if (ix < 0 || ix >= inW) continue;
              s += xd[((b * inH + iy) * inW + ix) * C + c] * w[(ky * 3 + kx) * C + c];
            }
          }
          yd[yRow + ox * C + c] = s;
        }
      }
    }
  return out;
}
