/** gpu.js bilinear resize with TF.js semantics (see resize.ref.ts); source positions in float32. */
import { make, type Tensor } from '../../tensor.js';
import { gpuRun, type GpuThis } from '../../kernels/gpujs-runtime.js';

export function resizeBody(this: GpuThis, x: Float32Array): number {
  const i = this.thread.x;
  const C = this.constants.c;
  const p = Math.floor((i + 0.5) / C);
  const c = i - p * C;
  const q = Math.floor((p + 0.5) / this.constants.outW);
  const ox = p - q * this.constants.outW;
  const b = Math.floor((q + 0.5) / this.constants.outH);
  const oy = q - b * this.constants.outH;
  let sy = this.constants.scaleH * oy;
  let sx = this.constants.scaleW * ox;
  if (this.constants.half === 1) {
    sy = this.constants.scaleH * (oy + 0.5) - 0.5;
    sx = this.constants.scaleW * (ox + 0.5) - 0.5;
  }
  const y0 = Math.max(0, Math.floor(sy));
  const y1 = Math.min(this.constants.inH - 1, Math.ceil(sy));
  const x0 = Math.max(0, Math.floor(sx));
  const x1 = Math.min(this.constants.inW - 1, Math.ceil(sx));
  const fy = sy - y0;
  const fx = sx - x0;
  const rowT = (b * this.constants.inH + y0) * this.constants.inW;
  const rowB = (b * this.constants.inH + y1) * this.constants.inW;
  const tl = x[(rowT + x0) * C + c];
  const tr = x[(rowT + x1) * C + c];
  const bl = x[(rowB + x0) * C + c];
  const br = x[(rowB + x1) * C + c];
  const top = tl + (tr - tl) * fx;
  const bot = bl + (br - bl) * fx;
  return top + (bot - top) * fy;
}

/** Same contract as resizeBilinearRef. */
export function resizeBilinearGpu(x: Tensor, outH: number, outW: number, alignCorners: boolean, halfPixelCenters: boolean): Tensor {
  const [batch, inH, inW, c] = x.shape;
  const shape = [batch, outH, outW, c];
  const n = batch * outH * outW * c;
  if (n === 0) return make(shape);
  const scaleH = (alignCorners && outH > 1 ? inH - 1 : inH) / (alignCorners && outH > 1 ? outH - 1 : outH);
  const scaleW = (alignCorners && outW > 1 ? inW - 1 : inW) / (alignCorners && outW > 1 ? outW - 1 : outW);
  const constants = { c, inH, inW, outH, outW, scaleH, scaleW, half: halfPixelCenters ? 1 : 0 };
  return make(shape, gpuRun('resizeBilinear', resizeBody, n, constants, [x.data]));
}
