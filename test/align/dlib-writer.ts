/**
 * Test-only writer of dlib's serialisation (dlib/serialize.h pack_int, float_details.h), used to
 * build byte sequences and small shape_predictor files for the reader tests.
 */
import type { ShapeModel } from '../../src/align/shape-model.js';

export function packInt(v: bigint | number): number[] {
  let b = BigInt(v);
  const neg = b < 0n;
  let m = neg ? -b : b;
  const out: number[] = [];
  do {
    out.push(Number(m & 0xffn));
    m >>= 8n;
  } while (m !== 0n);
  return [out.length | (neg ? 0x80 : 0), ...out];
}

/** float_details of a double (digits = 53), compacted like dlib (low zero bytes shifted off). */
export function packDouble(x: number): number[] {
  if (x === Infinity) return [...packInt(0n), ...packInt(32000n)];
  if (x === -Infinity) return [...packInt(0n), ...packInt(32001n)];
  if (Number.isNaN(x)) return [...packInt(0n), ...packInt(32002n)];
  if (x === 0) return [...packInt(0n), ...packInt(64n)];
  let f = x;
  let exp = 0;
  while (Math.abs(f) >= 1) { f /= 2; exp += 1; }
  while (Math.abs(f) < 0.5) { f *= 2; exp -= 1; }
  let mant = BigInt(f * 2 ** 53);
  let e = exp - 53;
  for (let i = 0; i < 8 && (mant & 0xffn) === 0n; i++) { mant >>= 8n; e += 8; }
  return [...packInt(mant), ...packInt(BigInt(e))];
}

const column = (a: ArrayLike<number>): number[] => [...packInt(-a.length), ...packInt(-1), ...Array.from(a).flatMap(packDouble)];

/** A ShapeModel serialised as dlib's shape_predictor (version given, 1 by default). */
export function writeDlibShapePredictor(m: ShapeModel, version = 1): Uint8Array {
  const out: number[] = [...packInt(version), ...column(m.initialShape)];
  const ns = (1 << m.depth) - 1;
  const nl = 1 << m.depth;
  const len = 2 * m.numParts;
  out.push(...packInt(m.treesPerCascade.length));
  let tree = 0;
  for (const nt of m.treesPerCascade) {
    out.push(...packInt(nt));
    for (let t = 0; t < nt; t++, tree++) {
      out.push(...packInt(ns));
      for (let s = tree * ns; s < (tree + 1) * ns; s++) out.push(...packInt(m.splitIdx1[s]), ...packInt(m.splitIdx2[s]), ...packDouble(m.splitThresh[s]));
      out.push(...packInt(nl));
      for (let l = 0; l < nl; l++) out.push(...column(m.leafValues.subarray((tree * nl + l) * len, (tree * nl + l + 1) * len)));
    }
  }
  let f = 0;
  out.push(...packInt(m.featuresPerCascade.length));
  for (const nf of m.featuresPerCascade) {
    out.push(...packInt(nf));
    for (let i = 0; i < nf; i++) out.push(...packInt(m.anchorIdx[f + i]));
    f += nf;
  }
  f = 0;
  out.push(...packInt(m.featuresPerCascade.length));
  for (const nf of m.featuresPerCascade) {
    out.push(...packInt(nf));
    for (let i = 0; i < nf; i++) out.push(...packDouble(m.deltas[2 * (f + i)]), ...packDouble(m.deltas[2 * (f + i) + 1]));
    f += nf;
  }
  return new Uint8Array(out);
}

/** A small random but valid model (seeded LCG so failures reproduce). */
export function randomModel(seed: number, parts = 5, cascades = 2, trees = 3, depth = 2, features = 7): ShapeModel {
  let s = seed >>> 0 || 1;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const f32 = (n: number, scale: number, off = 0) => Float32Array.from({ length: n }, () => off + (rnd() - 0.5) * scale);
  const T = cascades * trees;
  const S = T * ((1 << depth) - 1);
  return {
    numParts: parts,
    initialShape: f32(2 * parts, 0.8, 0.5),
    depth,
    treesPerCascade: Array(cascades).fill(trees),
    featuresPerCascade: Array(cascades).fill(features),
    anchorIdx: Uint16Array.from({ length: cascades * features }, () => Math.floor(rnd() * parts)),
    deltas: f32(2 * cascades * features, 0.2),
    splitIdx1: Uint16Array.from({ length: S }, () => Math.floor(rnd() * features)),
    splitIdx2: Uint16Array.from({ length: S }, () => Math.floor(rnd() * features)),
    splitThresh: f32(S, 100),
    leafValues: f32(T * (1 << depth) * 2 * parts, 0.05),
  };
}
