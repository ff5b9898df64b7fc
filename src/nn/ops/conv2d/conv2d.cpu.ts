/**
 * Fast CPU conv2d: a 1x1 / stride 1 / unpadded conv is one GEMM straight on the NHWC input
 * (pixels x inC @ inC x outC); any other conv runs im2col on blocks of output pixels (so the
 * patch matrix stays cache-sized) followed by the packed TypeScript GEMM (kernels/gemm.ts). Where
 * the engine has WebAssembly SIMD, the emitted kernels take over: a plain GEMM for pointwise
 * convs, an indirect GEMM (no im2col) for the rest (kernels/wasm/). An HWIO filter
 * viewed as [fh*fw*inC, outC] is exactly GEMM's B, so weights are packed once and cached.
 */
import { make, type Tensor } from '../../tensor.js';
import { activateInPlace } from '../activation.js';
import { gemm, packedWeights } from '../../kernels/gemm.js';
import { gemmWasm } from '../../kernels/wasm/gemm-wasm.js';
import { conv2dWasm } from '../../kernels/wasm/conv-wasm.js';
import { epilogueOf } from '../../kernels/wasm/runtime.js';
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
  const { batch, inC, outH, outW, outC, filterH, filterW } = info;
  const out = make([batch, outH, outW, outC]);
  const K = filterH * filterW * inC;
  const rows = batch * outH * outW;
  if (rows === 0 || outC === 0) return out;
  const b = bias ? bias.data : null;
  const xd = x.data;
  const pointwise = filterH === 1 && filterW === 1 && info.strideH === 1 && info.strideW === 1 &&
    info.padTop === 0 && info.padLeft === 0 && info.padBottom === 0 && info.padRight === 0;
  // The wasm SIMD GEMM (kernels/wasm) reads the input rows themselves for a pointwise conv, and
  // an indirection table over the zero-bordered input otherwise (no im2col copy).
  // relu / relu6 are fused into the wasm stores; other activations run after, as on the TS path.
  // prelu has its own wasm epilogue (one slope per output channel).
  const fused = epilogueOf(act.kind);
  const prelu = act.kind === 'prelu' && act.preluAlpha ? act.preluAlpha.data : null;
  const viaWasm = pointwise
    ? gemmWasm(filter.data, K, outC, false, true, b, rows, (heap, base, r0, r1) => heap.set(xd.subarray(r0 * K, r1 * K), base), out.data, fused ?? 0, prelu)
    : conv2dWasm(xd, filter.data, b, info, fused ?? 0, out.data, prelu);
  if (viaWasm && (fused !== null || prelu !== null)) return out;
  if (!viaWasm) {
    const bp = packedWeights(filter.data, K, outC);
    if (pointwise) {
      gemm(xd, 0, inC, bp, b, out.data, 0, rows);
    } else {
      const a = scratchOf(BLOCK_ROWS * K);
      for (let r0 = 0; r0 < rows; r0 += BLOCK_ROWS) {
        const r1 = Math.min(rows, r0 + BLOCK_ROWS);
        im2colRows(xd, info, K, a, 0, r0, r1);
        gemm(a, 0, K, bp, b, out.data.subarray(r0 * outC), 0, r1 - r0);
      }
    }
  }
  activateInPlace(out.data, outC, act);
  return out;
}

/**
 * im2col of output pixels [r0, r1) (flattened batch*outH*outW): row r of the patch matrix, K =
 * filterH*filterW*inC floats in HWIO filter order, lands at dst[base + (r - r0)*K]; taps outside
 * the image read 0.
 * mutates: dst.
 */
function im2colRows(xd: Float32Array, info: Conv2DInfo, K: number, dst: Float32Array, base: number, r0: number, r1: number): void {
  const { inH, inW, inC, outH, outW, filterH, filterW } = info;
  for (let r = r0; r < r1; r++) {
    const bi = Math.floor(r / (outH * outW));
    const rem = r - bi * outH * outW;
    const oy = Math.floor(rem / outW), ox = rem - oy * outW;
    let o = base + (r - r0) * K;
    for (let ky = 0; ky < filterH; ky++) {
      const iy = oy * info.strideH - info.padTop + ky * info.dilationH;
      for (let kx = 0; kx < filterW; kx++, o += inC) {
        const ix = ox * info.strideW - info.padLeft + kx * info.dilationW;
        if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
          for (let ci = 0; ci < inC; ci++) dst[o + ci] = 0;
        } else {
          const s = ((bi * inH + iy) * inW + ix) * inC;
          // A plain loop: dst.set(subarray) allocates a view per tap, which costs more at these sizes.
          for (let ci = 0; ci < inC; ci++) dst[o + ci] = xd[s + ci];
        }
      }
    }
  }
}
