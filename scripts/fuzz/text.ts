/**
 * Token-level mutations of text model files (XML, JSON, YAML): numbers made huge, negative,
 * NaN or empty; lines dropped, duplicated or swapped; deep nesting; truncation; stray syntax.
 */
import type { Rng } from './rng.js';

export const BAD_NUMBERS = [
  '1e308', '-1e308', '1e309', 'NaN', 'nan', '.nan', '.Nan', 'Infinity', '-Infinity', '.inf', '-.inf', 'inf',
  '-1', '0', '-0', '4294967296', '2147483648', '-2147483649', '65536', '99999999999999999999', '1e-320',
  '0.5', '', '0x10', '1,2', '1e', '--1', '+', '3.', '1.5e+400',
];
const STRAY = ['<', '>', '&', '"', "'", '[', ']', '{', '}', ':', ',', '-', '#', '!', '%', '\n', '\t', '\\', '\u0000', '\uffff', '<_>', '</_>', '!!opencv-matrix', '- ', '  '];
const NUMBER = /-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?/g;

/** How a format nests, for the deep-nesting mutation (`open.repeat(n) + close.repeat(n)`). */
export interface Nesting {
  open: string;
  close: string;
}

function numberSpans(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of s.matchAll(NUMBER)) out.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  return out;
}

/** One mutation step. Number spans are recomputed per step; files are small seeds. */
export function mutateTextOnce(rng: Rng, s: string, nest: Nesting): string {
  const n = s.length;
  const pos = rng.int(n + 1);
  const op = rng.int(9);
  if (op <= 2) {
    const spans = numberSpans(s);
    if (spans.length > 0) {
      const [a, b] = rng.pick(spans);
      const value = op === 2 ? String(Number(s.slice(a, b)) + rng.pick([-1, 1, 2, -2, 1000])) : rng.pick(BAD_NUMBERS);
      return s.slice(0, a) + value + s.slice(b);
    }
  }
  const lines = s.split('\n');
  if (op === 3 && lines.length > 1) { lines.splice(rng.int(lines.length), 1 + rng.int(3)); return lines.join('\n'); }
  if (op === 4 && lines.length > 0) { const i = rng.int(lines.length); lines.splice(rng.int(lines.length), 0, ...lines.slice(i, i + 1 + rng.int(8))); return lines.join('\n'); }
  if (op === 5 && lines.length > 1) { const i = rng.int(lines.length); const j = rng.int(lines.length); [lines[i], lines[j]] = [lines[j] as string, lines[i] as string]; return lines.join('\n'); }
  if (op === 6) { const depth = rng.pick([2, 40, 1000, 20000]); return s.slice(0, pos) + nest.open.repeat(depth) + nest.close.repeat(rng.chance(0.5) ? depth : 0) + s.slice(pos); }
  if (op === 7) return s.slice(0, pos);
  return s.slice(0, pos) + rng.pick(STRAY) + s.slice(pos + (rng.chance(0.5) ? 1 : 0));
}

/** 1..maxSteps steps; with small probability a UTF-8 bit flip instead (encoding damage). */
export function mutateText(rng: Rng, seed: string, nest: Nesting, maxSteps = 3): string {
  if (rng.chance(0.05)) {
    const b = new TextEncoder().encode(seed);
    if (b.length > 0) { const p = rng.int(b.length); b[p] = (b[p] as number) ^ (1 << rng.int(8)); }
    return new TextDecoder().decode(b);
  }
  let s = seed;
  const steps = 1 + rng.int(maxSteps);
  for (let i = 0; i < steps; i++) s = mutateTextOnce(rng, s, nest);
  return s;
}
