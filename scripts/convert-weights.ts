/**
 * Converts the face-api.js model family (npm @vladmandic/face-api, model/*.bin + TF.js weight
 * manifests) into facets' weights format in weights/, plus weights/manifest.json.
 *
 * Run: npx tsx scripts/convert-weights.ts [--check]
 * Deterministic: re-running rewrites identical bytes (no timestamps, fixed key order).
 * With --check nothing is written; it exits 1 if any file in weights/ would change.
 *
 * Quantised tensors stay uint8 on disk with the manifest's {min, scale}; loadWeights
 * dequantises them exactly as TF.js does (tfjs-core io_utils decodeWeight).
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertTfjsModel, tfjsShardPaths } from '../src/nn/weights/from-tfjs.js';
import { sha256Hex } from '../src/nn/weights/sha256.js';
import { MODEL_SPECS } from '../src/nn/models/specs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PKG = '@vladmandic/face-api';
const PKG_DIR = path.join(ROOT, 'node_modules', PKG);
const OUT = path.join(ROOT, 'weights');

function fail(msg: string): never {
  console.error(`convert-weights: ${msg}`);
  process.exit(1);
}

function readPkgFile(rel: string): { path: string; bytes: Uint8Array } {
  return { path: rel, bytes: new Uint8Array(readFileSync(path.join(PKG_DIR, rel))) };
}

/** Reads one model's manifest and shards from the package and converts it. */
function convertOne(sourceBase: string, name: string, pkgVersion: string, license: string) {
  const manifest = readPkgFile(`model/${sourceBase}-weights_manifest.json`);
  const groups = tfjsShardPaths(JSON.parse(new TextDecoder().decode(manifest.bytes)));
  const shards = groups.map((paths) => paths.map((p) => readPkgFile(`model/${p}`)));
  return convertTfjsModel({ name, package: PKG, version: pkgVersion, license, manifest, shards });
}

function main(): void {
  const check = process.argv.includes('--check');
  const pkg = JSON.parse(readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8')) as { version: string; license: string };
  if (!existsSync(OUT)) mkdirSync(OUT, { recursive: true });
  const outputs: Array<[string, Uint8Array]> = [];
  const manifest: unknown[] = [];
  for (const spec of MODEL_SPECS) {
    const { json, binary, header } = convertOne(spec.source, spec.name, pkg.version, pkg.license);
    outputs.push([`${spec.name}.json`, new TextEncoder().encode(json)], [`${spec.name}.bin`, binary]);
    manifest.push({
      name: spec.name,
      file: `${spec.name}.json`,
      binary: `${spec.name}.bin`,
      sha256: header.binary.sha256,
      bytes: binary.length,
      tensors: header.tensors.length,
      source: { package: PKG, version: pkg.version, model: spec.source },
      license: pkg.license,
      input: spec.input,
      output: spec.output,
    });
  }
  const manifestText = JSON.stringify({ format: 'facets-weights-manifest', version: 1, models: manifest }, null, 2) + '\n';
  outputs.push(['manifest.json', new TextEncoder().encode(manifestText)]);
  let changed = 0;
  for (const [file, bytes] of outputs) {
    const target = path.join(OUT, file);
    const same = existsSync(target) && sha256Hex(new Uint8Array(readFileSync(target))) === sha256Hex(bytes);
    if (!same) changed++;
    if (!check && !same) writeFileSync(target, bytes);
    console.log(`${same ? 'same   ' : check ? 'DIFFERS' : 'wrote  '} weights/${file} (${bytes.length} bytes)`);
  }
  if (check && changed > 0) fail(`${changed} file(s) differ from a fresh conversion`);
}

main();
