import { describe, it, expect } from 'vitest';
import '../../../src/nn/ops/index.js';
import { setBackend, type BackendName } from '../../../src/nn/backend.js';
import { faceExpression, FACE_EXPRESSIONS } from '../../../src/nn/models/face-expression.js';
import { ageGender } from '../../../src/nn/models/age-gender.js';
import { faceApiFixtures, fixtureImage, maxAbsDiff, weightsOf } from './fixtures.js';

// Parity with TF.js 4.22 cpu on ../shared/fixtures/tfjs-models: expression and gender
// probabilities within 1e-4 absolute, age within 0.01 years (issue #6).
const PLAN: Array<[BackendName, number]> = [['reference', 1], ['cpu', 6]];

describe('face-expression', () => {
  const model = faceExpression(weightsOf('face-expression'));
  it('names its 7 classes in face-api.js order', () => {
    expect(FACE_EXPRESSIONS).toEqual(['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised']);
  });
  for (const [backend, count] of PLAN) {
    for (const c of faceApiFixtures().face_expression.slice(0, count)) {
      it(`equals TF.js probabilities on ${c.input} on ${backend} (1e-4 abs)`, async () => {
        setBackend(backend);
        const out = await model.run(await fixtureImage(c.input));
        expect(out.shape).toEqual([1, 7]);
        expect(maxAbsDiff(out.data, c.probabilities)).toBeLessThan(1e-4);
        expect(out.data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      });
    }
  }
});

describe('age-gender', () => {
  const model = ageGender(weightsOf('age-gender'));
  for (const [backend, count] of PLAN) {
    for (const c of faceApiFixtures().age_gender.slice(0, count)) {
      it(`equals TF.js age (0.01 y) and gender softmax (1e-4) on ${c.input} on ${backend}`, async () => {
        setBackend(backend);
        const out = await model.run(await fixtureImage(c.input));
        expect(out.age.shape).toEqual([1]);
        expect(out.gender.shape).toEqual([1, 2]);
        expect(Math.abs(out.age.data[0] - c.age[0])).toBeLessThan(0.01);
        expect(maxAbsDiff(out.gender.data, c.genderLogits)).toBeLessThan(1e-4);
      });
    }
  }
});
