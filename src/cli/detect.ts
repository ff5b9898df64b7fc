import fs from 'node:fs';
import { cloneImage, drawBox, drawText, encodePng, readImage } from '../image/index.js';
import { detectFaces } from '../tasks/detect.js';
import { DETECTORS, type DetectorName } from '../tasks/types.js';
import { FacetsError } from '../core/errors.js';
import { optNumber, optString, type Args } from './args.js';
import { table } from './table.js';
import type { Command, Io } from './main.js';

/** `facets detect <img> [--detector D] [--out annotated.png]`. */
export const detect: Command = {
  usage: '<img> [--detector ssd|tiny|hog|lbp-cascade|haar-cascade|none] [--min-confidence X] [--out annotated.png] [--json]',
  async run(args: Args, io: Io): Promise<number> {
    const [file] = args.positional;
    if (!file || args.positional.length !== 1) throw new FacetsError('E_BAD_ARGUMENT', 'detect needs exactly one image path');
    const detector = optString(args, 'detector', 'ssd') as DetectorName;
    if (!DETECTORS.includes(detector)) throw new FacetsError('E_BAD_ARGUMENT', `--detector must be one of ${DETECTORS.join(', ')}, got ${detector}`);
    const img = await readImage(file);
    const t0 = performance.now();
    const faces = await detectFaces(img, { detector, minConfidence: optNumber(args, 'min-confidence') });
    const timeMs = performance.now() - t0;
    const out = optString(args, 'out');
    if (out) {
      const canvas = cloneImage(img.channels === 1 ? { ...img } : img);
      for (const f of faces) {
        drawBox(canvas, f.box, [0, 255, 0]);
        drawText(canvas, f.box.x, Math.max(0, f.box.y - 12), f.score.toFixed(2), [255, 255, 0]);
      }
      fs.writeFileSync(out, encodePng(canvas));
    }
    if (args.options.has('json')) {
      io.out(JSON.stringify({ image: file, detector, faces, timeMs }));
    } else {
      io.out(`${faces.length} face(s) in ${file} with ${detector} (${timeMs.toFixed(0)} ms)`);
      if (faces.length) io.out(table(['#', 'x', 'y', 'width', 'height', 'score'], faces.map((f, i) => [String(i), ...[f.box.x, f.box.y, f.box.width, f.box.height].map((v) => v.toFixed(1)), f.score.toFixed(3)])));
      if (out) io.out(`annotated image: ${out}`);
    }
    return faces.length ? 0 : 1;
  },
};
