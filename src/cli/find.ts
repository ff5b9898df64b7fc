import fs from 'node:fs';
import { FacetsError } from '../core/errors.js';
import { readImage } from '../image/decode.js';
import { loadGallery, saveGallery } from '../tasks/gallery.js';
import { buildGallery, findInGallery } from '../tasks/gallery-build.js';
import { optNumber, optString, type Args } from './args.js';
import { table } from './table.js';
import type { Command, Io } from './main.js';
import { pipelineOptions, positionals } from './options.js';
import { progressBar } from './progress.js';

/** `facets find <img> --gallery <dir|file> [--save file]`. */
export const findCommand: Command = {
  usage: '<img> --gallery <dir|file> [--save gallery.fcgl] [--top-k 5] [--model M] [--detector D] [--json]',
  async run(args: Args, io: Io): Promise<number> {
    const [file] = positionals(args, 1, 'find', 'one image path');
    const source = optString(args, 'gallery');
    if (!source) throw new FacetsError('E_BAD_ARGUMENT', 'find needs --gallery <dir|file>');
    const { metric, ...pipe } = pipelineOptions(args);
    if (metric) throw new FacetsError('E_BAD_ARGUMENT', 'find uses the gallery\'s metric; --metric is not accepted');
    let gallery;
    let skipped: { file: string; reason: string }[] = [];
    if (fs.existsSync(source) && fs.statSync(source).isDirectory()) {
      ({ gallery, skipped } = await buildGallery(source, pipe, progressBar('building gallery', io.isTty)));
      const save = optString(args, 'save');
      if (save) await saveGallery(gallery, save);
    } else {
      gallery = await loadGallery(source);
    }
    const matches = await findInGallery(gallery, await readImage(file!), { ...pipe, topK: optNumber(args, 'top-k', 5) });
    if (args.options.has('json')) {
      io.out(JSON.stringify({ image: file, model: gallery.model, metric: gallery.metric, entries: gallery.size, skipped: skipped.length, matches }));
    } else {
      io.out(`${gallery.size} gallery entries (${gallery.model}, ${gallery.metric})${skipped.length ? `, ${skipped.length} image(s) skipped` : ''}`);
      io.out(table(['rank', 'identity', 'distance'], matches.map((m, i) => [String(i + 1), m.id, m.distance.toFixed(4)])));
    }
    return matches.length ? 0 : 1;
  },
};
