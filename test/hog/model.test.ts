import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FacetsError } from '../../src/core/errors.js';
import { buildFilterbank } from '../../src/lbp/hog/filterbank.js';
import { fhogWindowSize, loadHogDetector } from '../../src/lbp/hog/model.js';
import { loadFrontalFaceDetector } from '../../src/lbp/hog/node.js';
import { svdJacobi } from '../../src/lbp/hog/svd.js';
import { readShared } from '../helpers/shared.js';

// A private copy: readShared gives a Buffer, whose slice() is a view, not a copy.
const bytes = new Uint8Array(readShared('models/dlib/frontal_face_detector.svm'));

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof FacetsError ? e.code : `non-FacetsError: ${String(e)}`;
  }
}

describe('loadHogDetector', () => {
  it("reads dlib's frontal face detector: 5 filters of 10x10 cells, 80x80 window, cell 8", () => {
    const d = loadHogDetector(bytes);
    expect(d.detectors.length).toBe(5);
    expect([d.cellSize, d.padding, d.windowWidth, d.windowHeight, d.filterRows, d.filterCols]).toEqual([8, 0, 80, 80, 10, 10]);
    expect([d.maxPyramidLevels, d.minPyramidLayerWidth, d.minPyramidLayerHeight]).toEqual([1000, 64, 64]);
    // The overlap tester dlib trained (find_tight_overlap_tester), read as doubles from the file.
    expect(d.iouThresh).toBeCloseTo(0.33008212188056446, 15);
    expect(d.percentCoveredThresh).toBeCloseTo(0.7885714285714286, 15);
    for (const { filterbank, bias } of d.detectors) {
      expect(Number.isFinite(bias)).toBe(true);
      // dlib runs these detectors through the separable (SVD) path.
      expect(filterbank.separable).toBe(true);
      expect(filterbank.full.length).toBe(31 * 100);
    }
  });

  it('the Node helper loads the shipped copy in weights/hog, identical to the fixture file', () => {
    const shipped = loadFrontalFaceDetector();
    expect(shipped).toBe(loadFrontalFaceDetector());
    const ref = loadHogDetector(bytes);
    expect(shipped.detectors.map((x) => x.bias)).toEqual(ref.detectors.map((x) => x.bias));
    expect(Array.from(shipped.detectors[4]!.filterbank.full)).toEqual(Array.from(ref.detectors[4]!.filterbank.full));
  });

  it('rejects every truncation with E_BAD_MODEL', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (n) => {
        expect(codeOf(() => loadHogDetector(bytes.subarray(0, n)))).toBe('E_BAD_MODEL');
      }),
      { seed: 42, numRuns: 60 },
    );
    // The header and the first weights byte by byte.
    for (let n = 0; n < 64; n++) expect(codeOf(() => loadHogDetector(bytes.subarray(0, n)))).toBe('E_BAD_MODEL');
  });

  it('either loads or fails with E_BAD_MODEL on corrupted bytes (never another error, never a hang)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (edits) => {
        const b = new Uint8Array(bytes);
        for (const [i, v] of edits) b[i] = v;
        expect(['ok', 'E_BAD_MODEL']).toContain(codeOf(() => loadHogDetector(b)));
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('names the field and offset for a wrong version and rejects trailing bytes', () => {
    const b = new Uint8Array(bytes);
    b[1] = 3; // object_detector version 3
    expect(() => loadHogDetector(b)).toThrow(/object_detector version.*unsupported version 3/);
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => loadHogDetector(longer)).toThrow(/trailing/);
    expect(codeOf(() => loadHogDetector(new Uint8Array(0)))).toBe('E_BAD_MODEL');
  });
});

describe('fhogWindowSize', () => {
  it("matches dlib's compute_fhog_window_size for the face detector (80x80, cell 8 -> 10x10)", () => {
    expect(fhogWindowSize(8, 0, 80, 80)).toEqual({ rows: 10, cols: 10 });
    expect(fhogWindowSize(8, 1, 80, 80)).toEqual({ rows: 12, cols: 12 });
  });
});

describe('svdJacobi', () => {
  it('reconstructs random matrices with orthonormal factors and descending singular values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 4 }), fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 140, maxLength: 140 }), (n, extra, vals) => {
        const m = n + extra;
        const a = vals.slice(0, m * n);
        const { s, u, v } = svdJacobi(a, m, n);
        for (let j = 1; j < n; j++) expect(s[j - 1]!).toBeGreaterThanOrEqual(s[j]!);
        let err = 0;
        let scale = 1e-12;
        for (let i = 0; i < m; i++) {
          for (let c = 0; c < n; c++) {
            let x = 0;
            for (let j = 0; j < n; j++) x += u[i * n + j]! * s[j]! * v[c * n + j]!;
            err = Math.max(err, Math.abs(x - a[i * n + c]!));
            scale = Math.max(scale, Math.abs(a[i * n + c]!));
          }
        }
        expect(err / scale).toBeLessThan(1e-12);
        for (let p = 0; p < n; p++) {
          for (let q = 0; q < n; q++) {
            let d = 0;
            for (let i = 0; i < n; i++) d += v[i * n + p]! * v[i * n + q]!;
            expect(Math.abs(d - (p === q ? 1 : 0))).toBeLessThan(1e-12);
          }
        }
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});

describe('buildFilterbank', () => {
  it('a rank-1 filter gives one separable term per plane whose outer product is the filter', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }), (a, b) => {
        fc.pre(Math.hypot(...a) > 0.1 && Math.hypot(...b) > 0.1);
        const w = new Float64Array(31 * 100);
        for (let k = 0; k < 31; k++) for (let r = 0; r < 10; r++) for (let c = 0; c < 10; c++) w[k * 100 + r * 10 + c] = a[r]! * b[c]!;
        const fb = buildFilterbank(w, 31, 10, 10);
        expect(fb.separable).toBe(true);
        for (const terms of fb.terms) {
          expect(terms.length).toBe(1);
          const { col, row } = terms[0]!;
          let err = 0;
          for (let r = 0; r < 10; r++) for (let c = 0; c < 10; c++) err = Math.max(err, Math.abs(col[r]! * row[c]! - a[r]! * b[c]!));
          expect(err).toBeLessThan(1e-5);
        }
      }),
      { seed: 42, numRuns: 20 },
    );
  });

  it('falls back to full filters when the SVD terms outnumber planes * 10 / 3 (dlib rule)', () => {
    let s = 7;
    const w = Float64Array.from({ length: 31 * 100 }, () => ((s = (s * 69069 + 1) % 4294967296) / 4294967296) - 0.5);
    const fb = buildFilterbank(w, 31, 10, 10);
    expect(fb.terms.reduce((n, t) => n + t.length, 0)).toBe(310);
    expect(fb.separable).toBe(false);
  });
});
