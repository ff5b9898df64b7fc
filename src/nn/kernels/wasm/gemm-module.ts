/**
 * Emits the WebAssembly SIMD SGEMM micro-kernel: C = A @ B + bias over f32x4 lanes.
 * Register tile MR x NR = 4 x 8: eight f32x4 accumulators (4 rows x 2 vectors), two B vectors
 * and the four row broadcasts of one k step are 14 of x86-64's 16 xmm registers (V8 keeps one as
 * scratch), so the whole tile stays in registers for the full K loop (the BLIS micro-kernel: Van Zee & van de
 * Geijn 2015, "BLIS: A Framework for Rapidly Instantiating BLAS Functionality", sec. 2-3).
 *
 * Memory contract of the exported `gemm(a, lda, b, k, panels, bias, c, ldc, mBlocks)` (all i32,
 * byte addresses and byte strides):
 * - A: mBlocks*4 rows of k floats, row r at a + r*lda (rows past the real M are the caller's
 *   zero padding, so the kernel has no row tail);
 * - B: `panels` panels of k x 8 floats (packB8 layout), panel p at b + p*k*32;
 * - bias: panels*8 floats (zero-padded); C: row r, panel p at c + r*ldc + p*32.
 * Loop order: panels outer, row blocks inner, so one B panel (k*32 bytes) stays in L1/L2 while
 * the A block streams past it. One k step per loop iteration (see segment()).
 * requires: k >= 1, mBlocks >= 1.
 *
 * `gemmIndirect(pixTab, tapTab, b, inC, panels, bias, c, ldc, mBlocks)` is the same tile for
 * convolution without im2col: pixTab holds mBlocks*4 i32 byte addresses (one per output pixel,
 * into a zero-bordered NHWC input), tapTab is [taps, off_0 .. off_{taps-1}] (i32, byte offsets
 * of each filter tap), and row r's K = taps*inC values are inC floats at pixTab[r] + off_t for
 * each t in turn; B is packed with k = taps*inC.
 * MR = 4 was kept after measuring 4, 5 and 6 rows on the dev EPYC (again with the one-step k
 * loop, 1024x512x512: 4 rows 10.5-15 GMAC/s, 5 rows 9.0, 6 rows 7.3: the larger tiles spill), and
 * 4 wastes the fewest padded rows.
 */
import { I32, V128, actSuffix, epilogue, op, type EpilogueAct, type FuncDef } from './encoder.js';

export const MR = 4;
export const NR = 8;

// Parameter and local indices (params 0..8, then i32 locals, then v128 locals).
const A = 0, LDA = 1, B = 2, K = 3, PANELS = 4, BIAS = 5, C = 6, LDC = 7, MBLOCKS = 8;
const AROW = 9, CP = 10, BP = 11, RB = 12, AEND = 14; // local 13 is spare (was the unrolled loop's end)
const AR = Array.from({ length: MR }, (_, r) => 15 + r);
const ACC0 = 15 + MR; // 2*MR accumulators: ACC0 + 2*r + half
const B0 = ACC0 + 2 * MR, B1 = B0 + 1, S = B0 + 2;

// Extra i32 locals of the indirect variant, declared after the v128 ones.
const BASE = Array.from({ length: MR }, (_, r) => S + 1 + r);
const TP = S + 1 + MR, TEND = TP + 1;

const acc = (r: number, h: number): number => ACC0 + 2 * r + h;

/** One k step at byte offsets aOff (into each A row) and bOff (into the B panel). */
function step(aOff: number, bOff: number, fma: boolean): number[] {
  const code: number[] = [
    ...op.get(BP), ...op.v128Load(bOff), ...op.set(B0),
    ...op.get(BP), ...op.v128Load(bOff + 16), ...op.set(B1),
  ];
  for (let r = 0; r < MR; r++) {
    code.push(...op.get(AR[r]), ...op.v128Load32Splat(aOff), ...op.set(S));
    for (let h = 0; h < 2; h++) {
      const bv = h === 0 ? B0 : B1;
      if (fma) code.push(...op.get(S), ...op.get(bv), ...op.get(acc(r, h)), ...op.f32x4RelaxedMadd(), ...op.set(acc(r, h)));
      else code.push(...op.get(acc(r, h)), ...op.get(S), ...op.get(bv), ...op.f32x4Mul(), ...op.f32x4Add(), ...op.set(acc(r, h)));
    }
  }
  return code;
}

