// LBPH train and predict per image on the OpenCV fixture chips, next to OpenCV 4.6's own numbers
// (../shared/fixtures/opencv-lbph/timings.json, measured natively on a 2-core machine; read the
// ratios, not the absolute times). Run: npx tsx bench/lbp/lbph.bench.ts
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../src/image/decode.js';
import { toGray } from '../../src/image/gray.js';
import type { Image } from '../../src/image/image.js';
import { LBPHRecognizer } from '../../src/lbp/ops/lbph-recognizer.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(repoRoot, '../shared');
const dir = path.join(shared, 'fixtures/opencv-lbph');

interface Case {
  tag: string;
  params: { radius: number; neighbors: number; gridX: number; gridY: number };
}
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
  train: { image: string; label: number }[];
  test: { image: string }[];
  cases: Case[];
};
const timings = JSON.parse(readFileSync(path.join(dir, 'timings.json'), 'utf8')) as {
  perParameterSet: Record<string, { trainMsPerImage: number; predictMsPerImage: number }>;
  chip150: { trainMsPerImage: number; predictMsPerImage: number };
};
const load = (f: string): Image => decodeImage(readFileSync(path.join(dir, f)));
const trainImages = manifest.train.map((t) => load(t.image));
const trainLabels = manifest.train.map((t) => t.label);
const testImages = manifest.test.map((t) => load(t.image));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median over `repeats` runs of fn's time divided by `perRun` images, after one warm-up. */
function msPer(repeats: number, perRun: number, fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / perRun);
  }
  return median(times);
}

function row(name: string, facets: number, opencv: number): string {
  return `${name.padEnd(28)} ${facets.toFixed(3).padStart(9)} ms ${opencv.toFixed(3).padStart(9)} ms   x${(facets / opencv).toFixed(2)}`;
}

// Timings on a shared machine are only as good as its idle CPU: print the load next to them.
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
console.log(`${'case'.padEnd(28)} ${'facets'.padStart(12)} ${'OpenCV 4.6'.padStart(12)}   ratio (facets/OpenCV)`);
for (const c of manifest.cases) {
  const r = new LBPHRecognizer(c.params);
  const train = msPer(7, trainImages.length, () => r.train(trainImages, trainLabels));
  const predict = msPer(7, testImages.length, () => {
    for (const img of testImages) r.predict(img);
  });
  const cv = timings.perParameterSet[c.tag];
  console.log(row(`${c.tag} train/img`, train, cv.trainMsPerImage));
  console.log(row(`${c.tag} predict/img`, predict, cv.predictMsPerImage));
}

// OpenCV's chip150 row: defaults, one 150x150 grey chip in the gallery. Any LFW face centre-cropped
// to 150x150 stands in for the dlib chip (the work does not depend on the pixels).
const lfw = path.join(shared, 'data/lfw/lfw-deepfunneled');
const person = readdirSync(lfw).sort()[0];
const file = readdirSync(path.join(lfw, person)).sort()[0];
const face = toGray(decodeImage(readFileSync(path.join(lfw, person, file))));
const chip: Image = { width: 150, height: 150, channels: 1, data: new Uint8ClampedArray(150 * 150) };
const ox = (face.width - 150) >> 1;
const oy = (face.height - 150) >> 1;
for (let y = 0; y < 150; y++) chip.data.set(face.data.subarray((oy + y) * face.width + ox, (oy + y) * face.width + ox + 150), y * 150);
const r = new LBPHRecognizer();
const train150 = msPer(15, 1, () => r.train([chip], [0]));
const predict150 = msPer(15, 1, () => r.predict(chip));
console.log(row('chip150 train/img', train150, timings.chip150.trainMsPerImage));
console.log(row('chip150 predict/img', predict150, timings.chip150.predictMsPerImage));

const model = new LBPHRecognizer();
model.train(trainImages, trainLabels);
const y0 = performance.now();
const yaml = model.toYAML();
const y1 = performance.now();
LBPHRecognizer.fromYAML(yaml);
const y2 = performance.now();
console.log(`YAML (32 x 16384 floats, ${(yaml.length / 1e6).toFixed(2)} MB): write ${(y1 - y0).toFixed(0)} ms, read ${(y2 - y1).toFixed(0)} ms (no OpenCV figure)`);
