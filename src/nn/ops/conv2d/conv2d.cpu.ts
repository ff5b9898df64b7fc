/**
 * Fast CPU conv2d: a 1x1 / stride 1 / unpadded conv is one GEMM straight on the NHWC input
 * (pixels x inC @ inC x outC); any other conv runs im2col on blocks of output pixels (so the
 * patch matrix stays cache-sized) followed by the packed GEMM (kernels/gemm.ts). An HWIO filter
 * viewed as [fh*fw*inC, outC] is exactly GEMM's B, so weights are packed once and cached.
 */
import { make, type Tensor } from '../../tensor.js';
import { activateInPlace } from '../activation.js';
import { gemm, packedWeights } from '../../kernels/gemm.js';
import type { Activation, Conv2DInfo } from '../names.js';

/** Output pixels per im2col block: 64 rows x K floats stays within L2 for K up to 2304. */
const BLOCK_ROWS = 64;
let scratch = new Float32Array(0);

function scratchOf(n: number): Float32Array {
  if (scratch.length < n) scratch = new Float32Array(n);
  return scratch;
}

/** Same contract as conv2dRef. Not re-entrant (shares one scratch buffer per thread). */
export function conv2dCpu(x: Tensor, filter: Tensor, bias: Tensor | null, info: Conv2DInfo, act: Activation): Tensor {
  const { batch, inH, inW, inC, outH, outW, outC, filterH, filterW } = info;
  const out = make([batch, outH, outW, outC]);
  const K = filterH * filterW * inC;
  const rows = batch * outH * outW;
  if (rows === 0 || outC === 0) return out;
  const bp = packedWeights(filter.data, K, outC);
  const b = bias ? bias.data : null;
  const pointwise = filterH === 1 && filterW === 1 && info.strideH === 1 && info.strideW === 1 &&
    info.padTop === 0 && info.padLeft === 0 && info.padBottom === 0 && info.padRight === 0;
  if (pointwise) {
    gemm(x.data, 0, inC, bp, b, out.data, 0, rows);
  } else {
    const a = scratchOf(BLOCK_ROWS * K);
    const xd = x.data;
    for (let r0 = 0; r0 < rows; r0 += BLOCK_ROWS) {
      const r1 = Math.min(rows, r0 + BLOCK_ROWS);
      for (let r = r0; r < r1; r++) {
        const bi = Math.floor(r / (outH * outW));
        const rem = r - bi * outH * outW;
        const oy = Math.floor(rem / outW), ox = rem - oy * outW;
        let o = (r - r0) * K;
        for (let ky = 0; ky < filterH; ky++) {
          const iy = oy * info.strideH - info.padTop + ky * info.dilationH;
          for (let kx = 0; kx < filterW; kx++, o += inC) {
            const ix = ox * info.strideW - info.padLeft + kx * info.dilationW;
            if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
              for (let ci = 0; ci < inC; ci++) a[o + ci] = 0;
            } else {
              const s = ((bi * inH + iy) * inW + ix) * inC;
              // A plain loop: a.set(subarray) allocates a view per tap, which costs more at these sizes.
              for (let ci = 0; ci < inC; ci++) a[o + ci] = xd[s + ci];
            }
          }
        }
      }
      gemm(a, 0, K, bp, b, out.data.subarray(r0 * outC), 0, r1 - r0);
    }
  }
  activateInPlace(out.data, outC, act);
  return out;
}
