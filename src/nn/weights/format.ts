/**
 * facets weights format, version 1: one JSON header + one little-endian binary per model.
 *
 * The header names every tensor with its shape, its logical dtype, how it is stored
 * (`uint8` quantised exactly as in the TF.js source manifest, or raw `float32`/`int32`), its
 * byte range in the binary, and the provenance (source package, version, file hashes, licence)
 * plus the sha256 of the binary. Tensors are 4-byte aligned so a reader may view them in place.
 */
import { FacetsError } from '../../core/errors.js';

export const WEIGHTS_FORMAT = 'facets-weights';
export const WEIGHTS_VERSION = 1;

/** Parser limits: a header outside them is rejected before any allocation. */
export const WEIGHTS_LIMITS = {
  maxTensors: 4096,
  maxRank: 6,
  maxElements: 1 << 26,
  maxBinaryBytes: 256 * 1024 * 1024,
  maxStringLength: 512,
} as const;

export type WeightDtype = 'float32' | 'int32';
export type WeightStorage = 'uint8' | 'float32' | 'int32';

/** TF.js affine uint8 quantisation: value = q * scale + min (tfjs-core io_utils decodeWeight). */
export interface Quantization {
  min: number;
  scale: number;
}

export interface TensorEntry {
  name: string;
  shape: number[];
  dtype: WeightDtype;
  storage: WeightStorage;
  quantization?: Quantization;
  byteOffset: number;
  byteLength: number;
}

export interface SourceFile {
  path: string;
  sha256: string;
}

export interface WeightsHeader {
  format: typeof WEIGHTS_FORMAT;
  version: typeof WEIGHTS_VERSION;
  name: string;
  license: string;
  source: { package: string; version: string; files: SourceFile[] };
  binary: { file: string; byteLength: number; sha256: string };
  tensors: TensorEntry[];
}

/** Bytes per stored element. */
export function storageBytes(storage: WeightStorage): number {
  return storage === 'uint8' ? 1 : 4;
}

