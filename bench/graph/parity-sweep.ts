/**
 * Full parity sweep of the Human graph models against TF.js 4.22 (../shared/fixtures/tfjs-models
 * outputs.json human_models): every case x every model x the given backends, printing the worst
 * absolute error, the worst max-norm relative error and the median forward time.
 * Run: npx tsx bench/graph/parity-sweep.ts [reference,cpu,gpujs]
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readImage } from '../../src/image/decode.js';
import { setBackend, type BackendName } from '../../src/nn/backend.js';
import { humanNetInput } from '../../src/nn/human/preprocess.js';
import { loadHumanModel } from '../../src/nn/human/load.js';
import { HUMAN_MODEL_SPECS } from '../../src/nn/human/specs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIX = path.resolve(ROOT, '../shared/fixtures/tfjs-models');
const cases = JSON.parse(readFileSync(path.join(FIX, 'outputs.json'), 'utf8')).human_models as Record<string, { cases: { input: string; outputs: Record<string, { data: number[] }> }[] }>;
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

for (const backend of (process.argv[2] ?? 'reference,cpu,gpujs').split(',') as BackendName[]) {
  setBackend(backend);
  for (const spec of HUMAN_MODEL_SPECS) {
    const m = await loadHumanModel(spec.name);
    let worstAbs = 0, worstRel = 0;
    const times: number[] = [];
    for (const c of cases[spec.name].cases) {
      const x = humanNetInput(await readImage(path.join(FIX, c.input)), m.inputSize, m.spec.preprocessing, 'sweep');
      const t0 = performance.now();
      const { outputs } = m.graph.run(x);
      times.push(performance.now() - t0);
      for (const [node, want] of Object.entries(c.outputs)) {
        let abs = 0, ref = 0;
        want.data.forEach((e, i) => { abs = Math.max(abs, Math.abs(outputs[node].data[i] - e)); ref = Math.max(ref, Math.abs(e)); });
        worstAbs = Math.max(worstAbs, abs);
        worstRel = Math.max(worstRel, abs / ref);
      }
    }
    console.log(`${backend.padEnd(9)} ${spec.name.padEnd(13)} cases ${cases[spec.name].cases.length}  max abs ${worstAbs.toExponential(2)}  max rel ${worstRel.toExponential(2)}  median forward ${median(times).toFixed(1)} ms`);
  }
}
