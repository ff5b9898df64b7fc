/**
 * A minimal WebAssembly binary encoder: just enough of the format (WebAssembly Core Spec 2.0,
 * ch. 5 "Binary Format", plus the fixed-width SIMD proposal's 0xFD opcode space) for facets to
 * emit its own compute kernels at load time. No text format, no validation beyond the engine's:
 * `WebAssembly.validate` / `new WebAssembly.Module` are the checkers.
 */

/** Value types (spec 5.3.1). */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

/** Unsigned LEB128 (spec 5.2.2): 7 bits per byte, high bit = more. requires: 0 <= v < 2^32. */
export function uleb(v: number): number[] {
  const out: number[] = [];
  let x = v >>> 0;
  do {
    let byte = x & 0x7f;
    x >>>= 7;
    if (x !== 0) byte |= 0x80;
    out.push(byte);
  } while (x !== 0);
  return out;
}

/** Signed LEB128 (spec 5.2.2), for i32.const immediates. requires: -2^31 <= v < 2^31. */
export function sleb(v: number): number[] {
  const out: number[] = [];
  let x = v | 0;
  for (;;) {
    const byte = x & 0x7f;
    x >>= 7;
    const done = (x === 0 && (byte & 0x40) === 0) || (x === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** A name (spec 5.2.4): byte length then UTF-8 bytes (ASCII here). */
function name(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [...uleb(b.length), ...b];
}

/** A vector (spec 5.1.3): element count then the elements' bytes. */
function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/** One function to put in a module: its signature, extra locals and body (without the final `end`). */
export interface FuncDef {
  exportName: string;
  params: ValType[];
  results: ValType[];
  /** Extra locals in declaration order (after the params). */
  locals: ValType[];
  body: number[];
}

/**
 * A module importing one linear memory as env.memory (so the caller owns it and can share it)
 * and exporting `funcs`. `shared` marks the import as a shared memory (threads proposal).
 */
export function encodeModule(funcs: FuncDef[], memory: { minPages: number; maxPages: number; shared: boolean }): Uint8Array<ArrayBuffer> {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
  const limits = memory.shared ? [0x03, ...uleb(memory.minPages), ...uleb(memory.maxPages)] : [0x01, ...uleb(memory.minPages), ...uleb(memory.maxPages)];
  const imports = vec([[...name('env'), ...name('memory'), 0x02, ...limits]]);
  const funcSec = vec(funcs.map((_, i) => uleb(i)));
  const exportsSec = vec(funcs.map((f, i) => [...name(f.exportName), 0x00, ...uleb(i)]));
  const codes = funcs.map((f) => {
    // Locals are run-length encoded (spec 5.5.13): consecutive equal types share one entry.
    const runs: number[][] = [];
    for (let i = 0; i < f.locals.length;) {
      let j = i;
      while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
      runs.push([...uleb(j - i), f.locals[i]]);
      i = j;
    }
    const body = [...vec(runs), ...f.body, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic "\0asm", version 1
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, funcSec),
    ...section(7, exportsSec),
    ...section(10, vec(codes)),
  ]);
}

/**
 * Instruction helpers (spec 5.4). Each returns the instruction's bytes; a body is their concat.
 * Memory immediates are (align log2, offset); SIMD opcodes are 0xFD then a u32 LEB sub-opcode.
 */
export const op = {
  block: (): number[] => [0x02, 0x40],
  loop: (): number[] => [0x03, 0x40],
  end: (): number[] => [0x0b],
  br: (depth: number): number[] => [0x0c, ...uleb(depth)],
  brIf: (depth: number): number[] => [0x0d, ...uleb(depth)],
  get: (i: number): number[] => [0x20, ...uleb(i)],
  set: (i: number): number[] => [0x21, ...uleb(i)],
  tee: (i: number): number[] => [0x22, ...uleb(i)],
  i32: (v: number): number[] => [0x41, ...sleb(v)],
  i32Load: (offset: number): number[] => [0x28, 2, ...uleb(offset)],
  i32Eqz: (): number[] => [0x45],
  i32LtU: (): number[] => [0x49],
  i32GeU: (): number[] => [0x4f],
  i32Add: (): number[] => [0x6a],
  i32Sub: (): number[] => [0x6b],
  i32Mul: (): number[] => [0x6c],
  i32And: (): number[] => [0x71],
  i32Shl: (): number[] => [0x74],
  simd: (sub: number, ...imm: number[]): number[] => [0xfd, ...uleb(sub), ...imm],
  v128Load: (offset: number): number[] => [0xfd, ...uleb(0x00), 4, ...uleb(offset)],
  v128Load32Splat: (offset: number): number[] => [0xfd, ...uleb(0x09), 2, ...uleb(offset)],
  v128Store: (offset: number): number[] => [0xfd, ...uleb(0x0b), 4, ...uleb(offset)],
  f32x4Add: (): number[] => [0xfd, ...uleb(0xe4)],
  f32x4Mul: (): number[] => [0xfd, ...uleb(0xe6)],
  f32x4Min: (): number[] => [0xfd, ...uleb(0xe8)],
  f32x4Max: (): number[] => [0xfd, ...uleb(0xe9)],
  f32x4Pmin: (): number[] => [0xfd, ...uleb(0xea)],
  f32x4Pmax: (): number[] => [0xfd, ...uleb(0xeb)],
  /** Relaxed-SIMD fused multiply-add a*b+c (relaxed-simd proposal, opcode 0x105). */
  f32x4RelaxedMadd: (): number[] => [0xfd, ...uleb(0x105)],
  /** v128.const of four f32 lanes. */
  f32x4Const: (a: number, b: number, c: number, d: number): number[] => {
    const bytes = new Uint8Array(new Float32Array([a, b, c, d]).buffer);
    return [0xfd, ...uleb(0x0c), ...bytes];
  },
};

/**
 * Fused activation codes of the emitted kernels' store epilogues: 0 linear, 1 relu, 2 relu6.
 * Emitted with f32x4.pmax / pmin (SIMD spec: pmax(a, b) = a < b ? b : a), so relu is exactly the
 * scalar `v < 0 ? 0 : v` and relu6 `v > 6 ? 6 : v` after it (NaN and -0 pass through). They are
 * one maxps / minps each on x86; f32x4.max / min, which must order NaN and -0 like IEEE
 * maximum, cost V8 about eight instructions each (seen in --print-wasm-code).
 */
export type EpilogueAct = 0 | 1 | 2;

/** Instructions that map the v128 on the stack through activation `act`. */
export function epilogue(act: EpilogueAct): number[] {
  if (act === 0) return [];
  const relu = [...op.f32x4Const(0, 0, 0, 0), ...op.f32x4Pmax()];
  return act === 1 ? relu : [...relu, ...op.f32x4Const(6, 6, 6, 6), ...op.f32x4Pmin()];
}

/** Export-name suffix of an activation variant. */
export const actSuffix = (act: EpilogueAct): string => ['', 'Relu', 'Relu6'][act];
