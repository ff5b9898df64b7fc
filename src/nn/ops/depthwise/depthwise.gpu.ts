/** gpu.js depthwise conv: one thread per output element; output channel co = ci * mult + m. */
import { make, type Tensor } from '../../tensor.js';
import { gpuRun, type GpuThis } from '../../kernels/gpujs-runtime.js';
import { windowConstants } from '../conv2d/conv2d.gpu.js';
import type { Activation, Conv2DInfo } from '../names.js';

/** Kernel body: args x, filter [fh, fw, inC, mult], bias [outC], slopes [outC]. */
export function depthwiseBody(this: GpuThis, x: Float32Array, w: Float32Array, bias: Float32Array, slope: Float32Array): number {
  const i = this.thread.x;
  const outC = this.constants.outC;
  const mult = this.constants.mult;
  const p = Math.floor((i + 0.5) / outC);
  const co = i - p * outC;
  const ci = Math.floor((co + 0.5) / mult);
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
          s += x[((b * this.constants.inH + iy) * this.constants.inW + ix) * this.constants.inC + ci] * w[(ky * this.constants.filterW + kx) * outC + co];
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

/** Same contract as depthwiseConv2dRef. */
export function depthwiseConv2dGpu(x: Tensor, filter: Tensor, bias: Tensor | null, info: Conv2DInfo, act: Activation): Tensor {
  const shape = [info.batch, info.outH, info.outW, info.outC];
  const n = shape[0] * shape[1] * shape[2] * shape[3];
  if (n === 0) return make(shape);
  const slope = act.preluAlpha ? act.preluAlpha.data : new Float32Array(0);
  const constants = { ...windowConstants(info, act, bias !== null), mult: info.outC / info.inC };
  return make(shape, gpuRun('depthwiseConv2d', depthwiseBody, n, constants, [x.data, filter.data, bias ? bias.data : new Float32Array(0), slope]));
}
