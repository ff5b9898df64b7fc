/**
 * Byte-level mutations of a seed file (AFL-style havoc: bit flips, interesting values, chunk
 * duplication/removal, truncation) plus edits of the length/header fields a format names.
 */
import type { Rng } from './rng.js';

/** Values that break size arithmetic: zero, sign bits, all ones, powers of two. */
export const INTERESTING_U8 = [0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe, 0x10, 0x40];
export const INTERESTING_U32 = [0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x10000, 0xffff, 0x8000, 0x100, 0x3fffffff, 65_535 * 65_535];

/** A field a format declares, so length and header edits hit real fields. */
export interface Field {
  offset: number;
  size: 1 | 2 | 4;
  littleEndian: boolean;
}

function setField(out: Uint8Array, f: Field, v: number): void {
  if (f.offset + f.size > out.length) return;
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (f.size === 1) dv.setUint8(f.offset, v & 0xff);
  else if (f.size === 2) dv.setUint16(f.offset, v & 0xffff, f.littleEndian);
  else dv.setUint32(f.offset, v >>> 0, f.littleEndian);
}

function getField(b: Uint8Array, f: Field): number {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return f.size === 1 ? dv.getUint8(f.offset) : f.size === 2 ? dv.getUint16(f.offset, f.littleEndian) : dv.getUint32(f.offset, f.littleEndian);
}

function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length - remove + insert.length);
  out.set(b.subarray(0, at), 0);
  out.set(insert, at);
  out.set(b.subarray(at + remove), at + insert.length);
  return out;
}

/** One havoc step on a copy; `fields` (may be empty) are the format's length/header fields. */
export function mutateOnce(rng: Rng, b: Uint8Array, fields: readonly Field[]): Uint8Array {
  const n = b.length;
  if (n === 0) return Uint8Array.from({ length: 1 + rng.int(16) }, () => rng.int(256));
  const pos = rng.int(n);
  const op = rng.int(10);
  if (op === 0 || op === 1) {
    const out = b.slice();
    const flips = 1 + rng.int(op === 0 ? 1 : 8);
    for (let i = 0; i < flips; i++) { const p = rng.int(n); out[p] = (out[p] as number) ^ (1 << rng.int(8)); }
    return out;
  }
  if (op === 2) { const out = b.slice(); out[pos] = rng.pick(INTERESTING_U8); return out; }
  if (op === 3) {
    const out = b.slice();
    setField(out, { offset: Math.min(pos, Math.max(0, n - 4)), size: 4, littleEndian: rng.chance(0.5) }, rng.pick(INTERESTING_U32));
    return out;
  }
  if (op === 4) return b.slice(0, rng.int(n));
  if (op === 5) {
    const len = 1 + rng.int(Math.min(n - pos, 1024));
    return splice(b, rng.int(n + 1), 0, b.slice(pos, pos + len));
  }
  if (op === 6) return splice(b, pos, 1 + rng.int(Math.min(n - pos, 1024)), new Uint8Array(0));
  if (op === 7) {
    const out = b.slice();
    const len = 1 + rng.int(Math.min(n - pos, 32));
    for (let i = 0; i < len; i++) out[pos + i] = rng.int(256);
    return out;
  }
  // Length and header fields: set to an interesting value, or nudge by a small delta.
  if (fields.length === 0) { const out = b.slice(); out[pos] = rng.int(256); return out; }
  const f = rng.pick(fields);
  const out = b.slice();
  if (op === 8) setField(out, f, rng.pick(INTERESTING_U32));
  else if (f.offset + f.size <= n) setField(out, f, getField(out, f) + rng.pick([-1, 1, -4, 4, 16, -16, 1024]));
  return out;
}

/** 1..maxSteps havoc steps. */
export function mutate(rng: Rng, seed: Uint8Array, fields: readonly Field[], maxSteps = 4): Uint8Array {
  let b = seed;
  const steps = 1 + rng.int(maxSteps);
  for (let i = 0; i < steps; i++) b = mutateOnce(rng, b, fields);
  return b === seed ? seed.slice() : b;
}

/** Random bytes, optionally behind a format's signature so the parser gets past its sniffing. */
export function randomBytes(rng: Rng, maxLength: number, prefix: readonly number[] = []): Uint8Array {
  const out = new Uint8Array(prefix.length + rng.int(maxLength + 1));
  out.set(prefix, 0);
  for (let i = prefix.length; i < out.length; i++) out[i] = rng.int(256);
  return out;
}
