import { sha256Hex } from '../../nn/weights/sha256.js';

/**
 * Embeddings cached on disk per pipeline (model + detector + alignment), keyed by the sha256 of
 * the image file, so reruns of an evaluation skip work already done. One JSON file per pipeline.
 */
export class EmbeddingCache {
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, { e: number[]; f: boolean }>,
  ) {}

  static async open(dir: string, pipeline: string): Promise<EmbeddingCache> {
    const fs = await import('node:fs/promises');
    const path = await import('node:path');
    const file = path.join(dir, `${pipeline.replace(/[^a-z0-9.-]/gi, '_')}.json`);
    let entries = new Map<string, { e: number[]; f: boolean }>();
    try {
      entries = new Map(Object.entries(JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, { e: number[]; f: boolean }>));
    } catch {
      // no cache yet, or an unreadable one: start empty
    }
    return new EmbeddingCache(file, entries);
  }

  get(bytes: Uint8Array): { embedding: Float32Array; failed: boolean } | undefined {
    const hit = this.entries.get(sha256Hex(bytes));
    return hit && { embedding: Float32Array.from(hit.e), failed: hit.f };
  }

  set(bytes: Uint8Array, embedding: Float32Array, failed: boolean): void {
    this.entries.set(sha256Hex(bytes), { e: Array.from(embedding), f: failed });
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    const fs = await import('node:fs/promises');
    const path = await import('node:path');
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    await fs.writeFile(tmp, JSON.stringify(Object.fromEntries(this.entries)));
    await fs.rename(tmp, this.file);
    this.dirty = false;
  }
}
