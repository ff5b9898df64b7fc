/**
 * Fits the per-detector box adapters of src/align/box-adapter.ts: for each of ssd, tiny,
 * lbp-cascade and haar-cascade, the map from that detector's box to the box dlib's HOG detector
 * (facets' port, src/lbp/hog) gives on the same face.
 *
 *   npx tsx scripts/fit-box-adapters.ts [--lfw 120] [--no-deepface] [--min-iou 0.3] [--max-side 640]
 *
 * Development data only (never the AFW landmark evaluation set): the first image of the first
 * `--lfw` people of ../shared/data/lfw/persons_dev.txt (sorted), plus the DeepFace sample images
 * (../shared/data/deepface-images; files that do not decode are skipped and counted), images
 * larger than --max-side first shrunk to it (INTER_AREA-style): box conventions are
 * scale-free, and the multi-megapixel samples would otherwise dominate the run time.
 * Each detection is matched to the HOG detection of highest IoU (>= --min-iou); unmatched ones
 * are not used. Model, per matched pair, with c = box centre (x + w/2, y + h/2):
 *   hog.cx = det.cx + dx * det.w    hog.cy = det.cy + dy * det.h
 *   hog.w  = sw * det.w             hog.h  = sh * det.h
 * Each constant is the mean of its per-face ratio (every face weighs the same, in box units, as
 * the ERT model sees boxes). Prints the constants, n, residual std and mean IoU with the HOG box
 * before and after adapting, as JSON.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyBoxAdapter, type BoxAdapter } from '../src/align/box-adapter.js';
import { readImage } from '../src/image/decode.js';
import { resize } from '../src/image/resize.js';
import type { Box } from '../src/image/image.js';
import { detectFaces } from '../src/tasks/detect.js';
import type { DetectorName } from '../src/tasks/types.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lfwDir = resolve(root, '../shared/data/lfw');
const deepfaceDir = resolve(root, '../shared/data/deepface-images');
const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : def;
};
const nLfw = Number(arg('--lfw', '120'));
const maxSide = Number(arg('--max-side', '640'));
const minIou = Number(arg('--min-iou', '0.3'));
const useDeepface = !process.argv.includes('--no-deepface');

type Source = Exclude<DetectorName, 'hog' | 'none'>;
const SOURCES: readonly Source[] = ['ssd', 'tiny', 'lbp-cascade', 'haar-cascade'];

function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  return (ix * iy) / (a.width * a.height + b.width * b.height - ix * iy);
}

/** Per-face ratios [dx, dy, sw, sh] of the model in the file comment. */
function ratios(det: Box, hog: Box): [number, number, number, number] {
  const dcx = det.x + det.width / 2, dcy = det.y + det.height / 2;
  const hcx = hog.x + hog.width / 2, hcy = hog.y + hog.height / 2;
  return [(hcx - dcx) / det.width, (hcy - dcy) / det.height, hog.width / det.width, hog.height / det.height];
}

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: number[]): number => { const m = mean(v); return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1)); };
const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function imageList(): string[] {
  const people = readFileSync(resolve(lfwDir, 'persons_dev.txt'), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean).sort();
  const out: string[] = [];
  for (const p of people) {
    if (out.length >= nLfw) break;
    const files = readdirSync(resolve(lfwDir, 'lfw-deepfunneled', p)).filter((f) => f.endsWith('.jpg')).sort();
    if (files.length) out.push(resolve(lfwDir, 'lfw-deepfunneled', p, files[0]!));
  }
  if (useDeepface) for (const f of readdirSync(deepfaceDir).filter((f) => f.endsWith('.jpg')).sort()) out.push(resolve(deepfaceDir, f));
  return out;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const pairs = new Map<Source, [Box, Box][]>(SOURCES.map((s) => [s, []]));
  const detected = new Map<Source, number>(SOURCES.map((s) => [s, 0]));
  let images = 0, undecodable = 0, hogFaces = 0;
  for (const path of imageList()) {
    let img;
    try { img = await readImage(path); } catch { undecodable++; continue; }
    const k = maxSide / Math.max(img.width, img.height);
    if (k < 1) img = resize(img, Math.max(1, Math.round(img.width * k)), Math.max(1, Math.round(img.height * k)), 'area');
    if (++images % 20 === 0) process.stderr.write(`${images} images, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    const hog = (await detectFaces(img, { detector: 'hog' })).map((f) => f.box);
    hogFaces += hog.length;
    for (const s of SOURCES) {
      const found = await detectFaces(img, { detector: s });
      detected.set(s, detected.get(s)! + found.length);
      for (const f of found) {
        const best = hog.map((h) => ({ h, o: iou(f.box, h) })).sort((a, b) => b.o - a.o)[0];
        if (best && best.o >= minIou) pairs.get(s)!.push([f.box, best.h]);
      }
    }
  }
  const result: Record<string, unknown> = {};
  for (const s of SOURCES) {
    const ps = pairs.get(s)!;
    if (ps.length === 0) { result[s] = { n: 0 }; continue; }
    const rs = ps.map(([d, h]) => ratios(d, h));
    const fit: BoxAdapter = { dx: r4(mean(rs.map((r) => r[0]))), dy: r4(mean(rs.map((r) => r[1]))), sw: r4(mean(rs.map((r) => r[2]))), sh: r4(mean(rs.map((r) => r[3]))) };
    result[s] = {
      ...fit,
      n: ps.length,
      detections: detected.get(s),
      residualStd: { dx: r4(std(rs.map((r) => r[0]))), dy: r4(std(rs.map((r) => r[1]))), sw: r4(std(rs.map((r) => r[2]))), sh: r4(std(rs.map((r) => r[3]))) },
      meanIouRaw: r4(mean(ps.map(([d, h]) => iou(d, h)))),
      meanIouAdaptedWithFit: r4(mean(ps.map(([d, h]) => iou(applyBoxAdapter(d, fit), h)))),
    };
  }
  console.log(JSON.stringify({ images, undecodable, hogFaces, minIou, maxSide, lfwPeople: nLfw, deepface: useDeepface, adapters: result, timeMs: Date.now() - t0 }, null, 2));
}

void main();
