/**
 * Emits the WebAssembly SIMD element-wise kernels: out = act(a op b) over f32x4 lanes, where b
 * repeats with a period (a whole same-shape operand, one value per channel, or a splatted scalar).
 * V8's scalar Float32Array loops cost several ns per element (float32 -> float64 -> float32 per
 * value, a bounds check per access); four lanes per instruction plus two memcpys in and one out
 * is several times cheaper on the models' activation sizes.
 *
 * Exported `ew<Op><Act>(a, b, bEnd, out, n4)` (i32 byte addresses): for i < n4 vectors,
 * out[i] = act(a[i] op b[j]) with j = i mod ((bEnd - b) / 16); `out` may equal `a`.
 * Ops: add, sub, mul, div, and rsub / rdiv (b op a). Acts (EpilogueAct): 0 none, 1 relu, 2 relu6,
 * exactly the scalar definitions (encoder.ts epilogue), so results are bit-identical to the
 * scalar TypeScript kernels: float32 +, -, *, / round the same whether or not the scalar path
 * widens to float64 first (double rounding is innocuous for these four, Figueroa 1995).
 */
import { I32, V128, actSuffix, epilogue, op, type EpilogueAct, type FuncDef } from './encoder.js';

export const EW_OPS = ['add', 'sub', 'mul', 'div', 'rsub', 'rdiv'] as const;
export type EwOp = (typeof EW_OPS)[number];

const A = 0, B = 1, BEND = 2, OUT = 3, N4 = 4, BP = 5;

const F32X4: Record<'add' | 'sub' | 'mul' | 'div', number> = { add: 0xe4, sub: 0xe5, mul: 0xe6, div: 0xe7 };
const incr = (i: number, imm: number): number[] => [...op.get(i), ...op.i32(imm), ...op.i32Add(), ...op.set(i)];

/** The kernel of one op and activation as a FuncDef (export name `ew` + Op + Act suffix). */
export function elementwiseFunc(o: EwOp, act: EpilogueAct): FuncDef {
  const swapped = o === 'rsub' || o === 'rdiv';
  const base = (swapped ? o.slice(1) : o) as keyof typeof F32X4;
  const load = (ptr: number): number[] => [...op.get(ptr), ...op.v128Load(0)];
  const body = [
    ...op.get(B), ...op.set(BP),
    ...op.block(), ...op.loop(),
    ...op.get(N4), ...op.i32Eqz(), ...op.brIf(1),
    ...op.get(OUT),
    ...(swapped ? [...load(BP), ...load(A)] : [...load(A), ...load(BP)]),
    ...op.simd(F32X4[base]), ...epilogue(act),
    ...op.v128Store(0),
    ...incr(A, 16), ...incr(OUT, 16), ...incr(BP, 16),
    // bp = bp >= bEnd ? b : bp (select: val1, val2, cond -> cond ? val1 : val2)
    ...op.get(B), ...op.get(BP), ...op.get(BP), ...op.get(BEND), ...op.i32GeU(), 0x1b, ...op.set(BP),
    ...op.get(N4), ...op.i32(1), ...op.i32Sub(), ...op.set(N4),
    ...op.br(0),
    ...op.end(), ...op.end(),
  ];
  return {
    exportName: `ew${o[0].toUpperCase()}${o.slice(1)}${actSuffix(act)}`,
    params: [I32, I32, I32, I32, I32],
    results: [],
    locals: [I32],
    body,
  };
}

/** The same loop for a unary activation: out[i] = act(a[i]), act relu (1) or relu6 (2). */
export function activationFunc(act: 1 | 2): FuncDef {
  const body = [
    ...op.block(), ...op.loop(),
    ...op.get(N4), ...op.i32Eqz(), ...op.brIf(1),
    ...op.get(OUT), ...op.get(A), ...op.v128Load(0), ...epilogue(act), ...op.v128Store(0),
    ...incr(A, 16), ...incr(OUT, 16),
    ...op.get(N4), ...op.i32(1), ...op.i32Sub(), ...op.set(N4),
    ...op.br(0),
    ...op.end(), ...op.end(),
  ];
  // Same signature as the binary kernels (b and bEnd unused) so the runtime types them alike.
  return { exportName: `act${actSuffix(act)}`, params: [I32, I32, I32, I32, I32], results: [], locals: [I32], body };
}

/**
 * face-api.js's leaky ReLU, relu(a - s*a) + s*a (tinyYolov2/leaky.ts), in one pass:
 * `leakyMix(a, b, 0, out, n4)` with the slope s in all four lanes of the vector at b. Each step
 * is one float32 operation and relu the pmax of encoder.ts's epilogue, so the result is the four
 * scalar ops' bit for bit.
 */
export function leakyMixFunc(): FuncDef {
  const S = 5, V = 6, M = 7;
  const body = [
    ...op.get(B), ...op.v128Load(0), ...op.set(S),
    ...op.block(), ...op.loop(),
    ...op.get(N4), ...op.i32Eqz(), ...op.brIf(1),
    ...op.get(A), ...op.v128Load(0), ...op.set(V),
    ...op.get(V), ...op.get(S), ...op.f32x4Mul(), ...op.set(M),
    ...op.get(OUT),
    ...op.get(V), ...op.get(M), ...op.simd(F32X4.sub), ...epilogue(1),
    ...op.get(M), ...op.f32x4Add(),
    ...op.v128Store(0),
    ...incr(A, 16), ...incr(OUT, 16),
    ...op.get(N4), ...op.i32(1), ...op.i32Sub(), ...op.set(N4),
    ...op.br(0),
    ...op.end(), ...op.end(),
  ];
  return { exportName: 'leakyMix', params: [I32, I32, I32, I32, I32], results: [], locals: [V128, V128, V128], body };
}
