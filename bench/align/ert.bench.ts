/**
 * ERT landmarks and dlib face chips: facets ms per face against dlib 19.24's timings recorded in
 * ../shared/fixtures/dlib/manifest.json (single thread, median; a shared 2-core machine, so read
 * the ratio, not the absolute numbers).
 *
 *   npx tsx bench/align/ert.bench.ts [runs=25]
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { faceChip } from '../../src/align/face-chip.js';
import { loadDefaultShapePredictor } from '../../src/align/node.js';
import type { Point } from '../../src/align/similarity.js';
import { readImage } from '../../src/image/decode.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = resolve(root, '../shared/fixtures/dlib');
const runs = Number(process.argv[2] ?? 25);

interface Face { box: { left: number; top: number; right: number; bottom: number }; landmarks: Point[]; timingMs: { shape: number; chip: number } }
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

async function main(): Promise<void> {
  const man = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as { images: { image: string; faces: Face[] }[] };
  let t = performance.now();
  const sp = loadDefaultShapePredictor();
  const loadMs = performance.now() - t;
  const ours: number[] = [], oursCpu: number[] = [], theirs: number[] = [], chipOurs: number[] = [], chipTheirs: number[] = [];
  for (const im of man.images) {
    const img = await readImage(resolve(dir, im.image));
    for (const f of im.faces) {
      const box = { x: f.box.left, y: f.box.top, width: f.box.right - f.box.left + 1, height: f.box.bottom - f.box.top + 1 };
      sp.predict(img, box); // warm-up, as dlib's fixture run
      const ts: number[] = [];
      for (let r = 0; r < runs; r++) {
        t = performance.now();
        sp.predict(img, box);
        ts.push(performance.now() - t);
      }
      ours.push(median(ts));
      // CPU time of this process per face: less inflated than wall time when the machine is shared.
      const c0 = process.cpuUsage();
      for (let r = 0; r < runs; r++) sp.predict(img, box);
      const c1 = process.cpuUsage(c0);
      oursCpu.push((c1.user + c1.system) / 1000 / runs);
      theirs.push(f.timingMs.shape);
      const cs: number[] = [];
      for (let r = 0; r < runs; r++) {
        t = performance.now();
        faceChip(img, f.landmarks);
        cs.push(performance.now() - t);
      }
      chipOurs.push(median(cs));
      chipTheirs.push(f.timingMs.chip);
    }
  }
  const m = (a: number[]) => median(a);
  console.log(JSON.stringify({
    faces: ours.length, runsPerFace: runs, modelLoadMs: loadMs,
    ert: { facetsMsPerFace: m(ours), facetsCpuMsPerFace: m(oursCpu), dlibMsPerFace: m(theirs), ratio: m(ours) / m(theirs), cpuRatio: m(oursCpu) / m(theirs) },
    loadAverage1m: (await import('node:os')).loadavg()[0],
    chip150: { facetsMs: m(chipOurs), dlibMs: m(chipTheirs), ratio: m(chipOurs) / m(chipTheirs) },
  }, null, 2));
}

void main();
