import { describe, expect, it } from 'vitest';
import '../../../src/nn/ops/index.js';
import { setBackend, type BackendName } from '../../../src/nn/backend.js';
import { loadHumanModel, type HumanModel } from '../../../src/nn/human/load.js';
import type { HumanModelName } from '../../../src/nn/human/specs.js';
import type { Tensor } from '../../../src/nn/tensor.js';
import { fixtureImage, humanFixtures, maxAbsDiff, maxRelDiff } from './helpers.js';

// Tensor-level parity with TF.js 4.22 cpu on ../shared/fixtures/tfjs-models (outputs.json
// human_models), through the wrappers (Image -> Human preprocessing -> graph). Tolerance 1e-4:
// absolute for probabilities (emotion, gender, faceres gender/age), relative (max norm) for the
// SSR-Net age in years and for the descriptors (faceres, mobilefacenet).
// Case counts per backend keep the folder under ~90 s on 2 shared cores; the full sweep (all 6
// cases x 5 models x 3 backends) is bench/graph/parity-sweep.ts.
const PLAN: Record<BackendName, Partial<Record<HumanModelName, number>>> = {
  cpu: { emotion: 6, gender: 6, age: 6, faceres: 1, mobilefacenet: 1 },
  reference: { emotion: 1, gender: 1, age: 1 },
  gpujs: { emotion: 1, age: 1 },
};

const RELATIVE = new Set(['age/Identity', 'faceres/global_pooling/Mean', 'mobilefacenet/embeddings']);

const models = new Map<HumanModelName, Promise<HumanModel>>();
const model = (name: HumanModelName): Promise<HumanModel> => {
  if (!models.has(name)) models.set(name, loadHumanModel(name));
  return models.get(name) as Promise<HumanModel>;
};

for (const [backend, plan] of Object.entries(PLAN) as [BackendName, Partial<Record<HumanModelName, number>>][]) {
  describe(`Human graph models on ${backend}`, () => {
    for (const [name, count] of Object.entries(plan) as [HumanModelName, number][]) {
      for (const c of humanFixtures()[name].cases.slice(0, count)) {
        it(`${name} equals TF.js on ${c.input} (1e-4)`, async () => {
          setBackend(backend);
          const m = await model(name);
          const r = await m.run(await fixtureImage(c.input));
          for (const [node, want] of Object.entries(c.outputs)) {
            const key = m.spec.outputs[node];
            expect(key, `spec names output ${node}`).toBeDefined();
            const got: Tensor = 'data' in r ? (r as Tensor) : (r as Record<string, Tensor>)[key];
            expect(got.shape).toEqual(want.shape);
            const err = RELATIVE.has(`${name}/${node}`) ? maxRelDiff(got.data, want.data) : maxAbsDiff(got.data, want.data);
            expect(err, `${name} ${node}`).toBeLessThan(1e-4);
          }
        });
      }
    }
  });
}

