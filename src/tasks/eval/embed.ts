import { readImage } from '../../image/decode.js';
import { alignFace, embedChip, facesFor, type AlignMode, type ModelName } from '../represent.js';
import type { DetectorName } from '../types.js';
import type { LbpHistogramOptions } from '../../lbp/ops/histogram.js';
import { EmbeddingCache } from './cache.js';
import { lbphParamsLabel } from './lbph-params.js';

export interface EmbedPipeline {
  model: ModelName;
  detector: DetectorName;
  align: AlignMode;
  /** Folder for cached embeddings; null disables the cache. */
  cacheDir?: string | null;
  /** Model 'lbph' only: histogram options instead of OpenCV's defaults (part of the cache key). */
  lbph?: LbpHistogramOptions;
}

export interface Embedded {
  embeddings: Map<string, Float32Array>;
  /** Files in which the detector found no face (the whole image was used). */
  failedDetections: number;
  /** Mean ms per uncached image and stage. */
  stageMs: { detect: number; align: number; embed: number };
}

/**
 * Embeds every file (paths relative to `root`) with one pipeline, taking cached embeddings
 * (keyed by the file's sha256) where present. Used by the evaluations; Node only.
 */
export async function embedFiles(root: string, files: readonly string[], p: EmbedPipeline, onProgress?: (done: number, total: number) => void): Promise<Embedded> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const cache = p.cacheDir === null ? null : await EmbeddingCache.open(p.cacheDir ?? '.cache/facets-eval', `${p.model}-${p.detector}-${p.align}${p.model === 'lbph' && p.lbph ? `-${lbphParamsLabel(p.lbph)}` : ''}`);
  const embeddings = new Map<string, Float32Array>();
  let failed = 0;
  const stage = { detect: 0, align: 0, embed: 0, n: 0 };
  for (const [i, f] of files.entries()) {
    const bytes = await fs.readFile(path.join(root, f));
    const hit = cache?.get(bytes);
    if (hit) {
      embeddings.set(f, hit.embedding);
      failed += hit.failed ? 1 : 0;
    } else {
      const img = await readImage(bytes);
      let t = performance.now();
      const faces = await facesFor(img, { detector: p.detector, enforceDetection: false }, 'eval');
      const fail = faces[0]!.detector === 'none' && p.detector !== 'none';
      stage.detect += performance.now() - t;
      t = performance.now();
      const aligned = await alignFace(img, faces[0]!, p.model, p.align);
      stage.align += performance.now() - t;
      t = performance.now();
      const e = await embedChip(aligned.chip, p.model, p.lbph);
      stage.embed += performance.now() - t;
      stage.n++;
      embeddings.set(f, e);
      failed += fail ? 1 : 0;
      cache?.set(bytes, e, fail);
    }
    onProgress?.(i + 1, files.length);
  }
  await cache?.save();
  const n = Math.max(1, stage.n);
  return { embeddings, failedDetections: failed, stageMs: { detect: stage.detect / n, align: stage.align / n, embed: stage.embed / n } };
}
