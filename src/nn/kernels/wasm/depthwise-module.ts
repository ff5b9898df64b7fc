/**
 * Emits the WebAssembly SIMD 3x3 depthwise micro-kernel (multiplier 1) over an input the caller
 * has already zero-padded in space and padded to Cp = 4*G channels, NHWC. With the borders
 * materialised the kernel has no bounds tests at all; strides and dilations are byte steps.
 * Loop order: output rows, output pixels, then channel groups, so the nine taps of a pixel are
 * read as contiguous channel runs (sequential streams from three input rows) and each output
 * pixel is written once, contiguously. Weights are packed per group as [bias, w0 .. w8] (ten
 * f32x4, the per-tile packing of XNNPACK's dwconv "up4x9" micro-kernels, rewritten here from the
 * idea) and read with immediate offsets from one pointer; they stay in L1 across pixels.
 * (The earlier schedule, groups outside pixels with the weights in registers, walked each input
 * row Cp/4 times with a Cp*4-byte stride and ran 2-4x slower on MobileNet layers from L2.)
 *
 * Exported `dw3x3(x, w, y, outH, outW, G, sx, sy, dx, dy, yPix)` (i32 byte addresses and byte
 * steps): w holds G x 10 f32x4 (packed as above), y outH x outW x Cp floats;
 * output (oy, ox, group g) = bias[g] + sum_{ky,kx} x[oy*sy + ox*sx + ky*dy + kx*dx + 16g] * w[g][ky*3+kx];
 * yPix = Cp*4 is the byte size of one output pixel.
 */
import { I32, V128, actSuffix, epilogue, op, type EpilogueAct, type FuncDef } from './encoder.js';

const X = 0, W = 1, Y = 2, OUTH = 3, OUTW = 4, G = 5, SX = 6, SY = 7, DX = 8, DY = 9, YPIX = 10;
const OY = 11, OX = 12, GI = 13, XROW = 14, XP = 15, YP = 16, WP = 17;
const TAP = Array.from({ length: 9 }, (_, t) => 18 + t); // byte offsets of the taps from a pixel
const P = Array.from({ length: 9 }, (_, t) => 27 + t); // tap pointers of the current pixel
const ACC = 36;

const incr = (i: number, j: number): number[] => [...op.get(i), ...op.get(j), ...op.i32Add(), ...op.set(i)];
const incrImm = (i: number, imm: number): number[] => [...op.get(i), ...op.i32(imm), ...op.i32Add(), ...op.set(i)];
const countdown = (i: number): number[] => [...op.get(i), ...op.i32(1), ...op.i32Sub(), ...op.set(i)];
/** while (local != 0) { body } (the body counts the local down). */
const whileNonZero = (i: number, body: number[]): number[] => [
  ...op.block(), ...op.loop(), ...op.get(i), ...op.i32Eqz(), ...op.brIf(1), ...body, ...op.br(0), ...op.end(), ...op.end(),
];

/** One channel group of one pixel: acc = bias + 9 taps; store; advance the tap, weight and output pointers. */
function group(act: EpilogueAct): number[] {
  const code: number[] = [...op.get(WP), ...op.v128Load(0), ...op.set(ACC)];
  for (let t = 0; t < 9; t++) {
    code.push(...op.get(ACC), ...op.get(P[t]), ...op.v128Load(0), ...op.get(WP), ...op.v128Load(16 * (t + 1)), ...op.f32x4Mul(), ...op.f32x4Add(), ...op.set(ACC));
  }
  code.push(...op.get(YP), ...op.get(ACC), ...epilogue(act), ...op.v128Store(0));
  for (let t = 0; t < 9; t++) code.push(...incrImm(P[t], 16));
  code.push(...incrImm(WP, 160), ...incrImm(YP, 16), ...countdown(GI));
  return code;
}

/** The 3x3 depthwise kernel as a FuncDef, relu / relu6 fused into the store per `act`. */
export function depthwiseFunc(act: EpilogueAct): FuncDef {
  const tapOffsets: number[] = [];
  for (let ky = 0; ky < 3; ky++)
    for (let kx = 0; kx < 3; kx++) {
      // tap = ky*dy + kx*dx
      tapOffsets.push(...op.get(DY), ...op.i32(ky), ...op.i32Mul(), ...op.get(DX), ...op.i32(kx), ...op.i32Mul(), ...op.i32Add(), ...op.set(TAP[ky * 3 + kx]));
    }
  const pixel: number[] = [];
  for (let t = 0; t < 9; t++) pixel.push(...op.get(XP), ...op.get(TAP[t]), ...op.i32Add(), ...op.set(P[t]));
  pixel.push(...op.get(W), ...op.set(WP), ...op.get(G), ...op.set(GI));
  pixel.push(...whileNonZero(GI, group(act)), ...incr(XP, SX), ...countdown(OX));
  const row = [
    ...op.get(XROW), ...op.set(XP), ...op.get(OUTW), ...op.set(OX),
    ...whileNonZero(OX, pixel),
    ...incr(XROW, SY), ...countdown(OY),
  ];
  const body = [
    ...tapOffsets,
    ...op.get(X), ...op.set(XROW), ...op.get(Y), ...op.set(YP), ...op.get(OUTH), ...op.set(OY),
    ...whileNonZero(OY, row),
  ];
  return {
    exportName: 'dw3x3' + actSuffix(act),
    params: Array<typeof I32>(11).fill(I32),
    results: [],
    locals: [...Array<typeof I32>(25).fill(I32), V128],
    body,
  };
}
