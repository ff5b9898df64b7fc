import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readImage } from '../../src/image/decode.js';
import { assertGray, type Box } from '../../src/image/image.js';
import { loadCascade } from '../../src/lbp/cascade/classifier.js';

/** Repo root and the shared fixtures beside it (`../shared`). */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(REPO, '../shared');
export const CASCADE_FIXTURES = path.join(SHARED, 'fixtures/opencv-cascade');
export const SHARED_MODELS = path.join(SHARED, 'models/opencv-cascades');

export interface FixtureRun {
  params: { scaleFactor: number; minNeighbors: number; minSize?: [number, number] };
  boxes: [number, number, number, number][];
  ms: number;
}
export interface FixtureImage {
  image: string;
  width: number;
  height: number;
  [run: string]: FixtureRun | string | number;
}

export function manifest(): { images: FixtureImage[] } {
  return JSON.parse(readFileSync(path.join(CASCADE_FIXTURES, 'manifest.json'), 'utf8')) as { images: FixtureImage[] };
}

export function runsOf(im: FixtureImage, prefix: 'lbp' | 'haar'): [string, FixtureRun][] {
  return Object.entries(im).filter(([k, v]) => k.startsWith(prefix + '_') && typeof v === 'object') as [string, FixtureRun][];
}

/** Largest per-edge difference when boxes are matched greedily (closest first); null if counts differ. */
export function compareBoxSets(got: Box[], want: [number, number, number, number][]): { exact: boolean; maxEdge: number } | null {
  if (got.length !== want.length) return null;
  const edges = (b: Box | number[]): number[] => (Array.isArray(b) ? [b[0]!, b[1]!, b[0]! + b[2]!, b[1]! + b[3]!] : [b.x, b.y, b.x + b.width, b.y + b.height]);
  const left = got.map(edges);
  let maxEdge = 0;
  for (const w of want.map(edges)) {
    let best = -1, bestD = Infinity;
    left.forEach((g, i) => {
      const d = Math.max(...g.map((v, k) => Math.abs(v - w[k]!)));
      if (d < bestD) { bestD = d; best = i; }
    });
    left.splice(best, 1);
    maxEdge = Math.max(maxEdge, bestD);
  }
  return { exact: maxEdge === 0, maxEdge };
}

/**
 * Registers the parity test for one cascade and a subset of the fixture's parameter sets.
 * Tolerance: none. The same set of boxes (compared as sets: OpenCV's order varies with threads),
 * every box equal to the pixel. The sets are split across files so the two workers share the load.
 */
export function describeCascadeParity(kind: 'lbp' | 'haar', xml: string, runs: (name: string) => boolean, expectedCases: number): void {
  describe(`CascadeClassifier ${kind.toUpperCase()} parity with OpenCV 4.6 (${expectedCases} cases)`, () => {
    const cascade = loadCascade(readFileSync(path.join(SHARED_MODELS, xml), 'utf8'));
    it("finds exactly OpenCV's boxes on every fixture image (0 px tolerance)", async () => {
      let cases = 0;
      let exact = 0;
      let worst = 0;
      const misses: string[] = [];
      for (const im of manifest().images) {
        const img = await readImage(path.join(CASCADE_FIXTURES, im.image));
        assertGray(img, 'test');
        for (const [name, run] of runsOf(im, kind).filter(([n]) => runs(n))) {
          const p = run.params;
          const boxes = cascade.detectMultiScale(img, { scaleFactor: p.scaleFactor, minNeighbors: p.minNeighbors, minSize: p.minSize });
          const cmp = compareBoxSets(boxes, run.boxes);
          cases++;
          if (cmp === null) {
            misses.push(`${im.image} ${name}: ${boxes.length} boxes, OpenCV ${run.boxes.length}`);
            continue;
          }
          if (cmp.exact) exact++;
          worst = Math.max(worst, cmp.maxEdge);
        }
      }
      expect(misses).toEqual([]);
      expect(cases).toBe(expectedCases);
      expect(worst).toBe(0);
      expect(exact).toBe(expectedCases);
    });
  });
}
