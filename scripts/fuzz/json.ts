/** Structural mutations of a parsed JSON document (replace, delete, duplicate, swap a value). */
import type { Rng } from './rng.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Box = Json[] | { [k: string]: Json };

const VALUES: Json[] = [
  null, true, false, 0, -1, 1, 2, 0.5, 1e9, -1e9, 1e308, 2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER, '', 'x', 'NaN',
  'float32', 'int32', 'uint8', 'SAME', 'VALID', 'Conv2D', 'Relu', [], [0], [1, 1], [-1], [1e9, 1e9], [0, 0, 0, 0], {}, { a: 1 },
];

function sites(v: Json, out: Array<[Box, string | number]>): void {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); sites(x, out); });
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) { out.push([v, k]); sites(v[k] as Json, out); }
}

/** Applies 1..maxSteps mutations to a deep copy of `doc`. */
export function mutateJson(rng: Rng, doc: Json, maxSteps = 3): Json {
  const root = structuredClone(doc);
  const steps = 1 + rng.int(maxSteps);
  for (let s = 0; s < steps; s++) {
    const all: Array<[Box, string | number]> = [];
    sites(root, all);
    if (all.length === 0) break;
    const [box, key] = rng.pick(all);
    const kind = rng.int(4);
    const value = rng.pick(VALUES);
    if (Array.isArray(box)) {
      const i = key as number;
      if (kind === 0) box.splice(i, 1);
      else if (kind === 1) box.splice(i, 0, structuredClone(box[i] as Json));
      else if (kind === 2 && box.length > 1) { const j = rng.int(box.length); [box[i], box[j]] = [box[j] as Json, box[i] as Json]; }
      else box[i] = structuredClone(value);
    } else {
      const k = key as string;
      if (kind === 0) delete box[k];
      else box[k] = structuredClone(value);
    }
  }
  return root;
}
