import { check } from '../../core/errors.js';
import type { LbpMapping } from './options.js';

/**
 * A code mapping for P-bit LBP codes (Ojala et al. 2002). Labels are numbered the way
 * Ahonen & Heikkilä's reference `getmapping.m` numbers them, so results are comparable:
 * `u2` labels uniform codes in increasing code order and gives every non-uniform code the last
 * label P(P-1)+2; `ri` labels necklaces in increasing order of their smallest rotation; `riu2`
 * labels a uniform code by its number of 1 bits and others by P+1.
 */
export interface CodeMapping {
  mapping: LbpMapping;
  neighbors: number;
  /** Number of labels (histogram bins). */
  bins: number;
  /** label of a raw code; requires: 0 <= code < 2^P integer. */
  map(code: number): number;
}

/** Largest P for which `ri` is offered: its labels come from enumerating all 2^P codes. */
export const MAX_RI_NEIGHBORS = 20;

/** Dense tables are built up to this P; larger P use closed forms. */
const MAX_TABLE_NEIGHBORS = 16;

/** Circular rotation right by one bit of a P-bit code. */
function rotateRight(code: number, p: number): number {
  return ((code >>> 1) | ((code & 1) << (p - 1))) >>> 0;
}

function popcount(v: number): number {
  let x = v >>> 0;
  let n = 0;
  while (x !== 0) {
    x &= x - 1;
    n++;
  }
  return n;
}

/** Number of 0/1 changes around the circle (Ojala et al. 2002 eq. 10, the U measure). */
export function transitions(code: number, p: number): number {
  return popcount((code ^ rotateRight(code, p)) >>> 0);
}

/** Number of bins of a mapping for P neighbours; `ri` requires P <= MAX_RI_NEIGHBORS. */
export function mappingBins(mapping: LbpMapping, p: number): number {
  switch (mapping) {
    case 'none':
      return 2 ** p;
    case 'u2':
      return p * (p - 1) + 3;
    case 'riu2':
      return p + 2;
    case 'ri':
      return getMapping('ri', p).bins;
  }
}

const cache = new Map<string, CodeMapping>();

/**
 * The mapping `mapping` for P neighbours (cached; the returned object is shared and immutable).
 * requires: 1 <= P <= 31; P <= 20 for `ri`.
 */
export function getMapping(mapping: LbpMapping, p: number): CodeMapping {
  check(Number.isInteger(p) && p >= 1 && p <= 31, 'getMapping', `neighbors must be an integer in 1..31, got ${p}`);
  check(
    mapping !== 'ri' || p <= MAX_RI_NEIGHBORS,
    'getMapping',
    `mapping 'ri' is offered for neighbors <= ${MAX_RI_NEIGHBORS} (its labels enumerate all 2^P codes), got ${p}`,
  );
  const key = `${mapping}/${p}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const made = makeMapping(mapping, p);
  cache.set(key, made);
  return made;
}

function makeMapping(mapping: LbpMapping, p: number): CodeMapping {
  if (mapping === 'none') return { mapping, neighbors: p, bins: 2 ** p, map: (c) => c };
  if (mapping === 'riu2') {
    const other = p + 1;
    const map = (c: number): number => (transitions(c, p) <= 2 ? popcount(c) : other);
    return withTable({ mapping, neighbors: p, bins: p + 2, map });
  }
  if (mapping === 'u2') {
    // The uniform codes: 0, all ones, and every circular run of k ones (1 <= k < P) at every
    // start: P(P-1)+2 codes. Sorting them gives getmapping.m's increasing-code numbering.
    const full = 2 ** p - 1;
    const uniform: number[] = [0, full];
    for (let k = 1; k < p; k++) {
      const run = 2 ** k - 1;
      let code = run;
      for (let s = 0; s < p; s++) {
        uniform.push(code);
        code = rotateRight(code, p);
      }
    }
    uniform.sort((a, b) => a - b);
    const labels = new Map<number, number>();
    uniform.forEach((code, i) => labels.set(code, i));
    const other = p * (p - 1) + 2;
    const map = (c: number): number => labels.get(c) ?? other;
    return withTable({ mapping, neighbors: p, bins: p * (p - 1) + 3, map });
  }
  // ri: walk codes upwards; a necklace is met first at its smallest rotation, which gets the next
  // label (getmapping.m 'ri').
  const size = 2 ** p;
  const table = new Uint32Array(size);
  const labelOfMin = new Int32Array(size).fill(-1);
  let next = 0;
  for (let c = 0; c < size; c++) {
    let min = c;
    let r = c;
    for (let j = 1; j < p; j++) {
      r = rotateRight(r, p);
      if (r < min) min = r;
    }
    if (labelOfMin[min] < 0) labelOfMin[min] = next++;
    table[c] = labelOfMin[min];
  }
  return { mapping, neighbors: p, bins: next, map: (c) => table[c] };
}

/** Replaces `map` by a dense table lookup where the table is small. */
function withTable(m: CodeMapping): CodeMapping {
  if (m.neighbors > MAX_TABLE_NEIGHBORS) return m;
  const size = 2 ** m.neighbors;
  const table = new Uint32Array(size);
  for (let c = 0; c < size; c++) table[c] = m.map(c);
  return { ...m, map: (c) => table[c] };
}
