/**
 * Emits the WebAssembly SIMD max-pooling kernel over an input the caller has already padded in
 * space with -Infinity and padded to Cp = 4*G channels, NHWC (the layout of depthwise-module.ts).
 * A -Infinity tap never wins a comparison, so the padded taps drop out exactly as TF.js's
 * "padded taps ignored" semantics (pool.ref.ts) and the kernel has no bounds tests.
 * Loop order: output rows, output pixels, channel groups, window rows, window columns.
 *
 * Exported `maxPool(x, y, outH, outW, G, sx, sy, kh, kw, rowBytes, pix)` (i32 byte addresses and
 * byte steps): output (oy, ox, group g) = max over ky < kh, kx < kw of
 * x[oy*sy + ox*sx + ky*rowBytes + kx*pix + 16g], starting from -Infinity, where a value v replaces
 * the running max m when v > m or v is NaN: the scalar rule of pool.cpu.ts / pool.ref.ts, so NaN
 * propagates and a -0 after a +0 (or the reverse) keeps the first, bit for bit. f32x4.max would
 * order -0 below +0 and differ there. pix = Cp*4 is the byte size of one (input or output) pixel.
 */
import { I32, V128, op, type FuncDef } from './encoder.js';

const X = 0, Y = 1, OUTH = 2, OUTW = 3, G = 4, SX = 5, SY = 6, KH = 7, KW = 8, ROW = 9, PIX = 10;
const OY = 11, OX = 12, GI = 13, KY = 14, KX = 15, XROW = 16, XP = 17, GP = 18, TROW = 19, TP = 20, YP = 21;
const ACC = 22, V = 23;

const incr = (i: number, j: number): number[] => [...op.get(i), ...op.get(j), ...op.i32Add(), ...op.set(i)];
const incrImm = (i: number, imm: number): number[] => [...op.get(i), ...op.i32(imm), ...op.i32Add(), ...op.set(i)];
const countdown = (i: number): number[] => [...op.get(i), ...op.i32(1), ...op.i32Sub(), ...op.set(i)];
/** while (local != 0) { body } (the body counts the local down). */
const whileNonZero = (i: number, body: number[]): number[] => [
  ...op.block(), ...op.loop(), ...op.get(i), ...op.i32Eqz(), ...op.brIf(1), ...body, ...op.br(0), ...op.end(), ...op.end(),
];

// SIMD opcodes (fixed-width SIMD proposal): f32x4.ne, f32x4.gt, v128.or, v128.bitselect.
const F32X4_NE = 0x42, F32X4_GT = 0x44, V128_OR = 0x50, V128_BITSELECT = 0x52;

/** acc = (v > acc || v != v) ? v : acc, lane by lane, with v loaded from TP. */
const tap: number[] = [
  ...op.get(TP), ...op.v128Load(0), ...op.set(V),
  // bitselect(v, acc, mask) takes v's bits where the mask is set.
  ...op.get(V), ...op.get(ACC),
  ...op.get(V), ...op.get(ACC), ...op.simd(F32X4_GT),
  ...op.get(V), ...op.get(V), ...op.simd(F32X4_NE),
  ...op.simd(V128_OR),
  ...op.simd(V128_BITSELECT),
  ...op.set(ACC),
];

/** The max-pooling kernel as a FuncDef (export `maxPool`). */
export function maxPoolFunc(): FuncDef {
  const windowRow = [
    ...op.get(TROW), ...op.set(TP), ...op.get(KW), ...op.set(KX),
    ...whileNonZero(KX, [...tap, ...incr(TP, PIX), ...countdown(KX)]),
    ...incr(TROW, ROW), ...countdown(KY),
  ];
  const group = [
    ...op.f32x4Const(-Infinity, -Infinity, -Infinity, -Infinity), ...op.set(ACC),
    ...op.get(GP), ...op.set(TROW), ...op.get(KH), ...op.set(KY),
    ...whileNonZero(KY, windowRow),
    ...op.get(YP), ...op.get(ACC), ...op.v128Store(0),
    ...incrImm(GP, 16), ...incrImm(YP, 16), ...countdown(GI),
  ];
  const pixel = [
    ...op.get(XP), ...op.set(GP), ...op.get(G), ...op.set(GI),
    ...whileNonZero(GI, group),
    ...incr(XP, SX), ...countdown(OX),
  ];
  const row = [
    ...op.get(XROW), ...op.set(XP), ...op.get(OUTW), ...op.set(OX),
    ...whileNonZero(OX, pixel),
    ...incr(XROW, SY), ...countdown(OY),
  ];
  const body = [
    ...op.get(X), ...op.set(XROW), ...op.get(Y), ...op.set(YP), ...op.get(OUTH), ...op.set(OY),
    ...whileNonZero(OY, row),
  ];
  return {
    exportName: 'maxPool',
    params: Array<typeof I32>(11).fill(I32),
    results: [],
    locals: [...Array<typeof I32>(11).fill(I32), V128, V128],
    body,
  };
}
