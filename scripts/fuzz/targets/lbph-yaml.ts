/**
 * LBPH YAML: `opencv_lbphfaces` models written by facets (trained on real FER2013 faces, small
 * grids so a case stays cheap), mutated as text, read with LBPHRecognizer.fromYAML, then predict.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeImage, type Image } from '../../../src/image/index.js';
import { LBPHRecognizer } from '../../../src/lbp/ops/lbph-recognizer.js';
import { mutateText } from '../text.js';
import { SHARED } from '../paths.js';
import type { Rng } from '../rng.js';
import type { FuzzTarget } from '../types.js';

/** The first `n` FER2013 test faces of a class (48x48 grey), sorted by name. */
function ferFaces(emotion: string, n: number): Image[] {
  const dir = path.join(SHARED, 'data/fer2013/test', emotion);
  return fs.readdirSync(dir).sort().slice(0, n).map((f) => decodeImage(new Uint8Array(fs.readFileSync(path.join(dir, f)))));
}

export const lbphYamlTarget: FuzzTarget<string> = {
  name: 'lbph-yaml',
  description: 'LBPHRecognizer.fromYAML -> predict on a FER2013 face',
  prepare() {
    const faces = [...ferFaces('happy', 2), ...ferFaces('sad', 2)];
    const labels = [0, 0, 1, 1];
    const seeds = ([[1, 4, 2, 2], [2, 8, 1, 1], [1, 3, 3, 2]] as const).map(([radius, neighbors, gridX, gridY], i) => {
      const r = new LBPHRecognizer({ radius, neighbors, gridX, gridY, threshold: i === 1 ? 120.5 : undefined });
      r.train(faces, labels);
      if (i === 0) { r.setLabelInfo(0, 'happy'); r.setLabelInfo(1, 'sad "quoted"'); }
      return r.toYAML();
    });
    const probe = faces[1] as Image;
    return {
      seeds: seeds.length,
      generate: (rng: Rng): string => mutateText(rng, rng.pick(seeds), { open: rng.chance(0.5) ? '[' : '- ', close: rng.chance(0.5) ? ']' : '' }),
      run(text: string): void {
        LBPHRecognizer.fromYAML(text).predict(probe);
      },
    };
  },
};
