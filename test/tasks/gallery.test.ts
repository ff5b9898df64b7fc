import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FacetsError } from '../../src/core/errors.js';
import { Gallery, loadGallery, saveGallery } from '../../src/tasks/gallery.js';
import { REPO } from '../helpers/shared.js';

function randomGallery(n: number, dims: number, seed = 1): Gallery {
  let s = seed;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const g = new Gallery({ model: 'test-model', metric: 'euclidean' });
  for (let i = 0; i < n; i++) g.addEmbedding(`person-${i % 7}`, Array.from({ length: dims }, rnd));
  return g;
}

describe('Gallery', () => {
  it('finds exactly the brute-force nearest identities', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 1000 }), (n, dims, seed) => {
        const g = randomGallery(n, dims, seed);
        const q = g.vector(0).map((v) => v + 0.01);
        const got = g.nearest(q, { topK: 3, perIdentity: false });
        const brute = Array.from({ length: n }, (_, i) => ({ i, d: Math.hypot(...g.vector(i).map((v, k) => v - q[k]!)) })).sort((a, b) => a.d - b.d || a.i - b.i);
        expect(got.map((m) => m.index)).toEqual(brute.slice(0, 3).map((b) => b.i));
      }),
      { seed: 3, numRuns: 100 },
    );
  });

  it('ranks each identity once by its best entry and honours the threshold', () => {
    const g = new Gallery({ model: 'm', metric: 'euclidean' });
    g.addEmbedding('a', [0, 0]);
    g.addEmbedding('a', [5, 5]);
    g.addEmbedding('b', [1, 0]);
    expect(g.nearest([0.1, 0], { topK: 5 }).map((m) => m.id)).toEqual(['a', 'b']);
    expect(g.nearest([0.1, 0], { threshold: 0.5 }).map((m) => m.id)).toEqual(['a']);
    expect(g.remove('a')).toBe(2);
    expect(g.entries()).toEqual(['b']);
  });

  it('round-trips through bytes exactly', () => {
    const g = randomGallery(25, 12);
    const back = Gallery.deserialize(g.serialize());
    expect(back.entries()).toEqual(g.entries());
    for (let i = 0; i < g.size; i++) expect(back.vector(i)).toEqual(g.vector(i));
  });

  it('rejects corrupted, truncated and future-version files with typed errors', () => {
    const bytes = randomGallery(5, 4).serialize();
    const flipped = Uint8Array.from(bytes);
    flipped[40] ^= 1;
    expect(() => Gallery.deserialize(flipped)).toThrow(expect.objectContaining({ code: 'E_BAD_MODEL' }));
    expect(() => Gallery.deserialize(bytes.subarray(0, bytes.length - 9))).toThrow(FacetsError);
    const future = Uint8Array.from(bytes);
    future[4] = 9;
    expect(() => Gallery.deserialize(future)).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED' }));
    expect(() => Gallery.deserialize(bytes, { maxBytes: 10 })).toThrow(expect.objectContaining({ code: 'E_TOO_LARGE' }));
  });

  it('rejects mismatched and non-finite embeddings', () => {
    const g = new Gallery({ model: 'm', metric: 'cosine' });
    g.addEmbedding('a', [1, 2, 3]);
    expect(() => g.addEmbedding('b', [1, 2])).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
    expect(() => g.addEmbedding('b', [1, NaN, 3])).toThrow(expect.objectContaining({ code: 'E_NUMERIC' }));
    expect(() => g.nearest([1, 2])).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
  });

  it('survives a writer killed mid-save: the old file stays intact and the stale lock is taken over', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facets-gallery-'));
    const file = path.join(dir, 'g.fcgl');
    const old = randomGallery(10, 8);
    await saveGallery(old, file);
    const oldBytes = fs.readFileSync(file);
    // The child saves a ~100 MB gallery; it is killed as soon as its temp file appears.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'test/tasks/save-big-gallery.ts'), file], { cwd: REPO, stdio: 'ignore' });
    let sawTemp = false;
    for (let i = 0; i < 4000 && child.exitCode === null; i++) {
      if (fs.readdirSync(dir).some((f) => f.includes('.tmp-'))) {
        sawTemp = true;
        child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    expect(sawTemp, 'the child was killed while writing its temp file').toBe(true);
    expect(fs.readFileSync(file)).toEqual(oldBytes);
    expect((await loadGallery(file)).entries()).toEqual(old.entries());
    expect(fs.existsSync(`${file}.lock`)).toBe(true); // left behind by the killed writer
    await saveGallery(randomGallery(3, 8, 9), file); // takes the stale lock over
    expect((await loadGallery(file)).size).toBe(3);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adds and finds faces from images with its model, as in the README example', async () => {
    const { readImage } = await import('../../src/image/decode.js');
    const img = (f: string) => readImage(path.join(REPO, 'samples', f));
    const g = new Gallery({ model: 'dlib-resnet', metric: 'euclidean' });
    await g.add('Tony Blair', await img('Tony_Blair_0001.jpg'));
    await g.add('Laura Bush', await img('Laura_Bush_0001.jpg'));
    const [best] = await g.find(await img('Tony_Blair_0002.jpg'), { topK: 1 });
    expect(best!.id).toBe('Tony Blair');
    expect(best!.distance).toBeLessThan(0.6);
    await expect(g.find(await img('Tony_Blair_0002.jpg'), { model: 'lbph' })).rejects.toMatchObject({ code: 'E_BAD_ARGUMENT' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facets-gallery-'));
    await g.save(path.join(dir, 'people.fcgl'));
    expect((await Gallery.load(path.join(dir, 'people.fcgl'))).entries()).toEqual(['Tony Blair', 'Laura Bush']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to save while another live process holds the lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facets-gallery-'));
    const file = path.join(dir, 'g.fcgl');
    fs.writeFileSync(`${file}.lock`, String(process.ppid));
    await expect(saveGallery(randomGallery(2, 2), file)).rejects.toMatchObject({ code: 'E_IO' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
