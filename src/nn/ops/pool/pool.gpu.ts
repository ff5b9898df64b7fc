/** gpu.js max / avg pooling: one thread per output element; padded taps ignored (TF.js). */
import { make, type Tensor } from '../../tensor.js';
import { gpuRun, type GpuThis } from '../../kernels/gpujs-runtime.js';
import type { Conv2DInfo, PoolType } from '../names.js';

export function poolBody(this: GpuThis, x: Float32Array): number {
  const i = this.thread.x;
  const C = this.constants.inC;
  const p = Math.floor((i + 0.5) / C);
  const c = i - p * C;
  const q = Math.floor((p + 0.5) / this.constants.outW);
  const ox = p - q * this.constants.outW;
  const b = Math.floor((q + 0.5) / this.constants.outH);
  const oy = q - b * this.constants.outH;
  let m = -3.4e38;
  let s = 0;
  let n = 0;
  for (let ky = 0; ky < this.constants.filterH; ky++) {
    const iy = oy * this.constants.strideH - this.constants.padTop + ky;
    if (iy >= 0 && iy < this.constants.inH) {
      for (let kx = 0; kx < this.constants.filterW; kx++) {
        const ix = ox * this.constants.strideW - this.constants.padLeft + kx;
        if (ix >= 0 && ix < this.constants.inW) {
          const v = x[((b * this.constants.inH + iy) * this.constants.inW + ix) * C + c];
          m = Math.max(m, v);
          s += v;
          n += 1;
        }
      }
    }
  }
  let r = 0;
  if (n > 0) {
    r = this.constants.isMax === 1 ? m : s / n;
  }
  return r;
}

/** Same contract as poolRef (pooling windows are never dilated). */
export function poolGpu(x: Tensor, info: Conv2DInfo, type: PoolType): Tensor {
  const shape = [info.batch, info.outH, info.outW, info.inC];
  const n = shape[0] * shape[1] * shape[2] * shape[3];
  if (n === 0) return make(shape);
  const constants = {
    inH: info.inH, inW: info.inW, inC: info.inC, outH: info.outH, outW: info.outW,
    filterH: info.filterH, filterW: info.filterW, strideH: info.strideH, strideW: info.strideW,
    padTop: info.padTop, padLeft: info.padLeft, isMax: type === 'max' ? 1 : 0,
  };
  return make(shape, gpuRun('pool', poolBody, n, constants, [x.data]));
}
