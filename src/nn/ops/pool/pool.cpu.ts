/** Fast CPU pooling: channel axis innermost, window clipped to the image once per output pixel. */
import { make, type Tensor } from '../../tensor.js';
import type { Conv2DInfo, PoolType } from '../names.js';
import { maxPoolWasm } from '../../kernels/wasm/pool-wasm.js';

/** Same contract as poolRef. */
export function poolCpu(x: Tensor, info: Conv2DInfo, type: PoolType): Tensor {
  const { batch, inH, inW, inC: C, outH, outW } = info;
  const out = make([batch, outH, outW, C]);
  // Max pooling runs on the wasm SIMD kernel where the engine has one (same values, bit for bit).
  if (type === 'max' && info.dilationH === 1 && info.dilationW === 1 && maxPoolWasm(x.data, info, out.data)) return out;
  const xd = x.data, yd = out.data;
  const acc = new Float64Array(C);
  const isMax = type === 'max';
  for (let b = 0; b < batch; b++)
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * info.strideH - info.padTop;
      const ky0 = Math.max(0, -y0), ky1 = Math.min(info.filterH, inH - y0);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * info.strideW - info.padLeft;
        const kx0 = Math.max(0, -x0), kx1 = Math.min(info.filterW, inW - x0);
        acc.fill(isMax ? -Infinity : 0);
        for (let ky = ky0; ky < ky1; ky++)
          for (let kx = kx0; kx < kx1; kx++) {
            const o = ((b * inH + y0 + ky) * inW + x0 + kx) * C;
            if (isMax) for (let c = 0; c < C; c++) { const v = xd[o + c]; if (v > acc[c] || v !== v) acc[c] = v; }
            else for (let c = 0; c < C; c++) acc[c] += xd[o + c];
          }
        const count = Math.max(0, ky1 - ky0) * Math.max(0, kx1 - kx0);
        const yo = ((b * outH + oy) * outW + ox) * C;
        if (count === 0) for (let c = 0; c < C; c++) yd[yo + c] = 0;
        else if (isMax) for (let c = 0; c < C; c++) yd[yo + c] = acc[c];
        else for (let c = 0; c < C; c++) yd[yo + c] = acc[c] / count;
      }
    }
  return out;
}
