/**
 * Landmark accuracy on ../shared/data/landmarks-300w-afw (68-point iBUG ground truth, 1-based
 * coordinates in the .pts files; faces.csv maps each .pts to its image).
 *
 *   npx tsx scripts/eval-landmarks.ts [--boxes gt|hog|ssd|tiny|lbp-cascade|haar-cascade]
 *       [--method ert|cnn|cnn-tiny] [--ert-box adapter|cnn] [--model path.fert|path.dat]
 *   npx tsx scripts/eval-landmarks.ts --all        (markdown table: every detector x method)
 *
 * NME per face = mean point-to-point distance / distance between the outer eye corners (iBUG 37
 * and 46, 1-based), ground truth shifted to 0-based pixels. Boxes:
 * - gt (default): hogBoxFromLandmarks(ground truth), the box dlib's HOG detector would give,
 *   fitted on fixtures/dlib (see src/align/box-adapter.ts);
 * - a detector: what users get, through the tasks layer (detectFaces with default options, then
 *   faceLandmarks). Each face takes the detection whose centre is nearest the ground-truth box
 *   centre within half its size, else it counts as missed.
 * --ert-box forces how ERT finds its box for a non-HOG detector (src/tasks/landmarks.ts ertBox;
 * default: its measured per-detector choice). --model replaces the shipped ERT model (ert only).
 * Caveat: AFW is part of 300-W, dlib's training set, so ERT numbers are optimistic.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hogBoxFromLandmarks } from '../src/align/box-adapter.js';
import { loadShapePredictor } from '../src/align/load.js';
import { defaultShapePredictorPath } from '../src/align/node.js';
import type { ShapePredictor } from '../src/align/shape-predictor.js';
import type { Point } from '../src/align/similarity.js';
import { readImage } from '../src/image/decode.js';
import type { Box, Image } from '../src/image/image.js';
import { detectFaces } from '../src/tasks/detect.js';
import { ertBox, faceLandmarks, LANDMARK_METHODS, type ErtBoxVia, type LandmarkMethod } from '../src/tasks/landmarks.js';
import type { DetectorName, Face } from '../src/tasks/types.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, '../shared/data/landmarks-300w-afw');
const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : def;
};
type BoxMode = 'gt' | Exclude<DetectorName, 'none'>;
const BOX_MODES: readonly BoxMode[] = ['gt', 'hog', 'ssd', 'tiny', 'lbp-cascade', 'haar-cascade'];
const boxMode = arg('--boxes', 'gt') as BoxMode;
const method = arg('--method', 'ert') as LandmarkMethod;
const viaArg = arg('--ert-box', '');
const modelArg = arg('--model', '');
const all = process.argv.includes('--all');
if (!BOX_MODES.includes(boxMode)) throw new Error(`--boxes must be one of ${BOX_MODES.join(', ')}`);
if (!LANDMARK_METHODS.includes(method)) throw new Error(`--method must be one of ${LANDMARK_METHODS.join(', ')}`);
if (viaArg !== '' && viaArg !== 'adapter' && viaArg !== 'cnn') throw new Error('--ert-box must be adapter or cnn');

/** One evaluated way: a method, and for ERT optionally a forced way to its box. */
interface Way { method: LandmarkMethod; via?: ErtBoxVia }

function readPts(path: string): Point[] {
  const text = readFileSync(path, 'utf8');
  const body = text.slice(text.indexOf('{') + 1, text.indexOf('}'));
  const nums = body.trim().split(/\s+/).map(Number);
  const pts: Point[] = [];
  // iBUG .pts are 1-based (Matlab pixel centres); facets pixels are 0-based.
  for (let i = 0; i + 1 < nums.length; i += 2) pts.push([nums[i]! - 1, nums[i + 1]! - 1]);
  if (pts.length !== 68 || pts.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) throw new Error(`${path}: expected 68 finite points`);
  return pts;
}

function nme(pred: readonly Point[], gt: readonly Point[]): number {
  const iod = Math.hypot(gt[36]![0] - gt[45]![0], gt[36]![1] - gt[45]![1]);
  return pred.reduce((s, p, i) => s + Math.hypot(p[0] - gt[i]![0], p[1] - gt[i]![1]), 0) / 68 / iod;
}

/** The detection nearest the ground-truth box centre, within half its size (else missed). */
function matchFace(faces: readonly Face[], gtBox: Box): Face | undefined {
  const cx = gtBox.x + gtBox.width / 2, cy = gtBox.y + gtBox.height / 2;
  return faces
    .map((f) => ({ f, d: Math.hypot(f.box.x + f.box.width / 2 - cx, f.box.y + f.box.height / 2 - cy) }))
    .filter((x) => x.d < gtBox.width / 2)
    .sort((a, b) => a.d - b.d)[0]?.f;
}

