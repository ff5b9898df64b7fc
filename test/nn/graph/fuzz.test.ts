import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../../src/nn/ops/index.js';
import { isFacetsError } from '../../../src/core/errors.js';
import { setBackend } from '../../../src/nn/backend.js';
import { loadGraphModel } from '../../../src/nn/graph/model.js';
import { zeros } from '../../../src/nn/tensor.js';
import { loadWeights } from '../../../src/nn/weights/load.js';
import { REPO } from './helpers.js';
import { TINY_TENSORS, tinyGraph, weightMap } from './tiny-graph.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every [container, key] position in a JSON tree (for picking a mutation site). */
function sites(v: Json, out: Array<[Json[] | { [k: string]: Json }, string | number]> = []): typeof out {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); sites(x, out); });
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) { out.push([v, k]); sites(v[k], out); }
  return out;
}

const mutation = fc.record({
  site: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'duplicate', 'swap'),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
    fc.constantFrom<Json>(-1, 0, 1, 2, 1e9, -1e9, 0.5, '', 'SAME', 'EXPLICIT', 'Relu', 'Conv2D', 'x', 'conv', [], [1, 1], [0, 0, 0, 0], ['BiasAdd'], null),
  ),
  other: fc.nat(),
});

/** Applies one mutation in place. */
function apply(root: Json, m: { site: number; kind: string; value: Json; other: number }): void {
  const all = sites(root);
  if (all.length === 0) return;
  const [box, key] = all[m.site % all.length];
  if (Array.isArray(box)) {
    const i = key as number;
    if (m.kind === 'delete') box.splice(i, 1);
    else if (m.kind === 'duplicate') box.splice(i, 0, JSON.parse(JSON.stringify(box[i])) as Json);
    else if (m.kind === 'swap' && box.length > 1) { const j = m.other % box.length; [box[i], box[j]] = [box[j], box[i]]; }
    else box[i] = m.value;
  } else {
    const k = key as string;
    if (m.kind === 'delete') delete box[k];
    else box[k] = m.value;
  }
}

/** Loads (and, when that works, runs) a graph: returns 'ok' or the FacetsError code; rethrows anything else. */
function outcome(graph: Json, weights: ReturnType<typeof weightMap>, input: ReturnType<typeof zeros> | null): string {
  try {
    const m = loadGraphModel(graph, weights);
    if (input) m.run(input);
    return 'ok';
  } catch (e) {
    if (isFacetsError(e)) return e.code;
    throw e;
  }
}

describe('graph loading under seeded fuzzing', () => {
  it('a mutated tiny graph always ends in a model that runs or a FacetsError (1-3 mutations, 400 cases)', () => {
    setBackend('cpu');
    const w = weightMap(TINY_TENSORS);
    const seen = new Map<string, number>();
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
      const g = tinyGraph() as Json;
      for (const m of ms) apply(g, m);
      const r = outcome(g, w, zeros([1, 6, 6, 2]));
      seen.set(r, (seen.get(r) ?? 0) + 1);
    }), { seed: 42, numRuns: 400 });
    // The fuzzer must reach both outcomes, or it tests nothing.
    expect(seen.get('ok') ?? 0).toBeGreaterThan(0);
    expect(seen.get('E_BAD_MODEL') ?? 0).toBeGreaterThan(0);
  });

  it('a mutated converted emotion graph always loads or fails with a FacetsError (150 cases, load only)', () => {
    const dir = path.join(REPO, 'weights/human');
    const graph = JSON.parse(readFileSync(path.join(dir, 'emotion.graph.json'), 'utf8')) as Json;
    const weights = loadWeights(JSON.parse(readFileSync(path.join(dir, 'emotion.json'), 'utf8')), new Uint8Array(readFileSync(path.join(dir, 'emotion.bin'))));
    const seen = new Set<string>();
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 2 }), (ms) => {
      const g = JSON.parse(JSON.stringify(graph)) as Json;
      for (const m of ms) apply(g, m);
      seen.add(outcome(g, weights, null));
    }), { seed: 7, numRuns: 150 });
    expect(seen.has('E_BAD_MODEL')).toBe(true);
  });
});
