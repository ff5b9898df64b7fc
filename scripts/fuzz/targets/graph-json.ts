/**
 * Graph JSON: the converted Human emotion and gender graphs, mutated as text and as JSON
 * structure, read as readHumanFiles does (invalid JSON -> E_BAD_MODEL) and loaded with
 * loadGraphModel against their real weights (loaded once; the graph is what is fuzzed).
 */
import { FacetsError } from '../../../src/core/errors.js';
import { loadGraphModel } from '../../../src/nn/graph/model.js';
import { readHumanFiles } from '../../../src/nn/human/files.js';
import { loadWeights, type WeightMap } from '../../../src/nn/weights/load.js';
import { mutateJson, type Json } from '../json.js';
import { mutateText } from '../text.js';
import { repoText } from '../paths.js';
import type { Rng } from '../rng.js';
import type { FuzzTarget } from '../types.js';

export interface GraphCase {
  model: number;
  text: string;
}

export const graphJsonTarget: FuzzTarget<GraphCase> = {
  name: 'graph-json',
  description: 'JSON.parse -> loadGraphModel (Human emotion / gender graphs, real weights)',
  async prepare() {
    const models: Array<{ text: string; doc: Json; weights: WeightMap }> = [];
    for (const name of ['emotion', 'gender']) {
      const f = await readHumanFiles(name);
      models.push({ text: repoText('weights/human', `${name}.graph.json`), doc: f.graph as Json, weights: loadWeights(f.header, f.binary) });
    }
    return {
      seeds: models.length,
      generate(rng: Rng): GraphCase {
        const model = rng.int(models.length);
        const m = models[model] as (typeof models)[number];
        const text = rng.chance(0.5) ? mutateText(rng, m.text, { open: '[', close: ']' }) : JSON.stringify(mutateJson(rng, m.doc));
        return { model, text };
      },
      run(c: GraphCase): void {
        let graph: unknown;
        try {
          graph = JSON.parse(c.text);
        } catch (e) {
          throw new FacetsError('E_BAD_MODEL', `graph is not valid JSON: ${(e as Error).message}`);
        }
        loadGraphModel(graph, (models[c.model] as (typeof models)[number]).weights);
      },
    };
  },
};
