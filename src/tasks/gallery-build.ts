import { FacetsError } from '../core/errors.js';
import { readImage } from '../image/decode.js';
import type { Image } from '../image/image.js';
import { Gallery, type GalleryMatch } from './gallery.js';
import { represent, type RepresentOptions } from './represent.js';
import { DEFAULT_METRIC } from './verify.js';

/**
 * Builds a gallery from a `<person>/<image>` folder: one entry per image (its best face).
 * Images without a face are skipped and reported. Node only (reads a folder).
 */
export async function buildGallery(
  dir: string,
  options: RepresentOptions = {},
  onProgress?: (done: number, total: number) => void,
): Promise<{ gallery: Gallery; skipped: { file: string; reason: string }[] }> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const model = options.model ?? 'dlib-resnet';
  const gallery = new Gallery({ model, metric: DEFAULT_METRIC[model] });
  let people: string[];
  try {
    people = (await fs.readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch (e) {
    throw new FacetsError('E_IO', `buildGallery: cannot read ${dir}: ${(e as Error).message}`, { cause: e });
  }
  const files: [string, string][] = [];
  for (const p of people) {
    for (const f of (await fs.readdir(path.join(dir, p))).sort()) if (/\.(jpe?g|png)$/i.test(f)) files.push([p, path.join(dir, p, f)]);
  }
  const skipped: { file: string; reason: string }[] = [];
  for (const [i, [person, file]] of files.entries()) {
    try {
      const [rep] = await represent(await readImage(file), options);
      gallery.addEmbedding(person, rep!.embedding);
    } catch (e) {
      if (!(e instanceof FacetsError)) throw e;
      skipped.push({ file, reason: `${e.code}: ${e.message}` });
    }
    onProgress?.(i + 1, files.length);
  }
  return { gallery, skipped };
}

/** The gallery's nearest identities to the best face of `img` (Gallery.find with its defaults). */
export function findInGallery(gallery: Gallery, img: Image, options: RepresentOptions & { topK?: number; threshold?: number } = {}): Promise<GalleryMatch[]> {
  return gallery.find(img, options);
}
