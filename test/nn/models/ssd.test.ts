import { describe, it, expect } from 'vitest';
import '../../../src/nn/ops/index.js';
import { setBackend } from '../../../src/nn/backend.js';
import { ssdMobilenetv1 } from '../../../src/nn/models/ssd-mobilenetv1.js';
import { faceApiFixtures, fixtureImage, maxAbsDiff, weightsOf } from './fixtures.js';

// Parity with TF.js 4.22 cpu on ../shared/fixtures/tfjs-models (ssd_mobilenetv1): decoded boxes
// and sigmoid scores of all 5118 anchors within 1e-4 absolute (issue #6). cpu only, one image:
// a forward pass takes about a minute on the reference backend (bench/models/parity.ts measures
// both images on every backend).
describe('ssd-mobilenetv1', () => {
  it('equals TF.js boxes and scores on ssd_mobilenetv1.deepface-couple.png on cpu (1e-4 abs)', async () => {
    setBackend('cpu');
    const model = ssdMobilenetv1(weightsOf('ssd-mobilenetv1'));
    const c = faceApiFixtures().ssd_mobilenetv1[0];
    const out = await model.run(await fixtureImage(c.input));
    expect(out.boxes.shape).toEqual([5118, 4]);
    expect(out.scores.shape).toEqual([5118]);
    expect(maxAbsDiff(out.boxes.data, c.boxes)).toBeLessThan(1e-4);
    expect(maxAbsDiff(out.scores.data, c.scores)).toBeLessThan(1e-4);
  });
});

