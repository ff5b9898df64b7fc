import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseDlibShapePredictor } from '../../src/align/dlib-dat.js';
import { decodeShapeModel, encodeShapeModel } from '../../src/align/ert-format.js';
import { loadShapePredictor } from '../../src/align/load.js';
import { leafValueAt } from '../../src/align/shape-model.js';
import { defaultShapePredictorPath } from '../../src/align/node.js';
import { isFacetsError } from '../../src/core/errors.js';
import { randomModel, writeDlibShapePredictor } from './dlib-writer.js';

/** Runs f; passes when it returns or throws FacetsError E_BAD_MODEL, fails on anything else. */
function endsCleanly(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!isFacetsError(e, 'E_BAD_MODEL')) throw e;
  }
}

describe('parseDlibShapePredictor (dlib shape_predictor.h serialize layout)', () => {
  it('reads back a model written in dlib\'s format exactly (seeded random models)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const m = randomModel(seed, 3 + (seed % 4), 1 + (seed % 3), 1 + (seed % 5), 1 + (seed % 3));
      expect(parseDlibShapePredictor(writeDlibShapePredictor(m))).toEqual(m);
    }
  });

  it('loadShapePredictor dispatches dlib .dat bytes and facets .fert bytes to the same model', () => {
    const m = randomModel(11);
    expect(loadShapePredictor(writeDlibShapePredictor(m)).model).toEqual(m);
    expect(loadShapePredictor(encodeShapeModel(m, 'float32')).model).toEqual(m);
  });

  it('rejects unknown versions', () => {
    expect(() => parseDlibShapePredictor(writeDlibShapePredictor(randomModel(1), 2))).toThrowError(/unknown version 2/);
  });

  it('fuzz: truncated or mutated .dat bytes end in a model or E_BAD_MODEL, quickly (seed 42)', () => {
    const good = writeDlibShapePredictor(randomModel(7));
    fc.assert(
      fc.property(fc.nat(good.length), fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), (cut, muts) => {
        const b = good.slice(0, cut);
        for (const [i, v] of muts) if (i < b.length) b[i] = v;
        endsCleanly(() => parseDlibShapePredictor(b));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rejects a split index beyond the feature count', () => {
    const m = randomModel(3);
    m.splitIdx1[0] = 7;
    expect(() => parseDlibShapePredictor(writeDlibShapePredictor(m))).toThrowError(/uses feature 7 of 7/);
  });
});

describe('facets compact ERT format', () => {
  it('round-trips exactly with float32 leaves and within half a step with int16 leaves (seed 42)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const m = randomModel(seed);
        expect(decodeShapeModel(encodeShapeModel(m, 'float32'))).toEqual(m);
        const q = decodeShapeModel(encodeShapeModel(m, 'int16'));
        expect({ ...q, leafValues: null, leafScales: null }).toEqual({ ...m, leafValues: null, leafScales: null });
        expect(q.leafValues).toBeInstanceOf(Int16Array);
        // re-encoding a decoded int16 model gives the same bytes
        expect(encodeShapeModel(q)).toEqual(encodeShapeModel(m));
        const perTree = 4 * 2 * m.numParts;
        for (let t = 0; t < m.leafValues.length / perTree; t++) {
          let max = 0;
          for (let i = t * perTree; i < (t + 1) * perTree; i++) max = Math.max(max, Math.abs(m.leafValues[i]));
          // half a quantisation step, plus float32 rounding of the scale and of the product
          const tol = (max / 32767) * 0.5 + max * 2e-7;
          for (let i = t * perTree; i < (t + 1) * perTree; i++) expect(Math.abs(leafValueAt(q, i) - m.leafValues[i])).toBeLessThanOrEqual(tol);
        }
      }),
      { seed: 42, numRuns: 50 },
    );
  });

  it('is deterministic: the same model encodes to identical bytes', () => {
    expect(encodeShapeModel(randomModel(5))).toEqual(encodeShapeModel(randomModel(5)));
  });

  it('fuzz: any flipped byte or truncation gives E_BAD_MODEL (checksum), never a hang (seed 42)', () => {
    const good = encodeShapeModel(randomModel(9));
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), fc.nat(good.length - 1), (i, x, cut) => {
        const b = good.slice();
        b[i] ^= x;
        try { decodeShapeModel(b); } catch (e) { expect(isFacetsError(e, 'E_BAD_MODEL')).toBe(true); }
        try { decodeShapeModel(good.slice(0, cut)); expect.unreachable(); } catch (e) { expect(isFacetsError(e, 'E_BAD_MODEL')).toBe(true); }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rejects an unknown version and a foreign file', () => {
    const b = encodeShapeModel(randomModel(2));
    b[4] = 9;
    expect(() => decodeShapeModel(b)).toThrowError(/unknown facets ERT version 9/);
    expect(() => loadShapePredictor(new TextEncoder().encode('<?xml version="1.0"?>'))).toThrowError(/dlib deserialize/);
  });

  it('the shipped file truncated anywhere fails fast with E_BAD_MODEL', () => {
    const bytes = readFileSync(defaultShapePredictorPath());
    for (const cut of [0, 3, 35, 1000, bytes.length >> 1, bytes.length - 1]) {
      try {
        loadShapePredictor(bytes.subarray(0, cut));
        expect.unreachable();
      } catch (e) {
        expect(isFacetsError(e, 'E_BAD_MODEL')).toBe(true);
      }
    }
  });
});
