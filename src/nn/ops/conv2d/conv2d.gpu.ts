/**
 * gpu.js conv2d: one thread per output element (flat NHWC index), direct sum over the window.
 * The fused activation is inlined (gpu.js bodies cannot call our helpers); codes follow
 * activationCode(): 0 linear, 1 relu, 2 relu6, 3 leakyrelu, 4 prelu, 5 tanh, 6 sigmoid.
 */
import { make, type Tensor } from '../../tensor.js';
import { activationCode } from '../activation.js';
import { gpuRun, type GpuThis } from '../../kernels/gpujs-runtime.js';
import type { Activation, Conv2DInfo } from '../names.js';

/** Kernel body: args x, filter (HWIO), bias [outC], slopes [outC] (prelu). */
export function conv2dBody(this: GpuThis, x: Float32Array, w: Float32Array, bias: Float32Array, slope: Float32Array): number {
  const i = this.thread.x;
  const outC = this.constants.outC;
  const p = Math.floor((i + 0.5) / outC);
  const co = i - p * outC;
  const q = Math.floor((p + 0.5) / this.constants.outW);
  const ox = p - q * this.constants.outW;
  const b = Math.floor((q + 0.5) / this.constants.outH);
  const oy = q - b * this.constants.outH;
  let s = 0;
  if (this.constants.hasBias === 1) {
    s = bias[co];
  }
  for (let ky = 0; ky < this.constants.filterH; ky++) {
    const iy = oy * this.constants.strideH - this.constants.padTop + ky * this.constants.dilationH;
    if (iy >= 0 && iy < this.constants.inH) {
      for (let kx = 0; kx < this.constants.filterW; kx++) {
        const ix = ox * this.constants.strideW - this.constants.padLeft + kx * this.constants.dilationW;
        if (ix >= 0 && ix < this.constants.inW) {
          const xo = ((b * this.constants.inH + iy) * this.constants.inW + ix) * this.constants.inC;
          const wo = (ky * this.constants.filterW + kx) * this.constants.inC * outC + co;
          for (let ci = 0; ci < this.constants.inC; ci++) {
            s += x[xo + ci] * w[wo + ci * outC];
          }
        }
      }
    }
  }
  const act = this.constants.act;
  if (act === 1) { s = Math.max(s, 0); }
  if (act === 2) { s = Math.min(Math.max(s, 0), 6); }
  if (act === 3 && s < 0) { s = s * this.constants.alpha; }
  if (act === 4 && s < 0) { s = s * slope[co]; }
  if (act === 5) {
    const e = Math.exp(-2 * Math.abs(s));
    const t = (1 - e) / (1 + e);
    s = s < 0 ? -t : t;
  }
  if (act === 6) { s = 1 / (1 + Math.exp(-s)); }
  return s;
}

/** Constants shared by the conv-like kernels (window geometry + activation). */
export function windowConstants(info: Conv2DInfo, act: Activation, hasBias: boolean): Record<string, number> {
  return {
    inH: info.inH, inW: info.inW, inC: info.inC, outH: info.outH, outW: info.outW, outC: info.outC,
    filterH: info.filterH, filterW: info.filterW, strideH: info.strideH, strideW: info.strideW,
    dilationH: info.dilationH, dilationW: info.dilationW, padTop: info.padTop, padLeft: info.padLeft,
    act: activationCode(act), alpha: act.alpha ?? 0, hasBias: hasBias ? 1 : 0,
  };
}

/** Same contract as conv2dRef. */
export function conv2dGpu(x: Tensor, filter: Tensor, bias: Tensor | null, info: Conv2DInfo, act: Activation): Tensor {
  const shape = [info.batch, info.outH, info.outW, info.outC];
  const n = shape[0] * shape[1] * shape[2] * shape[3];
  if (n === 0) return make(shape);
  const slope = act.preluAlpha ? act.preluAlpha.data : new Float32Array(0);
  return make(shape, gpuRun('conv2d', conv2dBody, n, windowConstants(info, act, bias !== null), [x.data, filter.data, bias ? bias.data : new Float32Array(0), slope]));
}
