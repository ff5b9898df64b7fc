/**
 * Per-layer profile of one facets model on the `cpu` backend: every kernel call is timed (process
 * CPU time, summed over --runs forward passes after a warm-up) and reported per call site (kernel
 * name + input shape), largest first, with the time spent outside kernels (preprocessing,
 * allocation, GC) as its own line. It explains the gaps models.bench.ts reports.
 * Run: npx tsx bench/nn/layers.bench.ts [--model ssd-mobilenetv1] [--runs 10] [--top 20] [--ts]
 * (--ts: the plain TypeScript kernels, FACETS_WASM=0). Not part of npm test.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { readImage } from '../../src/image/decode.js';
import '../../src/nn/ops/index.js';
import { backendByName, setBackend } from '../../src/nn/backend.js';
import { loadModel } from '../../src/nn/models/load-model.js';
import type { NetModel } from '../../src/nn/models/model.js';
import type { ModelName } from '../../src/nn/models/specs.js';
import type { Tensor } from '../../src/nn/tensor.js';
import { setWasmKernelsEnabled, wasmKernelMode } from '../../src/nn/kernels/wasm/runtime.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIX = path.resolve(HERE, '../../../shared/fixtures/tfjs-models');
const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const MODEL = arg('model', 'ssd-mobilenetv1') as ModelName;
const RUNS = Number(arg('runs', '10'));
const TOP = Number(arg('top', '20'));
const KEYS: Record<string, string> = { 'dlib-resnet': 'face_recognition', landmark68: 'face_landmark_68', 'ssd-mobilenetv1': 'ssd_mobilenetv1' };

const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const isTensor = (v: unknown): v is Tensor => typeof v === 'object' && v !== null && 'shape' in v && 'data' in v;

async function main(): Promise<void> {
  if (process.argv.includes('--ts')) setWasmKernelsEnabled(false);
  setBackend('cpu');
  const key = KEYS[MODEL];
  if (key === undefined) throw new Error(`--model must be one of ${Object.keys(KEYS).join(', ')}`);
  const fixtures = JSON.parse(readFileSync(path.join(FIX, 'outputs.json'), 'utf8')).faceapi_models;
  const img = await readImage(path.join(FIX, (fixtures[key][0] as { input: string }).input));
  const model = (await loadModel(MODEL)) as NetModel;
  await model.run(img);
  const kernels = backendByName('cpu').kernels as unknown as Record<string, (...a: unknown[]) => unknown>;
  const saved = { ...kernels };
  const sites = new Map<string, { ms: number; calls: number }>();
  for (const name of Object.keys(saved)) {
    kernels[name] = (...a: unknown[]) => {
      const t0 = cpuMs();
      const r = saved[name](...a);
      const dt = cpuMs() - t0;
      const site = `${name} ${a.filter(isTensor).slice(0, 2).map((t) => `[${t.shape.join('x')}]`).join(' ')}`;
      const e = sites.get(site) ?? { ms: 0, calls: 0 };
      e.ms += dt; e.calls++;
      sites.set(site, e);
      return r;
    };
  }
  const t0 = cpuMs();
  try { for (let i = 0; i < RUNS; i++) await model.run(img); } finally { Object.assign(kernels, saved); }
  const total = (cpuMs() - t0) / RUNS;
  const inKernels = [...sites.values()].reduce((s, e) => s + e.ms, 0) / RUNS;
  const byName = new Map<string, number>();
  for (const [site, e] of sites) byName.set(site.split(' ')[0], (byName.get(site.split(' ')[0]) ?? 0) + e.ms / RUNS);
  console.log(`${MODEL}: ${wasmKernelMode()}, ${total.toFixed(1)} ms per run (CPU time, mean of ${RUNS}); kernels ${inKernels.toFixed(1)} ms, outside kernels ${(total - inKernels).toFixed(1)} ms`);
  console.log(`  by kernel: ${[...byName].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
  for (const [site, e] of [...sites].sort((a, b) => b[1].ms - a[1].ms).slice(0, TOP)) {
    console.log(`  ${(e.ms / RUNS).toFixed(2).padStart(8)} ms  x${(e.calls / RUNS).toFixed(0).padEnd(3)} ${site}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
