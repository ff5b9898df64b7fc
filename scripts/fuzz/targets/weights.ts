/**
 * Weights: the smallest shipped model (landmark68-tiny: JSON header + 77 KB binary), header text
 * and structure mutated or binary mutated (half of those with the header's length and sha256
 * made to match, so they pass the integrity check), loaded as a user does with loadModel
 * (JSON parse -> loadWeights -> build the net).
 */
import { FacetsError } from '../../../src/core/errors.js';
import { loadModel } from '../../../src/nn/models/load-model.js';
import { sha256Hex } from '../../../src/nn/weights/sha256.js';
import { mutate } from '../bytes.js';
import { mutateJson, type Json } from '../json.js';
import { mutateText } from '../text.js';
import { repoFile, repoText } from '../paths.js';
import type { Rng } from '../rng.js';
import type { FuzzTarget } from '../types.js';

export interface WeightsCase {
  header: Uint8Array;
  binary: Uint8Array;
}

const NAME = 'landmark68-tiny';

export const weightsTarget: FuzzTarget<WeightsCase> = {
  name: 'weights',
  description: `loadModel('${NAME}') from mutated header / binary bytes`,
  prepare() {
    const headerText = repoText('weights', `${NAME}.json`);
    const header = JSON.parse(headerText) as Json & { binary: { byteLength: number; sha256: string } };
    const binary = repoFile('weights', `${NAME}.bin`);
    const enc = (s: string) => new TextEncoder().encode(s);
    return {
      seeds: 1,
      generate(rng: Rng): WeightsCase {
        const mode = rng.int(10);
        if (mode < 5) return { header: enc(mutateText(rng, headerText, { open: '[', close: ']' })), binary };
        if (mode < 7) return { header: enc(JSON.stringify(mutateJson(rng, header))), binary };
        const b = mutate(rng, binary, []);
        if (rng.chance(0.5)) return { header: enc(headerText), binary: b };
        const h = structuredClone(header);
        h.binary.byteLength = b.length;
        h.binary.sha256 = sha256Hex(b);
        return { header: enc(JSON.stringify(h)), binary: b };
      },
      async run(c: WeightsCase): Promise<void> {
        const files = new Map([[`${NAME}.json`, c.header], [`${NAME}.bin`, c.binary]]);
        await loadModel(NAME, {
          readFile: async (url: URL) => {
            const f = files.get(url.pathname.split('/').pop() ?? '');
            // A mutated `binary.file` names a file that is not there: what the real reader reports.
            if (!f) throw new FacetsError('E_IO', `cannot read ${url.href}`);
            return f;
          },
        });
      },
    };
  },
};
