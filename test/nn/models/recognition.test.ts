import { describe, it, expect, beforeAll } from 'vitest';
import '../../../src/nn/ops/index.js';
import { setBackend, type BackendName } from '../../../src/nn/backend.js';
import { dlibResnet } from '../../../src/nn/models/dlib-resnet.js';
import type { NetModel } from '../../../src/nn/models/model.js';
import type { Tensor } from '../../../src/nn/tensor.js';
import { faceApiFixtures, fixtureImage, maxAbsDiff, relL2, weightsOf } from './fixtures.js';

// Parity with TF.js 4.22 cpu on ../shared/fixtures/tfjs-models (face_recognition):
// tolerance 1e-3 absolute per component and 1e-4 relative L2 (issue #6).
// gpujs parity of this net is measured by bench/models (gpu.js without a GPU takes ~5 s per
// descriptor); the gpujs path is tested here on the small nets (landmarks, tiny detector).
const PLAN: Array<[BackendName, number]> = [['reference', 1], ['cpu', 6]];

describe('dlib-resnet', () => {
  let model: NetModel<Tensor>;
  beforeAll(() => { model = dlibResnet(weightsOf('dlib-resnet')); });

  for (const [backend, count] of PLAN) {
    for (const c of faceApiFixtures().face_recognition.slice(0, count)) {
      it(`equals TF.js descriptors on ${c.input} on ${backend} (1e-3 abs, 1e-4 rel L2)`, async () => {
        setBackend(backend);
        const out = await model.run(await fixtureImage(c.input));
        expect(out.shape).toEqual([1, 128]);
        expect(maxAbsDiff(out.data, c.descriptor)).toBeLessThan(1e-3);
        expect(relL2(out.data, c.descriptor)).toBeLessThan(1e-4);
      });
    }
  }

  it('reports every residual stage through activations()', async () => {
    setBackend('cpu');
    const c = faceApiFixtures().face_recognition[0];
    const stages = await model.activations(await fixtureImage(c.input));
    expect(stages.map((s) => s.name)).toEqual([
      'input', 'conv32_down', 'maxpool', 'conv32_1', 'conv32_2', 'conv32_3', 'conv64_down', 'conv64_1', 'conv64_2', 'conv64_3',
      'conv128_down', 'conv128_1', 'conv128_2', 'conv256_down', 'conv256_1', 'conv256_2', 'conv256_down_out', 'global_mean', 'descriptor',
    ]);
    expect(stages[1].tensor.shape).toEqual([1, 72, 72, 32]);
    expect(stages[16].tensor.shape).toEqual([1, 2, 2, 256]);
    expect(maxAbsDiff(stages[stages.length - 1].tensor.data, c.descriptor)).toBeLessThan(1e-3);
  });
});
