import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getMapping, mappingBins, transitions } from '../../src/lbp/ops/mapping.js';

const FC = { seed: 42, numRuns: 200 };

function rotl(code: number, p: number): number {
  return (((code << 1) | (code >>> (p - 1))) & (2 ** p - 1)) >>> 0;
}

describe('getMapping', () => {
  it('u2 has P(P-1)+3 bins for every P in 1..31', () => {
    for (let p = 1; p <= 31; p++) {
      expect(getMapping('u2', p).bins).toBe(p * (p - 1) + 3);
      expect(mappingBins('u2', p)).toBe(p * (p - 1) + 3);
    }
  });

  it('has the textbook bin counts for P=8: none 256, u2 59, ri 36, riu2 10', () => {
    expect(getMapping('none', 8).bins).toBe(256);
    expect(getMapping('u2', 8).bins).toBe(59);
    expect(getMapping('ri', 8).bins).toBe(36); // binary necklaces of length 8
    expect(getMapping('riu2', 8).bins).toBe(10);
    expect(getMapping('ri', 16).bins).toBe(4116);
  });

  it('u2 numbers uniform codes in increasing order and sends the rest to the last bin (getmapping.m)', () => {
    const m = getMapping('u2', 8);
    const uniform = [];
    for (let c = 0; c < 256; c++) if (transitions(c, 8) <= 2) uniform.push(c);
    expect(uniform.length).toBe(58);
    uniform.forEach((c, i) => expect(m.map(c)).toBe(i));
    expect(m.map(0b01010101)).toBe(58);
    expect(m.map(0b00100100)).toBe(58);
  });

  it('u2 labels are a bijection on uniform codes for large P (closed form path, P=24 and 31)', () => {
    for (const p of [24, 31]) {
      const m = getMapping('u2', p);
      const seen = new Set<number>();
      // All runs of ones, every start.
      for (let k = 1; k < p; k++) {
        let code = 2 ** k - 1;
        for (let s = 0; s < p; s++) {
          seen.add(m.map(code));
          code = rotl(code, p);
        }
      }
      seen.add(m.map(0));
      seen.add(m.map(2 ** p - 1));
      expect(seen.size).toBe(p * (p - 1) + 2);
      expect(Math.max(...seen)).toBe(p * (p - 1) + 1);
      expect(m.map(0b101)).toBe(p * (p - 1) + 2);
    }
  });

  it('ri and riu2 are invariant to circular bit rotation; riu2 counts ones of uniform codes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.nat(), fc.integer({ min: 0, max: 40 }), (p, raw, turns) => {
        const code = raw % 2 ** p;
        let rotated = code;
        for (let t = 0; t < turns; t++) rotated = rotl(rotated, p);
        for (const name of ['ri', 'riu2'] as const) expect(getMapping(name, p).map(rotated)).toBe(getMapping(name, p).map(code));
        const ones = code.toString(2).split('').filter((b) => b === '1').length;
        expect(getMapping('riu2', p).map(code)).toBe(transitions(code, p) <= 2 ? ones : p + 1);
      }),
      FC,
    );
  });

  it('ri labels necklaces by increasing smallest rotation', () => {
    const m = getMapping('ri', 8);
    expect(m.map(0)).toBe(0);
    expect(m.map(1)).toBe(1);
    expect(m.map(0b10000000)).toBe(1);
    expect(m.map(3)).toBe(2);
    expect(m.map(5)).toBe(3);
    expect(m.map(255)).toBe(35);
  });
});
