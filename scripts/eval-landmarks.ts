/**
 * Landmark accuracy of the ERT model on ../shared/data/landmarks-300w-afw (68-point iBUG ground
 * truth, 1-based coordinates in the .pts files; faces.csv maps each .pts to its image).
 *
 *   npx tsx scripts/eval-landmarks.ts [--boxes gt|hog] [--model path.fert|path.dat]
 *
 * NME per face = mean point-to-point distance / distance between the outer eye corners (iBUG 37
 * and 46, 1-based), ground truth shifted to 0-based pixels. Boxes:
 * - gt (default): hogBoxFromLandmarks(ground truth), the box dlib's HOG detector would give,
 *   fitted on fixtures/dlib (see src/align/box-adapter.ts);
 * - hog: facets' port of dlib's HOG detector (src/lbp/hog); each face takes the detection whose
 *   centre is nearest the ground-truth box centre within half its size, else it counts as missed.
 * Caveat: AFW is part of 300-W, dlib's training set, so these numbers are optimistic.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hogBoxFromLandmarks } from '../src/align/box-adapter.js';
import { loadShapePredictor } from '../src/align/load.js';
import { defaultShapePredictorPath } from '../src/align/node.js';
import type { Point } from '../src/align/similarity.js';
import type { Box, Image } from '../src/image/image.js';
import { readImage } from '../src/image/decode.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, '../shared/data/landmarks-300w-afw');
const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
};
const boxMode = arg('--boxes', 'gt');
const modelPath = arg('--model', defaultShapePredictorPath());

function readPts(path: string): Point[] {
  const text = readFileSync(path, 'utf8');
  const body = text.slice(text.indexOf('{') + 1, text.indexOf('}'));
  const nums = body.trim().split(/\s+/).map(Number);
  const pts: Point[] = [];
  // iBUG .pts are 1-based (Matlab pixel centres); facets pixels are 0-based.
  for (let i = 0; i + 1 < nums.length; i += 2) pts.push([nums[i] - 1, nums[i + 1] - 1]);
  if (pts.length !== 68 || pts.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) throw new Error(`${path}: expected 68 finite points`);
  return pts;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const sp = loadShapePredictor(readFileSync(modelPath));
  const faces = readFileSync(resolve(dataDir, 'faces.csv'), 'utf8').replace(/\r/g, '').trim().split('\n').slice(1).map((l) => l.split(','));
  let detect: ((img: Image) => Box[]) | null = null;
  if (boxMode === 'hog') {
    const hog = await import('../src/lbp/hog/index.js');
    const hogNode = await import('../src/lbp/hog/node.js');
    const det = hogNode.loadFrontalFaceDetector();
    detect = (img) => hog.detectHog(det, img).map((d) => d.box);
  }
  const images = new Map<string, Image>();
  const detections = new Map<string, Box[]>();
  const nmes: number[] = [];
  let missed = 0;
  let predictMs = 0;
  for (const [pts, imageName] of faces) {
    const gt = readPts(resolve(dataDir, 'afw', pts));
    if (!images.has(imageName)) images.set(imageName, await readImage(resolve(dataDir, 'afw', imageName)));
    const img = images.get(imageName)!;
    let box = hogBoxFromLandmarks(gt);
    if (detect) {
      if (!detections.has(imageName)) detections.set(imageName, detect(img));
      const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
      const near = detections.get(imageName)!
        .map((b) => ({ b, d: Math.hypot(b.x + b.width / 2 - cx, b.y + b.height / 2 - cy) }))
        .filter((x) => x.d < box.width / 2)
        .sort((a, b) => a.d - b.d)[0];
      if (!near) { missed++; continue; }
      box = near.b;
    }
    const t = performance.now();
    const pred = sp.predict(img, box);
    predictMs += performance.now() - t;
    const iod = Math.hypot(gt[36][0] - gt[45][0], gt[36][1] - gt[45][1]);
    nmes.push(pred.reduce((s, p, i) => s + Math.hypot(p[0] - gt[i][0], p[1] - gt[i][1]), 0) / 68 / iod);
  }
  const sorted = [...nmes].sort((a, b) => a - b);
  console.log(JSON.stringify({
    task: 'landmarks-300w-afw', model: modelPath.replace(root + '/', ''), boxes: boxMode,
    faces: faces.length, evaluated: nmes.length, missed,
    nmeMean: nmes.reduce((a, b) => a + b, 0) / nmes.length,
    nmeMedian: sorted[sorted.length >> 1],
    failuresOver10pct: nmes.filter((x) => x > 0.1).length,
    predictMsPerFace: predictMs / nmes.length,
    timeMs: Date.now() - t0,
  }, null, 2));
}

void main();
