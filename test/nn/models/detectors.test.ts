import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import '../../../src/nn/ops/index.js';
import { setBackend, type BackendName } from '../../../src/nn/backend.js';
import { tinyFaceDetector } from '../../../src/nn/models/tiny-face-detector.js';
import { iou, nonMaxSuppression, ssdDetections, tinyFaceDetections } from '../../../src/nn/models/detections.js';
import { backendStatus, faceApiFixtures, fixtureImage, maxAbsDiff, ROOT, weightsOf } from './fixtures.js';

// Parity with TF.js 4.22 cpu on ../shared/fixtures/tfjs-models: tiny-detector grid within
// 1e-4 absolute (issue #6). SSD parity is in ssd.test.ts.
// gpujs: one 224 input when available, skipped with the reason otherwise.
const GPUJS_REASON = backendStatus('gpujs');
const TINY_PLAN: Array<[BackendName, number[]]> = [['reference', [3]], ['cpu', [0, 1, 2, 3]], ['gpujs', [3]]];

describe('tiny-face-detector', () => {
  const model = tinyFaceDetector(weightsOf('tiny-face-detector'));
  for (const [backend, picks] of TINY_PLAN) {
    for (const i of picks) {
      const c = faceApiFixtures().tiny_face_detector[i];
      it.skipIf(backend === 'gpujs' && GPUJS_REASON !== null)(`equals the TF.js grid on ${c.input} on ${backend} (1e-4 abs)${backend === 'gpujs' && GPUJS_REASON ? ` [gpujs unavailable: ${GPUJS_REASON}]` : ''}`, async () => {
        setBackend(backend);
        const out = await model.withInputSize(c.size[0]).run(await fixtureImage(c.input));
        expect(out.shape).toEqual(c.shape);
        expect(maxAbsDiff(out.data, c.grid)).toBeLessThan(1e-4);
      });
    }
  }

  it('rejects an input size that is not a multiple of 32', () => {
    expect(() => model.withInputSize(100)).toThrow(/multiple of 32/);
  });
});

type Rel = { left: number; top: number; right: number; bottom: number };

/** face-api.js ops/nonMaxSuppression.ts, restated as the oracle: pop the best, drop overlaps > t. */
function faceApiNms(boxes: Rel[], scores: number[], t: number): number[] {
  let order = scores.map((s, i) => ({ s, i })).sort((a, b) => a.s - b.s).map((x) => x.i);
  const pick: number[] = [];
  while (order.length > 0) {
    const cur = order.pop() as number;
    pick.push(cur);
    order = order.filter((j) => iou(boxes[cur], boxes[j]) <= t);
  }
  return pick;
}

const boxArb = fc.record({ x: fc.integer({ min: 0, max: 90 }), y: fc.integer({ min: 0, max: 90 }), w: fc.integer({ min: 1, max: 40 }), h: fc.integer({ min: 1, max: 40 }) })
  .map(({ x, y, w, h }) => ({ left: x / 100, top: y / 100, right: (x + w) / 100, bottom: (y + h) / 100 }));

describe('nonMaxSuppression', () => {
  it('keeps the same boxes as face-api.js NMS on random boxes with distinct scores (seeded)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 0, maxLength: 40 }), fc.infiniteStream(boxArb), fc.double({ min: 0.1, max: 0.9, noNaN: true }), (ints, stream, t) => {
        const scores = ints.map((v) => v / 10_000);
        const boxes = scores.map(() => stream.next().value as Rel);
        const kept = nonMaxSuppression(boxes, scores, t);
        expect(kept).toEqual(faceApiNms(boxes, scores, t));
        for (let a = 0; a < kept.length; a++) for (let b = a + 1; b < kept.length; b++) expect(iou(boxes[kept[a]], boxes[kept[b]])).toBeLessThanOrEqual(t);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('iou is symmetric, in 0..1, and 1 for a box with itself (seeded)', () => {
    fc.assert(
      fc.property(boxArb, boxArb, (a, b) => {
        expect(iou(a, b)).toBeCloseTo(iou(b, a), 12);
        expect(iou(a, b)).toBeGreaterThanOrEqual(0);
        expect(iou(a, b)).toBeLessThanOrEqual(1);
        expect(iou(a, a)).toBeCloseTo(1, 12);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('caps the output at maxOutput and rejects mismatched lengths', () => {
    const boxes = [0, 1, 2].map((i) => ({ left: i, top: 0, right: i + 0.5, bottom: 1 }));
    expect(nonMaxSuppression(boxes, [0.9, 0.8, 0.7], 0.5, 2)).toEqual([0, 1]);
    expect(() => nonMaxSuppression(boxes, [1], 0.5)).toThrow(/3 boxes but 1 scores/);
  });
});

describe('detections from the TF.js fixture outputs', () => {
  it('tinyFaceDetections finds the two faces of deepface-couple at 416 and 224 (NMS 0.4, score > 0.5)', () => {
    for (const i of [0, 1]) {
      const c = faceApiFixtures().tiny_face_detector[i];
      const dets = tinyFaceDetections({ shape: c.shape, data: Float32Array.from(c.grid) }, { width: 1000, height: 1000, inputSize: c.size[0] });
      expect(dets.length).toBe(2);
      expect(dets[0].score).toBeGreaterThanOrEqual(dets[1].score);
    }
  });

  // The face-api pipeline fixture ran SSD on TF.js wasm from a jpeg-js decode of the original
  // JPEG with its own resize, so its net input differs slightly from the PNG fixture: we check
  // the same faces come out (box IoU >= 0.95, score within 0.005), not bit-level equality.
  it('ssdDetections on the TF.js outputs matches the face-api pipeline fixture faces (IoU >= 0.95)', () => {
    for (const c of faceApiFixtures().ssd_mobilenetv1) {
      const name = c.input.replace('ssd_mobilenetv1.deepface-', '').replace('.png', '');
      const p = JSON.parse(readFileSync(path.resolve(ROOT, '../shared/fixtures/faceapi-pipeline', `${name}.json`), 'utf8'));
      const dets = ssdDetections({ boxes: { shape: [5118, 4], data: Float32Array.from(c.boxes) }, scores: { shape: [5118], data: Float32Array.from(c.scores) } }, { width: p.width, height: p.height });
      expect(dets.length).toBe(p.allDetections.length);
      dets.forEach((d, k) => {
        const want = p.allDetections[k];
        const rel = (b: { x: number; y: number; width: number; height: number }) => ({ left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height });
        expect(iou(rel(d.box), rel(want.box))).toBeGreaterThanOrEqual(0.95);
        expect(Math.abs(d.score - want.score)).toBeLessThan(0.005);
      });
    }
  });
});