function bad(message: string): never {
  throw new FacetsError('E_BAD_WEIGHTS', `parseWeightsHeader: ${message}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length > WEIGHTS_LIMITS.maxStringLength) bad(`${what} must be a string of at most ${WEIGHTS_LIMITS.maxStringLength} characters, got ${JSON.stringify(v)?.slice(0, 80)}`);
  return v;
}

function uint(v: unknown, what: string, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) bad(`${what} must be an integer in 0..${max}, got ${String(v)}`);
  return v;
}

function hex64(v: unknown, what: string): string {
  const s = str(v, what);
  if (!/^[0-9a-f]{64}$/.test(s)) bad(`${what} must be 64 lowercase hex digits, got ${JSON.stringify(s)}`);
  return s;
}

function parseTensor(v: unknown, i: number, binaryBytes: number): TensorEntry {
  if (!isRecord(v)) bad(`tensors[${i}] must be an object`);
  const name = str(v.name, `tensors[${i}].name`);
  const where = `tensor '${name}'`;
  if (!Array.isArray(v.shape) || v.shape.length > WEIGHTS_LIMITS.maxRank) bad(`${where}: shape must be an array of rank <= ${WEIGHTS_LIMITS.maxRank}`);
  const shape = v.shape.map((d, k) => uint(d, `${where} shape[${k}]`, WEIGHTS_LIMITS.maxElements));
  const size = shape.reduce((a, b) => a * b, 1);
  if (size > WEIGHTS_LIMITS.maxElements) bad(`${where}: ${size} elements exceed the limit ${WEIGHTS_LIMITS.maxElements}`);
  if (v.dtype !== 'float32' && v.dtype !== 'int32') bad(`${where}: dtype must be float32 or int32, got ${String(v.dtype)}`);
  if (v.storage !== 'uint8' && v.storage !== 'float32' && v.storage !== 'int32') bad(`${where}: storage must be uint8, float32 or int32, got ${String(v.storage)}`);
  const storage: WeightStorage = v.storage;
  if (storage !== 'uint8' && storage !== v.dtype) bad(`${where}: unquantised storage ${storage} must equal dtype ${v.dtype}`);
  let quantization: Quantization | undefined;
  if (storage === 'uint8') {
    const q = v.quantization;
    if (!isRecord(q) || typeof q.min !== 'number' || typeof q.scale !== 'number' || !Number.isFinite(q.min) || !Number.isFinite(q.scale)) {
      bad(`${where}: uint8 storage needs quantization {min, scale} as finite numbers`);
    }
    quantization = { min: q.min, scale: q.scale };
  } else if (v.quantization !== undefined) {
    bad(`${where}: quantization given for unquantised storage ${storage}`);
  }
  const byteOffset = uint(v.byteOffset, `${where} byteOffset`, binaryBytes);
  const byteLength = uint(v.byteLength, `${where} byteLength`, binaryBytes);
  if (byteLength !== size * storageBytes(storage)) bad(`${where}: byteLength ${byteLength} does not match shape [${shape.join(',')}] of ${storage} (${size * storageBytes(storage)} bytes)`);
  if (byteOffset + byteLength > binaryBytes) bad(`${where}: bytes ${byteOffset}..${byteOffset + byteLength} run past the binary (${binaryBytes} bytes)`);
  if (byteOffset % 4 !== 0) bad(`${where}: byteOffset ${byteOffset} is not 4-byte aligned`);
  const entry: TensorEntry = { name, shape, dtype: v.dtype, storage, byteOffset, byteLength };
  if (quantization) entry.quantization = quantization;
  return entry;
}

/**
 * Validates a parsed header object.
 * requires: nothing (any JSON value).
 * ensures: returns a header whose every tensor range lies inside `binary.byteLength`, or throws
 * `E_BAD_WEIGHTS` naming the bad field; unknown `format`/`version` are rejected.
 */
export function parseWeightsHeader(json: unknown): WeightsHeader {
  if (!isRecord(json)) bad('header must be a JSON object');
  if (json.format !== WEIGHTS_FORMAT) bad(`format must be '${WEIGHTS_FORMAT}', got ${JSON.stringify(json.format)}`);
  if (json.version !== WEIGHTS_VERSION) bad(`unsupported version ${JSON.stringify(json.version)}; this build reads version ${WEIGHTS_VERSION}`);
  const name = str(json.name, 'name');
  const license = str(json.license, 'license');
  const src = json.source;
  if (!isRecord(src) || !Array.isArray(src.files)) bad('source must be {package, version, files[]}');
  const files = src.files.slice(0, 16).map((f, i) => {
    if (!isRecord(f)) bad(`source.files[${i}] must be an object`);
    return { path: str(f.path, `source.files[${i}].path`), sha256: hex64(f.sha256, `source.files[${i}].sha256`) };
  });
  const source = { package: str(src.package, 'source.package'), version: str(src.version, 'source.version'), files };
  const bin = json.binary;
  if (!isRecord(bin)) bad('binary must be {file, byteLength, sha256}');
  const binary = {
    file: str(bin.file, 'binary.file'),
    byteLength: uint(bin.byteLength, 'binary.byteLength', WEIGHTS_LIMITS.maxBinaryBytes),
    sha256: hex64(bin.sha256, 'binary.sha256'),
  };
  if (!Array.isArray(json.tensors) || json.tensors.length > WEIGHTS_LIMITS.maxTensors) bad(`tensors must be an array of at most ${WEIGHTS_LIMITS.maxTensors} entries`);
  const tensors = json.tensors.map((t, i) => parseTensor(t, i, binary.byteLength));
  const seen = new Set<string>();
  for (const t of tensors) {
    if (seen.has(t.name)) bad(`tensor name '${t.name}' appears twice`);
    seen.add(t.name);
  }
  return { format: WEIGHTS_FORMAT, version: WEIGHTS_VERSION, name, license, source, binary, tensors };
}
