import { FacetsError } from '../../core/errors.js';
import { Gallery } from '../gallery.js';
import type { AlignMode, ModelName } from '../represent.js';
import type { DetectorName } from '../types.js';
import { DEFAULT_METRIC } from '../verify.js';
import { embedFiles } from './embed.js';

export interface FindResult {
  task: 'find';
  model: ModelName;
  persons: number;
  galleryEntries: number;
  queries: number;
  /** Fraction of queries whose nearest identity is the right person. */
  top1: number;
  top5: number;
  failedDetections: number;
  timeMs: number;
}

/**
 * Identification on a `<person>/<image>` folder: for every person with at least `minImages`
 * images, the first `galleryPerPerson` (in file-name order) go into a Gallery and each remaining
 * image is a query; reports how often the right identity ranks first (and in the top 5).
 */
export async function evalFind(o: {
  root: string; minImages?: number; galleryPerPerson?: number;
  model?: ModelName; detector?: DetectorName; align?: AlignMode; cacheDir?: string | null;
  onProgress?: (done: number, total: number) => void;
}): Promise<FindResult> {
  const t0 = performance.now();
  const fs = await import('node:fs/promises');
  const minImages = o.minImages ?? 4;
  const per = o.galleryPerPerson ?? 3;
  if (!(per >= 1 && minImages > per)) throw new FacetsError('E_BAD_ARGUMENT', `eval find: need minImages > galleryPerPerson >= 1, got ${minImages} and ${per}`);
  const model = o.model ?? 'dlib-resnet';
  const people: [string, string[]][] = [];
  for (const d of (await fs.readdir(o.root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const files = (await fs.readdir(`${o.root}/${d}`)).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
    if (files.length >= minImages) people.push([d, files.map((f) => `${d}/${f}`)]);
  }
  if (people.length < 2) throw new FacetsError('E_BAD_ARGUMENT', `eval find: fewer than 2 people with ${minImages}+ images in ${o.root}`);
  const all = people.flatMap(([, f]) => f);
  const { embeddings, failedDetections } = await embedFiles(o.root, all, { model, detector: o.detector ?? 'hog', align: o.align ?? 'ert', cacheDir: o.cacheDir }, o.onProgress);
  const gallery = new Gallery({ model, metric: DEFAULT_METRIC[model] });
  for (const [person, files] of people) for (const f of files.slice(0, per)) gallery.addEmbedding(person, embeddings.get(f)!);
  let top1 = 0;
  let top5 = 0;
  let queries = 0;
  for (const [person, files] of people) {
    for (const f of files.slice(per)) {
      const ids = gallery.nearest(embeddings.get(f)!, { topK: 5 }).map((m) => m.id);
      queries++;
      if (ids[0] === person) top1++;
      if (ids.includes(person)) top5++;
    }
  }
  return { task: 'find', model, persons: people.length, galleryEntries: gallery.size, queries, top1: top1 / queries, top5: top5 / queries, failedDetections, timeMs: performance.now() - t0 };
}
