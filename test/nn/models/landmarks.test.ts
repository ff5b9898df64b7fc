import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import '../../../src/nn/ops/index.js';
import { setBackend, type BackendName } from '../../../src/nn/backend.js';
import { landmark68, landmark68Tiny, landmarkPoints } from '../../../src/nn/models/landmark68.js';
import { isFacetsError } from '../../../src/core/errors.js';
import { backendStatus, faceApiFixtures, fixtureImage, maxAbsDiff, weightsOf } from './fixtures.js';

// Parity with TF.js 4.22 cpu on ../shared/fixtures/tfjs-models (face_landmark_68[_tiny]
// landmarks136 = net.forwardInput of the 112x112 input): tolerance 1e-4 absolute (issue #6).
const PLAN: Array<[BackendName, number]> = [['reference', 1], ['cpu', 6]];

describe('landmark68', () => {
  const model = landmark68(weightsOf('landmark68'));
  for (const [backend, count] of PLAN) {
    for (const c of faceApiFixtures().face_landmark_68.slice(0, count)) {
      it(`equals TF.js on ${c.input} on ${backend} (1e-4 abs)`, async () => {
        setBackend(backend);
        const out = await model.run(await fixtureImage(c.input));
        expect(out.shape).toEqual([1, 136]);
        expect(maxAbsDiff(out.data, c.landmarks136)).toBeLessThan(1e-4);
      });
    }
  }
});

// gpujs: one image when gpu.js can start here, skipped with the reason otherwise.
const GPUJS_REASON = backendStatus('gpujs');

describe('landmark68-tiny', () => {
  const model = landmark68Tiny(weightsOf('landmark68-tiny'));
  for (const [backend, count] of [...PLAN, ['gpujs', 1] as [BackendName, number]]) {
    for (const c of faceApiFixtures().face_landmark_68_tiny.slice(0, count)) {
      it.skipIf(backend === 'gpujs' && GPUJS_REASON !== null)(`equals TF.js on ${c.input} on ${backend} (1e-4 abs)${backend === 'gpujs' && GPUJS_REASON ? ` [gpujs unavailable: ${GPUJS_REASON}]` : ''}`, async () => {
        setBackend(backend);
        const out = await model.run(await fixtureImage(c.input));
        expect(maxAbsDiff(out.data, c.landmarks136)).toBeLessThan(1e-4);
      });
    }
  }
});

describe('landmarkPoints', () => {
  it('undoes centred square padding like face-api.js postProcess (seeded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: 136, maxLength: 136 }), (w, h, rel) => {
        const out = { shape: [1, 136], data: Float32Array.from(rel) };
        const pts = landmarkPoints(out, w, h);
        const s = Math.max(w, h);
        // face-api.js: (v * 112 - pad112) / (side * 112 / s) with pad112 = |w - h| * 112 / s / 2
        const scale = 112 / s;
        pts.forEach(([x, y], i) => {
          const px = (out.data[2 * i] * 112 - (w < h ? Math.abs(w * scale - h * scale) / 2 : 0)) / (w * scale) * w;
          const py = (out.data[2 * i + 1] * 112 - (h < w ? Math.abs(w * scale - h * scale) / 2 : 0)) / (h * scale) * h;
          expect(x).toBeCloseTo(px, 6);
          expect(y).toBeCloseTo(py, 6);
        });
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('rejects an output of the wrong length with E_BAD_ARGUMENT', () => {
    try {
      landmarkPoints({ shape: [1, 10], data: new Float32Array(10) }, 10, 10);
      throw new Error('no throw');
    } catch (e) {
      expect(isFacetsError(e, 'E_BAD_ARGUMENT')).toBe(true);
    }
  });
});
