/**
 * The smoke pipeline as a script, run unchanged by Node (tsx), Bun and Deno:
 *   <runtime> test/runtimes/smoke-pipeline.ts [sample file name] [backend]
 * Prints one JSON line: runtime, box, score, landmarkOutput, descriptor, emotion.
 * Only the package's own files are read (samples/ and weights/, sha256-checked by loadModel).
 */
import { readPackageFile } from '../../src/core/package-files.js';
import { decodeImage } from '../../src/image/decode.js';
import { setBackend, type BackendName } from '../../src/nn/backend.js';
import '../../src/nn/ops/index.js';
import { loadPipelineModels, runPipeline } from '../../src/browser/pipeline.js';

const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string }; args: string[] }; process?: { argv: string[]; versions?: { node?: string } } };
const args = g.Deno ? g.Deno.args : (g.process?.argv.slice(2) ?? []);
const sample = args[0] ?? 'Tony_Blair_0002.jpg';
const backend = (args[1] ?? 'cpu') as BackendName;
const runtime = g.Deno ? `deno ${g.Deno.version.deno}` : g.Bun ? `bun ${g.Bun.version}` : `node ${g.process?.versions?.node}`;

setBackend(backend);
const img = decodeImage(await readPackageFile(`samples/${sample}`));
const r = await runPipeline(img, await loadPipelineModels());
console.log(JSON.stringify({ runtime, backend, box: r.box, score: r.score, landmarkOutput: r.landmarkOutput, descriptor: r.descriptor, emotion: r.emotion }));
