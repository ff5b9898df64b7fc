/**
 * HOG face detector speed against dlib 19.24 (single thread, timings in
 * ../shared/fixtures/dlib/manifest.json, measured on a shared 2-core machine: compare ratios only).
 * Reports wall time and this process's CPU time (user + system, `process.cpuUsage`); on a loaded
 * machine the CPU time is the fairer number, since dlib's fixture timings were taken unloaded.
 * Run: npx tsx bench/hog/detect.bench.ts [runs]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../src/image/decode.js';
import { buildFeaturePyramid, detectHog, loadHogDetector } from '../../src/lbp/hog/index.js';
import { saliency } from '../../src/lbp/hog/saliency.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.resolve(repo, '../shared/fixtures/dlib');
const runs = Number(process.argv[2] ?? 5);
const manifest = JSON.parse(fs.readFileSync(path.join(fixtures, 'manifest.json'), 'utf8')) as {
  images: { image: string; width: number; height: number; timingMs: { hogDetect: number } }[];
};

const t0 = performance.now();
const det = loadHogDetector(fs.readFileSync(path.resolve(repo, 'weights/hog/frontal_face_detector.svm')));
console.log(`loadHogDetector: ${(performance.now() - t0).toFixed(1)} ms (dlib get_frontal_face_detector: see manifest meta.detector_init_ms)`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const ratios: number[] = [];
console.log('image                          size       wall ms   cpu ms  (pyramid  filters, wall)   dlib ms  cpu ratio');
for (const m of manifest.images) {
  const img = decodeImage(fs.readFileSync(path.join(fixtures, m.image)));
  detectHog(det, img); // warm-up
  const total: number[] = [];
  const cpu: number[] = [];
  const pyr: number[] = [];
  const filt: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const c = process.cpuUsage();
    detectHog(det, img);
    total.push(performance.now() - t);
    const dc = process.cpuUsage(c);
    cpu.push((dc.user + dc.system) / 1000);
    t = performance.now();
    const levels = buildFeaturePyramid(det, img);
    pyr.push(performance.now() - t);
    t = performance.now();
    for (const d of det.detectors) for (const f of levels) if (f.rows > 0) saliency(f, d.filterbank, 31);
    filt.push(performance.now() - t);
  }
  const ms = median(total);
  const cpuMs = median(cpu);
  const ratio = cpuMs / m.timingMs.hogDetect;
  ratios.push(ratio);
  console.log(
    `${m.image.padEnd(30)} ${`${m.width}x${m.height}`.padEnd(9)} ${ms.toFixed(1).padStart(9)} ${cpuMs.toFixed(1).padStart(8)}  (${median(pyr).toFixed(1).padStart(7)} ${median(filt).toFixed(1).padStart(8)})        ${m.timingMs.hogDetect.toFixed(1).padStart(8)}  ${ratio.toFixed(2).padStart(8)}x`,
  );
}
console.log(`median ratio facets CPU time / dlib: ${median(ratios).toFixed(2)}x over ${ratios.length} images (${runs} runs each, median)`);
