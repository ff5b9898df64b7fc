/**
 * Reads a TF.js weights manifest (`*-weights_manifest.json`, tfjs-core io/types.ts
 * `WeightsManifestConfig`) and its concatenated shard bytes into stored tensors, keeping uint8
 * quantised tensors quantised. Pure; scripts/convert-weights.ts does the file I/O.
 */
import { FacetsError } from '../../core/errors.js';
import { encodeWeights, type StoredTensor } from './encode.js';
import { sha256Hex } from './sha256.js';
import { WEIGHTS_LIMITS } from './format.js';

function bad(message: string): never {
  throw new FacetsError('E_BAD_WEIGHTS', `tfjsToStoredTensors: ${message}`);
}

interface Group { paths: string[]; weights: unknown[] }

/** The shard file names of every group, in the order TF.js fetches them. */
export function tfjsShardPaths(manifest: unknown): string[][] {
  if (!Array.isArray(manifest)) bad('manifest must be an array of weight groups');
  return manifest.map((g, i) => {
    const group = g as Partial<Group>;
    if (!Array.isArray(group.paths) || !group.paths.every((p) => typeof p === 'string')) bad(`group ${i} has no paths[]`);
    return group.paths as string[];
  });
}

/**
 * requires: `groupBytes[i]` = the shards of manifest group i concatenated in `paths` order.
 * ensures: one StoredTensor per manifest weight, in manifest order; throws E_BAD_WEIGHTS on
 * unsupported quantisation, byte ranges past the data or trailing bytes.
 */
export function tfjsToStoredTensors(manifest: unknown, groupBytes: Uint8Array[]): StoredTensor[] {
  const paths = tfjsShardPaths(manifest);
  if (groupBytes.length !== paths.length) bad(`${paths.length} groups but ${groupBytes.length} byte buffers`);
  const out: StoredTensor[] = [];
  (manifest as Group[]).forEach((g, gi) => {
    const data = groupBytes[gi];
    let offset = 0;
    if (!Array.isArray(g.weights) || g.weights.length > WEIGHTS_LIMITS.maxTensors) bad(`group ${gi} weights must be an array of at most ${WEIGHTS_LIMITS.maxTensors}`);
    for (const raw of g.weights) {
      const w = raw as { name?: unknown; shape?: unknown; dtype?: unknown; quantization?: { dtype?: unknown; min?: unknown; scale?: unknown } };
      if (typeof w.name !== 'string') bad(`group ${gi}: a weight has no name`);
      if (!Array.isArray(w.shape) || !w.shape.every((d) => Number.isInteger(d) && d >= 0)) bad(`${w.name}: bad shape`);
      if (w.dtype !== 'float32' && w.dtype !== 'int32') bad(`${w.name}: dtype ${String(w.dtype)} is not float32/int32`);
      const shape = w.shape as number[];
      const size = shape.reduce((a, b) => a * b, 1);
      const q = w.quantization;
      if (q !== undefined && (q.dtype !== 'uint8' || typeof q.min !== 'number' || typeof q.scale !== 'number')) {
        bad(`${w.name}: only uint8 quantisation with min/scale is handled, got ${JSON.stringify(q)}`);
      }
      const byteLength = size * (q ? 1 : 4);
      if (offset + byteLength > data.length) bad(`${w.name}: bytes ${offset}..${offset + byteLength} run past the data (${data.length})`);
      const t: StoredTensor = { name: w.name, shape: shape.slice(), dtype: w.dtype, storage: q ? 'uint8' : w.dtype, bytes: data.slice(offset, offset + byteLength) };
      if (q) t.quantization = { min: q.min as number, scale: q.scale as number };
      out.push(t);
      offset += byteLength;
    }
    if (offset !== data.length) bad(`group ${gi}: ${data.length - offset} trailing bytes after the last weight`);
  });
  return out;
}

/** A TF.js model's files as read by the converter; paths are relative to the package root. */
export interface TfjsModelFiles {
  name: string;
  package: string;
  version: string;
  license: string;
  manifest: { path: string; bytes: Uint8Array };
  /** Shard files per manifest group, in `paths` order. */
  shards: Array<Array<{ path: string; bytes: Uint8Array }>>;
}

/**
 * The facets weights (header, JSON text, binary) of one TF.js model with full provenance
 * (sha256 of the source manifest and every shard).
 * ensures: deterministic in its input bytes.
 */
export function convertTfjsModel(m: TfjsModelFiles): ReturnType<typeof encodeWeights> {
  const manifest: unknown = JSON.parse(new TextDecoder().decode(m.manifest.bytes));
  const groups = m.shards.map((shards) => {
    const data = new Uint8Array(shards.reduce((n, s) => n + s.bytes.length, 0));
    let at = 0;
    for (const s of shards) { data.set(s.bytes, at); at += s.bytes.length; }
    return data;
  });
  const files = [m.manifest, ...m.shards.flat()].map((f) => ({ path: f.path, sha256: sha256Hex(f.bytes) }));
  return encodeWeights(
    { name: m.name, license: m.license, source: { package: m.package, version: m.version, files }, binaryFile: `${m.name}.bin` },
    tfjsToStoredTensors(manifest, groups),
  );
}
