/**
 * Forward time of each converted net on facets' backends next to face-api.js itself on TF.js
 * 4.22 (cpu and wasm backends) in the same process, on the fixture net inputs; optionally the
 * parity of every fixture on every facets backend (--parity).
 *
 * Run: npx tsx bench/models/models.bench.ts [--runs 5] [--backends reference,cpu,gpujs]
 *        [--models dlib-resnet,...] [--peers cpu,wasm] [--parity]
 * Prints medians in ms and the ratio facets / TF.js cpu. Not part of npm test.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readImage } from '../../src/image/decode.js';
import type { Image } from '../../src/image/image.js';
import '../../src/nn/ops/index.js';
import { backendByName, setBackend, type BackendName } from '../../src/nn/backend.js';
import { loadModel } from '../../src/nn/models/load-model.js';
import type { NetModel, NetOutput } from '../../src/nn/models/model.js';
import type { ModelName } from '../../src/nn/models/specs.js';
import type { TinyFaceDetectorModel } from '../../src/nn/models/tiny-face-detector.js';
import type { Tensor } from '../../src/nn/tensor.js';
import { gpujsActiveMode } from '../../src/nn/kernels/gpujs-runtime.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const FIX = path.resolve(ROOT, '../shared/fixtures/tfjs-models');

const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const RUNS = Number(arg('runs', '5'));
const BACKENDS = arg('backends', 'reference,cpu,gpujs').split(',') as BackendName[];
const PEERS = arg('peers', 'cpu,wasm').split(',');
const PARITY = process.argv.includes('--parity');

/** facets name -> [fixture key, face-api net, net input size, how to read outputs for parity]. */
const MODELS: Array<{ name: ModelName; key: string; net: string; size?: number; outputs: (o: NetOutput) => number[]; want: (c: Record<string, number[]>) => number[] }> = [
  { name: 'dlib-resnet', key: 'face_recognition', net: 'faceRecognitionNet', outputs: (o) => Array.from((o as Tensor).data), want: (c) => c.descriptor },
  { name: 'landmark68', key: 'face_landmark_68', net: 'faceLandmark68Net', outputs: (o) => Array.from((o as Tensor).data), want: (c) => c.landmarks136 },
  { name: 'landmark68-tiny', key: 'face_landmark_68_tiny', net: 'faceLandmark68TinyNet', outputs: (o) => Array.from((o as Tensor).data), want: (c) => c.landmarks136 },
  { name: 'face-expression', key: 'face_expression', net: 'faceExpressionNet', outputs: (o) => Array.from((o as Tensor).data), want: (c) => c.probabilities },
  { name: 'age-gender', key: 'age_gender', net: 'ageGenderNet', outputs: (o) => { const r = o as { age: Tensor; gender: Tensor }; return [...r.age.data, ...r.gender.data]; }, want: (c) => [...c.age, ...c.genderLogits] },
  { name: 'tiny-face-detector', key: 'tiny_face_detector', net: 'tinyFaceDetector', size: 416, outputs: (o) => Array.from((o as Tensor).data), want: (c) => c.grid },
  { name: 'ssd-mobilenetv1', key: 'ssd_mobilenetv1', net: 'ssdMobilenetv1', outputs: (o) => { const r = o as { boxes: Tensor; scores: Tensor }; return [...r.boxes.data, ...r.scores.data]; }, want: (c) => [...c.boxes, ...c.scores] },
];
const ONLY = arg('models', MODELS.map((m) => m.name).join(',')).split(',');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(runs: number, f: () => Promise<unknown>): Promise<number> {
  await f(); // warm-up (kernel compilation, allocation)
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

/** face-api.js 1.7.15 (node-wasm build) on the devDependency TF.js parts, as the peer. */
function loadFaceApi(): { faceapi: any; tf: any } {
  const require = createRequire(import.meta.url);
  const Module = require('node:module');
  const orig = Module._resolveFilename;
  Module._resolveFilename = function (req: string, ...rest: unknown[]) {
    return orig.call(this, req === '@tensorflow/tfjs' ? path.join(HERE, 'tfjs-shim.cjs') : req, ...rest);
  };
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  return { faceapi, tf: faceapi.tf };
}

async function main(): Promise<void> {
  const fixtures = JSON.parse((await import('node:fs')).readFileSync(path.join(FIX, 'outputs.json'), 'utf8')).faceapi_models;
  const { faceapi, tf } = loadFaceApi();
  const wasm = createRequire(import.meta.url)('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  const modelDir = path.join(ROOT, 'node_modules/@vladmandic/face-api/model');
  const rows: string[] = [];
  for (const m of MODELS.filter((x) => ONLY.includes(x.name))) {
    const cases = fixtures[m.key] as Array<Record<string, number[]> & { input: string; size: number[] }>;
    const first = cases[0];
    const img: Image = await readImage(path.join(FIX, first.input));
    const model = (await loadModel(m.name)) as NetModel;
    const size = first.size[0];
    const runAt = (x: Image, s: number) => (m.name === 'tiny-face-detector' ? (model as TinyFaceDetectorModel).withInputSize(s).run(x) : model.run(x));
    const run = (x: Image) => runAt(x, size);
    const cells: string[] = [];
    const timings: Record<string, number> = {};
    for (const b of BACKENDS) {
      const why = backendByName(b).unavailableReason();
      if (why) { cells.push(`${b}: n/a (${why})`); continue; }
      setBackend(b);
      const runs = b === 'reference' || m.name === 'ssd-mobilenetv1' ? Math.min(RUNS, 1) : RUNS;
      timings[b] = await time(runs, () => run(img));
      if (PARITY) {
        let worst = 0;
        for (const c of cases) {
          const out = m.outputs(await runAt(await readImage(path.join(FIX, c.input)), c.size[0]));
          const want = m.want(c);
          for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(out[i] - want[i]));
        }
        cells.push(`${b}: ${timings[b].toFixed(1)} ms, max |err| ${worst.toExponential(2)} over ${cases.length}`);
      } else cells.push(`${b}: ${timings[b].toFixed(1)} ms`);
    }
    await tf.setBackend(PEERS[0]);
    await tf.ready();
    await faceapi.nets[m.net].loadFromDisk(modelDir);
    for (const peer of PEERS) {
      await tf.setBackend(peer);
      await tf.ready();
      const input = tf.tensor3d(Float32Array.from(img.data), [img.height, img.width, 3]);
      const net = faceapi.nets[m.net];
      const ms = await time(m.name === 'ssd-mobilenetv1' ? Math.min(RUNS, 2) : RUNS, async () => {
        const out = m.name === 'tiny-face-detector' ? await net.forward(input, size) : await net.forward(input);
        const tensors = out instanceof tf.Tensor ? [out] : Object.values(out).flat();
        for (const t of tensors) await (t as { data(): Promise<unknown> }).data();
        tf.dispose(tensors);
      });
      input.dispose();
      timings[`tfjs-${peer}`] = ms;
      cells.push(`tfjs-${peer}: ${ms.toFixed(1)} ms`);
    }
    if (timings.gpujs !== undefined) cells.push(`(gpu.js mode: ${gpujsActiveMode()})`);
    const ratio = timings.cpu && timings['tfjs-cpu'] ? ` | facets cpu / tfjs cpu = ${(timings.cpu / timings['tfjs-cpu']).toFixed(2)}` : '';
    rows.push(`${m.name} (${first.input}): ${cells.join(' | ')}${ratio}`);
    console.log(rows[rows.length - 1]);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
