/**
 * Forward time of each Human graph model per backend (median of N runs after one warm-up), on
 * the fixture face crops, next to TF.js 4.22 (tfjs-backend-cpu + tfjs-converter's own graph
 * executor on the ORIGINAL model.json, when --tfjs <dir of the human-models models/> is given).
 * Run: npx tsx bench/graph/forward.bench.ts [--backends reference,cpu] [--runs 5] [--tfjs <dir>]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readImage } from '../../src/image/decode.js';
import { setBackend, type BackendName } from '../../src/nn/backend.js';
import { humanNetInput } from '../../src/nn/human/preprocess.js';
import { loadHumanModel } from '../../src/nn/human/load.js';
import { HUMAN_MODEL_SPECS } from '../../src/nn/human/specs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIX = path.resolve(ROOT, '../shared/fixtures/tfjs-models');
const arg = (n: string): string | undefined => { const i = process.argv.indexOf(n); return i < 0 ? undefined : process.argv[i + 1]; };
const runs = Number(arg('--runs') ?? 5);
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** Median wall ms and median process CPU ms (user + system; steadier on a shared machine). */
function time(f: () => void): { wall: number; cpu: number } {
  f();
  const wall: number[] = [], cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage(), t0 = performance.now();
    f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const rows: Record<string, Record<string, { wall: number; cpu: number }>> = {};
for (const backend of (arg('--backends') ?? 'reference,cpu').split(',') as BackendName[]) {
  setBackend(backend);
  for (const spec of HUMAN_MODEL_SPECS) {
    const m = await loadHumanModel(spec.name);
    const x = humanNetInput(await readImage(path.join(FIX, `human_${spec.name}.deepface-img1.png`)), m.inputSize, m.spec.preprocessing, 'bench');
    (rows[spec.name] ??= {})[backend] = time(() => m.graph.run(x));
  }
}

const tfjsDir = arg('--tfjs');
if (tfjsDir) {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const conv = await import('@tensorflow/tfjs-converter');
  const fs = await import('node:fs');
  await tf.setBackend('cpu');
  for (const spec of HUMAN_MODEL_SPECS) {
    const dir = path.resolve(tfjsDir);
    const handler = {
      load: async () => {
        const j = JSON.parse(fs.readFileSync(path.join(dir, `${spec.source}.json`), 'utf8'));
        const bin = fs.readFileSync(path.join(dir, `${spec.source}.bin`));
        return { modelTopology: j.modelTopology, weightSpecs: j.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights), weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength), format: j.format, generatedBy: j.generatedBy, convertedBy: j.convertedBy, userDefinedMetadata: j.userDefinedMetadata, signature: j.signature };
      },
    };
    const model = await conv.loadGraphModel(handler as never);
    const c = spec.preprocessing === 'gray-1' ? 1 : 3;
    const x = tf.zeros([1, spec.inputSize, spec.inputSize, c]);
    rows[spec.name]['tfjs-cpu'] = time(() => { const y = model.execute(x); tf.dispose(y); });
  }
}

console.log(`median forward ms over ${runs} runs (one face crop, batch 1): wall / process CPU`);
for (const [name, r] of Object.entries(rows)) {
  const cells = Object.entries(r).map(([k, v]) => `${k} ${v.wall.toFixed(1)} / ${v.cpu.toFixed(1)}`).join('   ');
  const ratio = r.cpu && r['tfjs-cpu'] ? `   cpu/tfjs-cpu (CPU time) ${(r.cpu.cpu / r['tfjs-cpu'].cpu).toFixed(2)}x` : '';
  console.log(`${name.padEnd(13)} ${cells}${ratio}`);
}
