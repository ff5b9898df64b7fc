// npx tsx bench/cascade/detect.bench.ts — ms per fixture image vs OpenCV 4.6's timings in
// ../shared/fixtures/opencv-cascade (a shared 2-core machine: compare ratios, not absolutes).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readImage } from '../../src/image/decode.js';
import { assertGray } from '../../src/image/image.js';
import { loadCascade } from '../../src/lbp/cascade/classifier.js';

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');
const dir = path.join(shared, 'fixtures/opencv-cascade');
const man = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { images: Record<string, unknown>[] };
const load = (f: string) => {
  const t0 = performance.now();
  const c = loadCascade(readFileSync(path.join(shared, 'models/opencv-cascades', f), 'utf8'));
  console.log(`load ${f}: ${(performance.now() - t0).toFixed(0)} ms`);
  return c;
};
const cascades = { lbp: load('lbpcascade_frontalface_improved.xml'), haar: load('haarcascade_frontalface_default.xml') };
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
const totals: Record<string, { ours: number; cv: number }> = {};
for (const im of man.images) {
  const img = await readImage(path.join(dir, im['image'] as string));
  assertGray(img, 'bench');
  for (const [run, v] of Object.entries(im)) {
    if (typeof v !== 'object' || v === null) continue;
    const r = v as { params: { scaleFactor: number; minNeighbors: number; minSize?: [number, number] }; ms: number };
    const c = cascades[run.split('_')[0] as 'lbp' | 'haar'];
    const times: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      c.detectMultiScale(img, { ...r.params });
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    (totals[run] ??= { ours: 0, cv: 0 }).ours += ms;
    totals[run]!.cv += r.ms;
    console.log(`${im['image']} ${run}: ${ms.toFixed(1)} ms (OpenCV ${r.ms.toFixed(1)} ms, ratio ${(ms / r.ms).toFixed(1)}x)`);
  }
}
for (const [run, t] of Object.entries(totals)) console.log(`TOTAL ${run}: facets ${t.ours.toFixed(0)} ms, OpenCV ${t.cv.toFixed(0)} ms, ratio ${(t.ours / t.cv).toFixed(1)}x`);
