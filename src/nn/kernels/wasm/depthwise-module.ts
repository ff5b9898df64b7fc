/**
 * Emits the WebAssembly SIMD 3x3 depthwise micro-kernel (multiplier 1) over an input the caller
 * has already zero-padded in space and padded to Cp = 4*G channels, NHWC. With the borders
 * materialised the kernel has no bounds tests at all; strides and dilations are byte steps.
 * Loop order: output rows, then channel groups (the nine f32x4 weights + bias of a group sit in
 * registers for a whole output row, the MobileNet depthwise schedule of XNNPACK's dwconv
 * "up4x9" micro-kernels, rewritten here from the idea), then output pixels.
 *
 * Exported `dw3x3(x, w, bias, y, outH, outW, G, sx, sy, dx, dy, yPix)` (i32 byte addresses and
 * byte steps): w holds 9 x Cp floats (tap-major), bias Cp floats, y outH x outW x Cp floats;
 * output (oy, ox, group g) = bias[g] + sum_{ky,kx} x[oy*sy + ox*sx + ky*dy + kx*dx + 16g] * w[ky*3+kx][g];
 * yPix = Cp*4 is also the stride between taps in w.
 */
import { I32, V128, actSuffix, epilogue, op, type EpilogueAct, type FuncDef } from './encoder.js';

const X = 0, W = 1, BIAS = 2, Y = 3, OUTH = 4, OUTW = 5, G = 6, SX = 7, SY = 8, DX = 9, DY = 10, YPIX = 11;
const OY = 12, GI = 13, OX = 14, XP = 15, YP = 16, T = 17, ROWP = 18, XROW = 19, YROW = 20;
const WT = 21; // 9 weight vectors WT..WT+8
const BV = 30, ACC = 31;

const incr = (i: number, j: number): number[] => [...op.get(i), ...op.get(j), ...op.i32Add(), ...op.set(i)];

function pixel(act: EpilogueAct): number[] {
  const code: number[] = [...op.get(BV), ...op.set(ACC), ...op.get(XP), ...op.set(ROWP)];
  for (let ky = 0; ky < 3; ky++) {
    code.push(...op.get(ROWP), ...op.set(T));
    for (let kx = 0; kx < 3; kx++) {
      code.push(...op.get(ACC), ...op.get(T), ...op.v128Load(0), ...op.get(WT + ky * 3 + kx), ...op.f32x4Mul(), ...op.f32x4Add(), ...op.set(ACC));
      if (kx < 2) code.push(...incr(T, DX));
    }
    if (ky < 2) code.push(...incr(ROWP, DY));
  }
  code.push(...op.get(YP), ...op.get(ACC), ...epilogue(act), ...op.v128Store(0));
  return code;
}

/** The 3x3 depthwise kernel as a FuncDef, relu / relu6 fused into the store per `act`. */
export function depthwiseFunc(act: EpilogueAct): FuncDef {
  const loadWeights: number[] = [...op.get(W), ...op.get(GI), ...op.i32(4), ...op.i32Shl(), ...op.i32Add(), ...op.set(T)];
  for (let t = 0; t < 9; t++) {
    loadWeights.push(...op.get(T), ...op.v128Load(0), ...op.set(WT + t));
    if (t < 8) loadWeights.push(...incr(T, YPIX));
  }
  const g16 = (base: number, dst: number): number[] => [...op.get(base), ...op.get(GI), ...op.i32(4), ...op.i32Shl(), ...op.i32Add(), ...op.set(dst)];
  const pixelLoop = [
    ...op.get(OUTW), ...op.set(OX),
    ...op.block(), ...op.loop(),
    ...op.get(OX), ...op.i32Eqz(), ...op.brIf(1),
    ...pixel(act),
    ...incr(XP, SX), ...incr(YP, YPIX),
    ...op.get(OX), ...op.i32(1), ...op.i32Sub(), ...op.set(OX),
    ...op.br(0),
    ...op.end(), ...op.end(),
  ];
  const groupLoop = [
    ...op.i32(0), ...op.set(GI),
    ...op.block(), ...op.loop(),
    ...op.get(GI), ...op.get(G), ...op.i32GeU(), ...op.brIf(1),
    ...loadWeights,
    ...op.get(BIAS), ...op.get(GI), ...op.i32(4), ...op.i32Shl(), ...op.i32Add(), ...op.v128Load(0), ...op.set(BV),
    ...g16(XROW, XP), ...g16(YROW, YP),
    ...pixelLoop,
    ...op.get(GI), ...op.i32(1), ...op.i32Add(), ...op.set(GI),
    ...op.br(0),
    ...op.end(), ...op.end(),
  ];
  const body = [
    ...op.get(X), ...op.set(XROW), ...op.get(Y), ...op.set(YROW), ...op.get(OUTH), ...op.set(OY),
    ...op.block(), ...op.loop(),
    ...op.get(OY), ...op.i32Eqz(), ...op.brIf(1),
    ...groupLoop,
    ...incr(XROW, SY),
    // yRow += outW * yPix
    ...op.get(YROW), ...op.get(OUTW), ...op.get(YPIX), ...op.i32Mul(), ...op.i32Add(), ...op.set(YROW),
    ...op.get(OY), ...op.i32(1), ...op.i32Sub(), ...op.set(OY),
    ...op.br(0),
    ...op.end(), ...op.end(),
  ];
  return {
    exportName: 'dw3x3' + actSuffix(act),
    params: Array<typeof I32>(12).fill(I32),
    results: [],
    locals: [...Array<typeof I32>(9).fill(I32), ...Array<typeof V128>(11).fill(V128)],
    body,
  };
}