interface Stats { faces: number; evaluated: number; missed: number; nmeMean: number; nmeMedian: number; failuresOver10pct: number; msPerFace: number }

function stats(nmes: number[], faces: number, ms: number): Stats {
  const sorted = [...nmes].sort((a, b) => a - b);
  return {
    faces, evaluated: nmes.length, missed: faces - nmes.length,
    nmeMean: nmes.reduce((a, b) => a + b, 0) / nmes.length,
    nmeMedian: sorted[sorted.length >> 1]!,
    failuresOver10pct: nmes.filter((x) => x > 0.1).length,
    msPerFace: ms / Math.max(1, nmes.length),
  };
}

/**
 * Evaluates several ways on the same detections of one box mode (detectors run once per image).
 * ensures: one Stats per way, in order.
 */
async function evaluate(mode: BoxMode, ways: readonly Way[], sp: ShapePredictor | null): Promise<Stats[]> {
  const rows = readFileSync(resolve(dataDir, 'faces.csv'), 'utf8').replace(/\r/g, '').trim().split('\n').slice(1).map((l) => l.split(','));
  const byImage = new Map<string, string[]>();
  for (const [pts, image] of rows) byImage.set(image!, [...(byImage.get(image!) ?? []), pts!]);
  const nmes = ways.map(() => [] as number[]);
  const ms = ways.map(() => 0);
  for (const [imageName, ptsFiles] of byImage) {
    const img: Image = await readImage(resolve(dataDir, 'afw', imageName));
    const detections = mode === 'gt' ? [] : await detectFaces(img, { detector: mode });
    for (const ptsFile of ptsFiles) {
      const gt = readPts(resolve(dataDir, 'afw', ptsFile));
      const gtBox = hogBoxFromLandmarks(gt);
      const face = mode === 'gt' ? { box: gtBox, score: 1, detector: 'hog' as const } : matchFace(detections, gtBox);
      if (!face) continue;
      for (let k = 0; k < ways.length; k++) {
        const w = ways[k]!;
        const t = performance.now();
        const pred = w.method === 'ert' && (sp || w.via)
          ? (sp ?? (await defaultModel())).predict(img, await ertBox(img, face, w.via))
          : await faceLandmarks(img, face, w.method);
        ms[k]! += performance.now() - t;
        nmes[k]!.push(nme(pred, gt));
      }
    }
  }
  return ways.map((_, k) => stats(nmes[k]!, rows.length, ms[k]!));
}

let shipped: ShapePredictor | null = null;
async function defaultModel(): Promise<ShapePredictor> {
  shipped ??= loadShapePredictor(readFileSync(defaultShapePredictorPath()));
  return shipped;
}

const f4 = (x: number): string => x.toFixed(4);

async function main(): Promise<void> {
  const t0 = Date.now();
  const sp = modelArg ? loadShapePredictor(readFileSync(modelArg)) : null;
  if (!all) {
    const [s] = await evaluate(boxMode, [{ method, ...(viaArg ? { via: viaArg as ErtBoxVia } : {}) }], sp);
    console.log(JSON.stringify({
      task: 'landmarks-300w-afw', model: method === 'ert' ? (modelArg || defaultShapePredictorPath()).replace(root + '/', '') : method,
      boxes: boxMode, method, ertBox: viaArg || 'default', ...s, timeMs: Date.now() - t0,
    }, null, 2));
    return;
  }
  // Rows are printed as each box mode finishes: a long run leaves usable partial output.
  console.log('| boxes | method | faces detected | NME mean | NME median | NME > 10% |');
  console.log('|---|---|---|---|---|---|');
  for (const mode of BOX_MODES) {
    const detector = mode !== 'gt' && mode !== 'hog';
    const ways: { label: string; way: Way }[] = [
      { label: 'ert', way: { method: 'ert' } },
      ...(detector ? [{ label: 'ert (box via adapter)', way: { method: 'ert' as const, via: 'adapter' as const } }, { label: 'ert (box via CNN landmarks)', way: { method: 'ert' as const, via: 'cnn' as const } }] : []),
      { label: 'cnn', way: { method: 'cnn' } },
      { label: 'cnn-tiny', way: { method: 'cnn-tiny' } },
    ];
    const res = await evaluate(mode, ways.map((w) => w.way), sp);
    res.forEach((s, k) => {
      const boxes = mode === 'gt' ? 'ground truth (hogBoxFromLandmarks)' : mode;
      console.log(`| ${boxes} | ${ways[k]!.label} | ${s.evaluated} / ${s.faces} | ${f4(s.nmeMean)} | ${f4(s.nmeMedian)} | ${s.failuresOver10pct} |`);
    });
    process.stderr.write(`${mode} done at ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  console.log(`\n(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

void main();