/** local[i] += imm */
const addImm = (i: number, imm: number): number[] => [...op.get(i), ...op.i32(imm), ...op.i32Add(), ...op.set(i)];
/** local[i] += local[j] */
const addLocal = (i: number, j: number): number[] => [...op.get(i), ...op.get(j), ...op.i32Add(), ...op.set(i)];

/** A k loop: while AR[0] < end, run `unroll` steps then advance the pointers. */
function kLoop(end: number, unroll: number, fma: boolean): number[] {
  const body: number[] = [];
  for (let u = 0; u < unroll; u++) body.push(...step(4 * u, 32 * u, fma));
  for (let r = 0; r < MR; r++) body.push(...addImm(AR[r], 4 * unroll));
  body.push(...addImm(BP, 32 * unroll));
  return [
    ...op.block(), ...op.loop(),
    ...op.get(AR[0]), ...op.get(end), ...op.i32GeU(), ...op.brIf(1),
    ...body,
    ...op.br(0),
    ...op.end(), ...op.end(),
  ];
}

/**
 * aEnd = a0 + 4*len, then the k loop, one k step per iteration. Not unrolled on purpose: with K
 * unrolled by 4, TurboFan (V8 11, Node 20) hoists all 24 loads of the four steps to the top of
 * the loop body and spills the accumulators to the stack every iteration (seen in
 * --print-wasm-code); one step keeps 8 accumulators + 2 B + 4 splats in 14 xmm registers with no
 * spill, and ran 1.5-1.7x faster (1024x512x512 on the 2-core EPYC, CPU time: 8.9 -> 14.9 GMAC/s).
 */
function segment(len: number, fma: boolean): number[] {
  return [
    ...op.get(AR[0]), ...op.get(len), ...op.i32(2), ...op.i32Shl(), ...op.i32Add(), ...op.set(AEND),
    ...kLoop(AEND, 1, fma),
  ];
}

/**
 * The row-block body: init from bias, run K, store the MR x 8 tile. Direct: row r of A at
 * aRow + r*lda, one segment of K floats. Indirect: aRow walks a table of MR row base addresses
 * per block, LDA is a tap table [taps, off_0, off_1, ...] (i32, byte offsets), and K (= inC) floats
 * are read at base_r + off_t for each tap t in turn (an indirection buffer, as in Dukhan 2019,
 * "The Indirect Convolution Algorithm"): conv without materialising im2col.
 */
function rowBlock(fma: boolean, indirect: boolean, act: EpilogueAct, prelu = false): number[] {
  const code: number[] = [];
  for (let r = 0; r < MR; r++)
    for (let h = 0; h < 2; h++) code.push(...op.get(BIAS), ...op.v128Load(16 * h), ...op.set(acc(r, h)));
  code.push(...op.get(B), ...op.set(BP));
  if (!indirect) {
    code.push(...op.get(AROW), ...op.set(AR[0]));
    for (let r = 1; r < MR; r++) code.push(...op.get(AR[r - 1]), ...op.get(LDA), ...op.i32Add(), ...op.set(AR[r]));
    code.push(...segment(K, fma));
  } else {
    for (let r = 0; r < MR; r++) code.push(...op.get(AROW), ...op.i32Load(4 * r), ...op.set(BASE[r]));
    // tp = tapTab + 4; tEnd = tp + 4*taps
    code.push(...op.get(LDA), ...op.i32(4), ...op.i32Add(), ...op.set(TP));
    code.push(...op.get(TP), ...op.get(LDA), ...op.i32Load(0), ...op.i32(2), ...op.i32Shl(), ...op.i32Add(), ...op.set(TEND));
    const tap: number[] = [];
    for (let r = 0; r < MR; r++) tap.push(...op.get(BASE[r]), ...op.get(TP), ...op.i32Load(0), ...op.i32Add(), ...op.set(AR[r]));
    tap.push(...segment(K, fma), ...addImm(TP, 4));
    code.push(
      ...op.block(), ...op.loop(),
      ...op.get(TP), ...op.get(TEND), ...op.i32GeU(), ...op.brIf(1),
      ...tap,
      ...op.br(0),
      ...op.end(), ...op.end(),
    );
  }
  // Store row r at cp + r*ldc; AR[0] is free now and serves as the row address.
  code.push(...op.get(CP), ...op.set(AR[0]));
  // PReLU: the panel's 8 slopes follow its 8 biases; B0 / B1 are free after the k loop.
  if (prelu) code.push(...op.get(BIAS), ...op.v128Load(32), ...op.set(B0), ...op.get(BIAS), ...op.v128Load(48), ...op.set(B1));
  for (let r = 0; r < MR; r++) {
    for (let h = 0; h < 2; h++) code.push(...op.get(AR[0]), ...(prelu ? preluOf(acc(r, h), h === 0 ? B0 : B1) : [...op.get(acc(r, h)), ...epilogue(act)]), ...op.v128Store(16 * h));
    if (r < MR - 1) code.push(...addLocal(AR[0], LDC));
  }
  return code;
}

