import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Box } from '../../src/image/image.js';

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
