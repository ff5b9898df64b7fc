import { FacetsError, check } from '../core/errors.js';
import { assertFinite, distanceFn, METRICS, type Metric } from './metrics.js';
import { decodeGallery, encodeGallery, type GalleryLimits } from './gallery-format.js';
import type { Image } from '../image/image.js';
import { MODELS, represent, type ModelName, type RepresentOptions } from './represent.js';

const isImage = (x: unknown): x is Image => typeof x === 'object' && x !== null && 'width' in x && 'channels' in x && 'data' in x;

/** Options of {@link Gallery.nearest} / {@link Gallery.find}. */
export interface FindOptions {
  /** Default 5. */
  topK?: number;
  /** Drops matches at or past this distance. */
  threshold?: number;
  /** Count only each identity's best entry (default true). */
  perIdentity?: boolean;
}

/** One match of {@link Gallery.find}. */
export interface GalleryMatch {
  id: string;
  distance: number;
  /** Position of the entry in the gallery. */
  index: number;
}

/**
 * Identities and their face representations, searched exactly (brute force over every entry).
 * An id may have several entries (several photos of one person).
 *
 * State is in memory; `save` writes one file atomically (temp file + rename) under a
 * single-writer lock, `load` checks the format version and a CRC. Not safe for concurrent
 * mutation from several async tasks without awaiting each call.
 */
export class Gallery {
  readonly model: string;
  readonly metric: Metric;
  private dims = 0;
  private readonly ids: string[] = [];
  private data = new Float32Array(0);

  constructor(options: { model: string; metric: Metric }) {
    check(typeof options.model === 'string' && options.model.length > 0, 'Gallery', 'model must be a non-empty string');
    check(METRICS.includes(options.metric), 'Gallery', `metric must be one of ${METRICS.join(', ')}, got ${String(options.metric)}`);
    this.model = options.model;
    this.metric = options.metric;
  }

  /** Number of entries. */
  get size(): number {
    return this.ids.length;
  }

  /** Length of each stored vector (0 while empty). */
  get dimensions(): number {
    return this.dims;
  }

  /** The ids in entry order (a copy). */
  entries(): string[] {
    return [...this.ids];
  }

  /** The vector of entry `index` (a copy). */
  vector(index: number): Float32Array {
    check(Number.isInteger(index) && index >= 0 && index < this.size, 'Gallery.vector', `index ${index} out of range 0..${this.size - 1}`);
    return this.data.slice(index * this.dims, (index + 1) * this.dims);
  }

  /**
   * Adds an entry from an image (its best face, represented with the gallery's model and `options`)
   * or from an embedding. throws: E_NO_FACE for an image without a face (unless enforceDetection
   * is false), E_BAD_ARGUMENT for a mismatched embedding.
   */
  async add(id: string, input: Image | ArrayLike<number>, options: RepresentOptions = {}): Promise<void> {
    this.addEmbedding(id, isImage(input) ? await this.embed(input, options) : input);
  }

  /**
   * The `topK` nearest identities to an image's best face or to an embedding (see {@link nearest}).
   */
  async find(query: Image | ArrayLike<number>, options: FindOptions & RepresentOptions = {}): Promise<GalleryMatch[]> {
    return this.nearest(isImage(query) ? await this.embed(query, options) : query, options);
  }

  /** Writes the gallery to `path` atomically under a single-writer lock (Node, Bun, Deno). */
  save(path: string): Promise<void> {
    return saveGallery(this, path);
  }

  /** Reads a gallery file written by {@link save}. */
  static load(path: string, limits?: Partial<GalleryLimits>): Promise<Gallery> {
    return loadGallery(path, limits);
  }

  private async embed(img: Image, options: RepresentOptions): Promise<number[]> {
    check((MODELS as readonly string[]).includes(this.model), 'Gallery', `the gallery's model '${this.model}' cannot represent images`);
    if (options.model !== undefined) check(options.model === this.model, 'Gallery', `the gallery holds '${this.model}' embeddings, not '${options.model}'`);
    const [rep] = await represent(img, { ...options, model: this.model as ModelName });
    return rep!.embedding;
  }