/**
 * v < 0 ? v * alpha : v lane by lane (bitselect on v < 0), exactly the scalar prelu of
 * ops/activation.ts: NaN and -0 are not below 0 and pass through.
 */
function preluOf(v: number, alpha: number): number[] {
  const F32X4_LT = 0x43, V128_BITSELECT = 0x52;
  return [
    ...op.get(v), ...op.get(alpha), ...op.f32x4Mul(),
    ...op.get(v),
    ...op.get(v), ...op.f32x4Const(0, 0, 0, 0), ...op.simd(F32X4_LT),
    ...op.simd(V128_BITSELECT),
  ];
}

/**
 * The kernel as a FuncDef; `fma` uses relaxed-SIMD madd (only where the engine validates it),
 * `act` fuses relu / relu6 into the stores (export names gemm, gemmRelu, gemmRelu6, gemmIndirect...).
 */
export function gemmFunc(fma: boolean, indirect: boolean, act: EpilogueAct): FuncDef {
  return gemmVariant(fma, indirect, act, false);
}

/**
 * The kernel with a PReLU store epilogue (export names gemmPrelu, gemmIndirectPrelu): same
 * parameters, but `bias` holds per panel 8 biases then 8 slopes (panels*16 floats), so the
 * slopes ride along with the bias pointer.
 */
export function gemmPreluFunc(fma: boolean, indirect: boolean): FuncDef {
  return gemmVariant(fma, indirect, 0, true);
}

function gemmVariant(fma: boolean, indirect: boolean, act: EpilogueAct, prelu: boolean): FuncDef {
  const aStep = indirect ? op.i32(4 * MR) : [...op.get(LDA), ...op.i32(MR), ...op.i32Mul()];
  const rowLoop = [
    ...op.get(A), ...op.set(AROW), ...op.get(C), ...op.set(CP), ...op.get(MBLOCKS), ...op.set(RB),
    ...op.block(), ...op.loop(),
    ...op.get(RB), ...op.i32Eqz(), ...op.brIf(1),
    ...rowBlock(fma, indirect, act, prelu),
    // aRow += MR*lda (direct) or MR table entries (indirect); cp += MR*ldc; rb--
    ...op.get(AROW), ...aStep, ...op.i32Add(), ...op.set(AROW),
    ...op.get(CP), ...op.get(LDC), ...op.i32(MR), ...op.i32Mul(), ...op.i32Add(), ...op.set(CP),
    ...op.get(RB), ...op.i32(1), ...op.i32Sub(), ...op.set(RB),
    ...op.br(0),
    ...op.end(), ...op.end(),
  ];
  const panelLoop = [
    ...op.block(), ...op.loop(),
    ...op.get(PANELS), ...op.i32Eqz(), ...op.brIf(1),
    ...rowLoop,
    // Next panel: b += k*32 (direct); indirect K counts one tap's channels only, so take the end
    // of the panel from bp, which the last row block left just past it (requires mBlocks >= 1).
    ...(indirect ? [...op.get(BP), ...op.set(B)] : [...op.get(B), ...op.get(K), ...op.i32(5), ...op.i32Shl(), ...op.i32Add(), ...op.set(B)]),
    ...addImm(BIAS, prelu ? 64 : 32), ...addImm(C, 32),
    ...op.get(PANELS), ...op.i32(1), ...op.i32Sub(), ...op.set(PANELS),
    ...op.br(0),
    ...op.end(), ...op.end(),
  ];
  return {
    exportName: (indirect ? 'gemmIndirect' : 'gemm') + (prelu ? 'Prelu' : actSuffix(act)),
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32],
    results: [],
    locals: [...Array<typeof I32>(6 + MR).fill(I32), ...Array<typeof V128>(2 * MR + 3).fill(V128), ...Array<typeof I32>(MR + 2).fill(I32)],
    body: panelLoop,
  };
}
