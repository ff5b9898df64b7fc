import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFacetsError } from '../../src/core/errors.js';
import { LBPHRecognizer } from '../../src/lbp/ops/lbph-recognizer.js';
import { MAX_YAML_BYTES } from '../../src/lbp/ops/lbph-model.js';
import { readLbphYaml } from '../../src/lbp/ops/lbph-yaml-read.js';
import { cExponential, formatFloat32, formatFloat64 } from '../../src/lbp/ops/number-format.js';

function expectCode(fn: () => unknown, code: string, message?: RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(isFacetsError(err), String(err)).toBe(true);
  expect((err as { code: string }).code).toBe(code);
  if (message) expect(String(err)).toMatch(message);
}

/** A small valid model text (2x2 grid, 4 neighbours: 64 floats per histogram). */
function smallModel(): string {
  const r = new LBPHRecognizer({ neighbors: 4, gridX: 2, gridY: 2 });
  const img = { width: 8, height: 8, channels: 1 as const, data: Uint8ClampedArray.from({ length: 64 }, (_, k) => (k * 37) % 256) };
  r.train([img, img], [1, 2]);
  r.setLabelInfo(1, 'Ann');
  return r.toYAML();
}

describe('OpenCV number formatting', () => {
  it('prints like C printf %.8e / %.16e with half-to-even ties, and integers as "N."', () => {
    expect(formatFloat32(Math.fround(0.2))).toBe('2.00000003e-01');
    expect(formatFloat32(0)).toBe('0.');
    expect(formatFloat32(1)).toBe('1.');
    expect(formatFloat32(Math.fround(1e-5))).toBe('9.99999975e-06');
    expect(formatFloat64(Number.MAX_VALUE)).toBe('1.7976931348623157e+308');
    expect(formatFloat64(50)).toBe('50.');
    expect(formatFloat64(1e10)).toBe('1.0000000000000000e+10'); // cvRound saturates: not the int branch
    expect(formatFloat64(Infinity)).toBe('.Inf');
    expect(formatFloat64(NaN)).toBe('.Nan');
    // Exact ties (checked against glibc printf): 105/1024 = 0.1025390625 keeps the even 2.
    expect(cExponential(105 / 1024, 8)).toBe('1.02539062e-01');
    expect(cExponential(103 / 1024, 8)).toBe('1.00585938e-01');
    expect(cExponential(-105 / 1024, 8)).toBe('-1.02539062e-01');
    expect(cExponential(2097151.125, 8)).toBe('2.09715112e+06');
  });

  it('round-trips every float32 through its text', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (v) => {
        expect(Math.fround(Number(formatFloat32(v)))).toBe(v === 0 ? 0 : v);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('LBPHRecognizer.fromYAML', () => {
  it('reads compact and commented YAML that OpenCV also accepts', () => {
    const text = smallModel()
      .replace('   radius: 1', '   radius: 1 # circle radius')
      .replace(/labelsInfo:\n {6}-\n {9}label: 1\n {9}value: Ann/, 'labelsInfo:\n      - label: 1\n        value: "Ann"');
    const r = LBPHRecognizer.fromYAML(text);
    expect(r.getLabelInfo(1)).toBe('Ann');
    expect(r.radius).toBe(1);
  });

  it('treats a missing or zero threshold as the default, like LBPH::read', () => {
    const text = smallModel();
    expect(LBPHRecognizer.fromYAML(text.replace(/ {3}threshold: .*\n/, '')).threshold).toBe(Infinity);
    expect(LBPHRecognizer.fromYAML(text.replace(/threshold: .*\n/, 'threshold: 0.\n')).threshold).toBe(Infinity);
    expect(LBPHRecognizer.fromYAML(text.replace(/threshold: .*\n/, 'threshold: 7.5\n')).threshold).toBe(7.5);
  });

  const corruptions: [string, (t: string) => string, RegExp][] = [
    ['no %YAML header', (t) => t.replace('%YAML:1.0\n', ''), /not an OpenCV YAML/],
    ['unknown YAML version', (t) => t.replace('%YAML:1.0', '%YAML:2.0'), /not an OpenCV YAML/],
    ['missing radius', (t) => t.replace(/ {3}radius: 1\n/, ''), /missing field "radius"/],
    ['radius not a number', (t) => t.replace('radius: 1', 'radius: one'), /radius must be an integer/],
    ['neighbors 40', (t) => t.replace('neighbors: 4', 'neighbors: 40'), /neighbors must be an integer in 1..31/],
    ['histogram too short', (t) => t.replace('cols: 64', 'cols: 63'), /holds 64 values/],
    ['histogram length off the grid', (t) => t.replace('grid_x: 2', 'grid_x: 3'), /expected grid_x\*grid_y\*2\^neighbors = 96/],
    ['NaN in a histogram', (t) => t.replace('0., ', '.Nan, '), /not a finite number/],
    ['garbage in a histogram', (t) => t.replace('0., ', '0.x1, '), /not a finite number/],
    ['double histogram dt', (t) => t.replace('dt: f', 'dt: d'), /dt "d"/],
    ['labels count', (t) => t.replace('rows: 2', 'rows: 3'), /labels is 3x1 but holds 2/],
    ['label not int', (t) => t.replace('data: [ 1, 2 ]', 'data: [ 1, 2.5 ]'), /labels\[1\] must be an int32/],
    ['unterminated flow', (t) => t.replace(' ]\n   labels', '\n   labels'), /malformed YAML|unterminated/],
    ['tab indentation', (t) => t.replace('   radius', '\tradius'), /tabs/],
    ['duplicate key', (t) => t.replace('   radius: 1\n', '   radius: 1\n   radius: 2\n'), /duplicate key "radius"/],
    ['bad indentation', (t) => t.replace('   neighbors', '    neighbors'), /indentation/],
    ['truncated file', (t) => t.slice(0, Math.floor(t.length / 2)), /missing field|unterminated|malformed/],
    ['truncated inside the data', (t) => t.slice(0, t.indexOf('data: [') + 40), /unterminated flow sequence/],
    ['matrix without tag', (t) => t.replace('labels: !!opencv-matrix', 'labels:'), /labels must be an !!opencv-matrix/],
    ['anchor', (t) => t.replace('value: Ann', 'value: &a Ann'), /anchors/],
    ['empty text', () => '', /not an OpenCV YAML/],
  ];
  for (const [name, corrupt, message] of corruptions) {
    it(`rejects a corrupt model with E_BAD_MODEL: ${name}`, () => {
      const text = corrupt(smallModel());
      expect(text).not.toBe(smallModel());
      expectCode(() => LBPHRecognizer.fromYAML(text), 'E_BAD_MODEL', message);
    });
  }

  it('never throws anything but a FacetsError on random corruption of a model', () => {
    const base = smallModel();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length - 1 }), fc.integer({ min: 0, max: 200 }), fc.string({ maxLength: 8 }), (at, cut, insert) => {
        const text = base.slice(0, at) + insert + base.slice(at + cut);
        try {
          LBPHRecognizer.fromYAML(text);
        } catch (e) {
          expect(isFacetsError(e), String(e)).toBe(true);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rejects input over the 512 MiB cap with E_TOO_LARGE before parsing', () => {
    expectCode(() => readLbphYaml(new Uint8Array(16)), 'E_BAD_MODEL', /not an OpenCV YAML/);
    const big = new Uint8Array(MAX_YAML_BYTES + 1);
    expectCode(() => LBPHRecognizer.fromYAML(big), 'E_TOO_LARGE', /536870912-byte cap/);
  });

  it('rejects a non-text argument', () => {
    expectCode(() => LBPHRecognizer.fromYAML(42 as unknown as string), 'E_BAD_ARGUMENT');
  });
});
