import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FacetsError } from '../../src/core/errors.js';
import type { GrayImage } from '../../src/image/image.js';
import { loadCascade } from '../../src/lbp/cascade/classifier.js';
import { SHARED_MODELS } from './fixtures.js';

const LBP = readFileSync(path.join(SHARED_MODELS, 'lbpcascade_frontalface_improved.xml'), 'utf8');
const code = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof FacetsError) return e.code;
    throw e;
  }
};

describe('loadCascade on malformed XML', () => {
  it('reports E_BAD_MODEL for truncated, wrong-root, missing-stage, absurd and mutated files', () => {
    expect(code(() => loadCascade(LBP.slice(0, LBP.length / 2)))).toBe('E_BAD_MODEL');
    expect(code(() => loadCascade('<foo><cascade/></foo>'))).toBe('E_BAD_MODEL');
    expect(code(() => loadCascade(''))).toBe('E_BAD_MODEL');
    expect(code(() => loadCascade('not xml at all'))).toBe('E_BAD_MODEL');
    expect(code(() => loadCascade(LBP.replace(/<stages>[\s\S]*<\/stages>/, '')))).toBe('E_BAD_MODEL');
    expect(code(() => loadCascade(LBP.replace('<width>45</width>', '<width>100000</width>')))).toBe('E_BAD_MODEL');
    expect(code(() => loadCascade(LBP.replace('0 -1 26 -1', '0 -1 99999 -1')))).toBe('E_BAD_MODEL');
    expect(code(() => loadCascade(LBP.replace('0 -1 26 -1', '0 -1 2.5 -1')))).toBe('E_BAD_MODEL');
    expect(code(() => loadCascade(LBP.replace('-9.9726462364196777e-001 -3.8938775658607483e-001', '-9.97e-001')))).toBe('E_BAD_MODEL');
    expect(code(() => loadCascade(LBP.replace('<featureType>LBP</featureType>', '<featureType>HOG</featureType>')))).toBe('E_UNSUPPORTED');
    expect(code(() => loadCascade(LBP.replace('<maxCatCount>256</maxCatCount>', '<maxCatCount>9</maxCatCount>')))).toBe('E_BAD_MODEL');
    expect(code(() => loadCascade('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opencv_storage>&a;</opencv_storage>'))).toBe('E_BAD_MODEL');
    expect(code(() => loadCascade('<opencv_storage><c type_id="opencv-haar-classifier"><size>24 24</size><stages/></c></opencv_storage>'))).toBe('E_UNSUPPORTED');
  });
  it('ends every mutated real cascade in a classifier or a FacetsError (seeded fuzz; a hang would hit the test timeout)', () => {
    const img: GrayImage = { width: 64, height: 64, channels: 1, data: new Uint8ClampedArray(64 * 64).map((_, i) => (i * 7919) % 251) };
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('cut'), at: fc.nat(), len: fc.nat(2000), text: fc.constant('') }),
      fc.record({ kind: fc.constant('insert'), at: fc.nat(), len: fc.constant(0), text: fc.constantFrom('<', '>', '</_>', '<_>', '-', '9', ' 1e308', ' 99999999999', '&amp;', '"', '0 0 0') }),
      fc.record({ kind: fc.constant('digit'), at: fc.nat(), len: fc.constant(1), text: fc.constantFrom('0', '7', '-', '.', 'e') }),
    );
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
      let xml = LBP;
      for (const m of ms) {
        const at = m.at % xml.length;
        xml = xml.slice(0, at) + m.text + xml.slice(at + m.len);
      }
      const r = code(() => loadCascade(xml).detectMultiScale(img, { minNeighbors: 0 }));
      expect(['ok', 'E_BAD_MODEL', 'E_TOO_LARGE', 'E_UNSUPPORTED']).toContain(r);
    }), { seed: 42, numRuns: 60 });
  });
});
