/** Every fuzz target by name, in the order of a full run. */
import { cascadeXmlTarget } from './targets/cascade-xml.js';
import { galleryTarget } from './targets/gallery.js';
import { graphJsonTarget } from './targets/graph-json.js';
import { jpegTarget } from './targets/jpeg.js';
import { lbphYamlTarget } from './targets/lbph-yaml.js';
import { pngTarget } from './targets/png.js';
import { dlibDatTarget, fertTarget } from './targets/shape-predictor.js';
import { weightsTarget } from './targets/weights.js';
import type { FuzzTarget } from './types.js';

/** Hides a target's input type; each input only ever flows from its own generate to its own run. */
function erase<I>(t: FuzzTarget<I>): FuzzTarget<unknown> {
  return {
    name: t.name,
    description: t.description,
    async prepare() {
      const p = await t.prepare();
      return { seeds: p.seeds, generate: (rng) => p.generate(rng), run: (input) => p.run(input as I) };
    },
  };
}

export const TARGETS: ReadonlyArray<FuzzTarget<unknown>> = [
  erase(pngTarget), erase(jpegTarget), erase(cascadeXmlTarget), erase(dlibDatTarget), erase(fertTarget),
  erase(weightsTarget), erase(graphJsonTarget), erase(lbphYamlTarget), erase(galleryTarget),
];

export function findTarget(name: string): FuzzTarget<unknown> | undefined {
  return TARGETS.find((t) => t.name === name);
}