  /** Adds an embedding. requires: the same length as earlier entries, finite values. */
  addEmbedding(id: string, embedding: ArrayLike<number>): void {
    check(typeof id === 'string' && id.length > 0, 'Gallery.add', 'id must be a non-empty string');
    check(embedding.length > 0, 'Gallery.add', 'embedding is empty');
    if (this.size > 0) check(embedding.length === this.dims, 'Gallery.add', `embedding has ${embedding.length} values, the gallery holds ${this.dims}`);
    assertFinite(embedding, 'Gallery.add');
    this.dims = embedding.length;
    const need = (this.size + 1) * this.dims;
    if (need > this.data.length) {
      const grown = new Float32Array(Math.max(need, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(embedding instanceof Float32Array ? embedding : Float32Array.from(embedding), this.size * this.dims);
    this.ids.push(id);
  }

  /** Removes every entry of `id`; returns how many were removed. */
  remove(id: string): number {
    let w = 0;
    const before = this.size;
    for (let r = 0; r < before; r++) {
      if (this.ids[r] === id) continue;
      this.ids[w] = this.ids[r]!;
      this.data.copyWithin(w * this.dims, r * this.dims, (r + 1) * this.dims);
      w++;
    }
    this.ids.length = w;
    return before - w;
  }

  /**
   * The `topK` nearest entries to `query`, nearest first; with `perIdentity` (default true) only
   * the best entry of each id counts. `threshold` drops matches at or past it.
   */
  nearest(query: ArrayLike<number>, options: FindOptions = {}): GalleryMatch[] {
    const topK = options.topK ?? 5;
    check(Number.isInteger(topK) && topK >= 1, 'Gallery.find', `topK must be a positive integer, got ${topK}`);
    if (options.threshold !== undefined) check(Number.isFinite(options.threshold), 'Gallery.find', `threshold must be finite, got ${options.threshold}`);
    if (this.size === 0) return [];
    check(query.length === this.dims, 'Gallery.find', `query has ${query.length} values, the gallery holds ${this.dims}`);
    assertFinite(query, 'Gallery.find');
    const dist = distanceFn(this.metric);
    const best = new Map<string, GalleryMatch>();
    const all: GalleryMatch[] = [];
    for (let i = 0; i < this.size; i++) {
      const d = dist(query, this.data.subarray(i * this.dims, (i + 1) * this.dims));
      if (options.threshold !== undefined && d >= options.threshold) continue;
      const m = { id: this.ids[i]!, distance: d, index: i };
      if (options.perIdentity === false) all.push(m);
      else if (!best.has(m.id) || best.get(m.id)!.distance > d) best.set(m.id, m);
    }
    const ranked = options.perIdentity === false ? all : [...best.values()];
    return ranked.sort((a, b) => a.distance - b.distance || a.index - b.index).slice(0, topK);
  }

  /** The gallery as bytes (see gallery-format.ts). */
  serialize(): Uint8Array {
    return encodeGallery({ model: this.model, metric: this.metric, dims: this.dims, ids: this.ids, vectors: this.data.subarray(0, this.size * this.dims) });
  }

  /** Reads bytes written by {@link serialize}. throws: E_BAD_MODEL, E_UNSUPPORTED, E_TOO_LARGE. */
  static deserialize(bytes: Uint8Array, limits?: Partial<GalleryLimits>): Gallery {
    const d = decodeGallery(bytes, limits);
    if (!METRICS.includes(d.metric as Metric)) throw new FacetsError('E_BAD_MODEL', `Gallery: unknown metric '${d.metric}' in file`);
    const g = new Gallery({ model: d.model, metric: d.metric as Metric });
    for (let i = 0; i < d.ids.length; i++) g.addEmbedding(d.ids[i]!, d.vectors.subarray(i * d.dims, (i + 1) * d.dims));
    return g;
  }
}

/** Saves a gallery to `path` atomically under a single-writer lock (Node, Bun, Deno). */
export async function saveGallery(gallery: Gallery, path: string): Promise<void> {
  const { writeFileAtomic } = await import('./atomic-file.js');
  await writeFileAtomic(path, gallery.serialize());
}

/** Loads a gallery file written by {@link saveGallery}. throws: E_IO, E_BAD_MODEL, E_UNSUPPORTED, E_TOO_LARGE. */
export async function loadGallery(path: string, limits?: Partial<GalleryLimits>): Promise<Gallery> {
  const fs = await import('node:fs/promises');
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    throw new FacetsError('E_IO', `cannot read gallery ${path}: ${(e as Error).message}`, { cause: e });
  }
  return Gallery.deserialize(bytes, limits);
}
