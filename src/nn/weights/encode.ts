/**
 * Writes the facets weights format (see format.ts). Deterministic: the same tensors and
 * provenance give the same bytes (fixed key order, no timestamps), so the converter reproduces
 * weights/ byte for byte.
 */
import { FacetsError } from '../../core/errors.js';
import {
  WEIGHTS_FORMAT, WEIGHTS_VERSION, storageBytes,
  type Quantization, type SourceFile, type TensorEntry, type WeightDtype, type WeightStorage, type WeightsHeader,
} from './format.js';
import { sha256Hex } from './sha256.js';

/** A tensor as stored: `bytes` are the raw uint8 codes or little-endian float32/int32 values. */
export interface StoredTensor {
  name: string;
  shape: number[];
  dtype: WeightDtype;
  storage: WeightStorage;
  quantization?: Quantization;
  bytes: Uint8Array;
}

export interface WeightsProvenance {
  name: string;
  license: string;
  source: { package: string; version: string; files: SourceFile[] };
  binaryFile: string;
}

/**
 * Packs tensors into one binary (each 4-byte aligned, zero padding) and builds its header.
 * requires: each `bytes.length` equals the element count times the storage width.
 * ensures: `loadWeights(JSON.parse(json), binary)` returns the same values.
 */
export function encodeWeights(meta: WeightsProvenance, tensors: StoredTensor[]): { header: WeightsHeader; json: string; binary: Uint8Array } {
  let offset = 0;
  const entries: TensorEntry[] = [];
  for (const t of tensors) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (t.bytes.length !== size * storageBytes(t.storage)) {
      throw new FacetsError('E_BAD_WEIGHTS', `encodeWeights: tensor '${t.name}' has ${t.bytes.length} bytes, shape [${t.shape.join(',')}] of ${t.storage} needs ${size * storageBytes(t.storage)}`);
    }
    const entry: TensorEntry = { name: t.name, shape: t.shape.slice(), dtype: t.dtype, storage: t.storage, byteOffset: offset, byteLength: t.bytes.length };
    if (t.quantization) entry.quantization = { min: t.quantization.min, scale: t.quantization.scale };
    entries.push(entry);
    offset += Math.ceil(t.bytes.length / 4) * 4;
  }
  const binary = new Uint8Array(offset);
  tensors.forEach((t, i) => binary.set(t.bytes, entries[i].byteOffset));
  const header: WeightsHeader = {
    format: WEIGHTS_FORMAT,
    version: WEIGHTS_VERSION,
    name: meta.name,
    license: meta.license,
    source: { package: meta.source.package, version: meta.source.version, files: meta.source.files.map((f) => ({ path: f.path, sha256: f.sha256 })) },
    binary: { file: meta.binaryFile, byteLength: binary.length, sha256: sha256Hex(binary) },
    tensors: entries,
  };
  return { header, json: headerToJson(header), binary };
}

/** Stable JSON text: header fields indented, one tensor per line so diffs stay readable. */
export function headerToJson(h: WeightsHeader): string {
  const { tensors, ...rest } = h;
  const head = JSON.stringify(rest, null, 2);
  const lines = tensors.map((t) => '    ' + JSON.stringify(t));
  return `${head.slice(0, -2)},\n  "tensors": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
