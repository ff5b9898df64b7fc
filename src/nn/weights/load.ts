/**
 * Loads a facets weights file pair (header + binary) into typed arrays, verifying sizes and the
 * sha256 first. Pure: no I/O, no Node built-ins, so it runs in any JS runtime.
 */
import { FacetsError } from '../../core/errors.js';
import { parseWeightsHeader, type TensorEntry, type WeightsHeader } from './format.js';
import { sha256Hex } from './sha256.js';

/** One loaded tensor, row-major in the TF.js layout of the source (HWIO filters, [in, out] FC). */
export interface WeightTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  data: Float32Array | Int32Array;
}

/** Tensors by name, in header order. */
export type WeightMap = Map<string, WeightTensor>;

/**
 * Decodes one tensor exactly as tfjs-core 4.22 `io_utils.decodeWeight` does: for uint8 storage
 * the value `q * scale + min` is computed in double precision and then rounded once to float32
 * (stored into a Float32Array); int32 tensors use Math.round of the same expression.
 * requires: entry validated by parseWeightsHeader against `binary`.
 */
export function decodeTensor(entry: TensorEntry, binary: Uint8Array): WeightTensor {
  const size = entry.shape.reduce((a, b) => a * b, 1);
  const view = new DataView(binary.buffer, binary.byteOffset + entry.byteOffset, entry.byteLength);
  let data: Float32Array | Int32Array;
  if (entry.storage === 'uint8') {
    const q = binary.subarray(entry.byteOffset, entry.byteOffset + size);
    const { scale, min } = entry.quantization as { scale: number; min: number };
    if (entry.dtype === 'float32') {
      data = new Float32Array(size);
      for (let i = 0; i < size; i++) data[i] = q[i] * scale + min;
    } else {
      data = new Int32Array(size);
      for (let i = 0; i < size; i++) data[i] = Math.round(q[i] * scale + min);
    }
  } else if (entry.storage === 'float32') {
    data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = view.getFloat32(4 * i, true);
  } else {
    data = new Int32Array(size);
    for (let i = 0; i < size; i++) data[i] = view.getInt32(4 * i, true);
  }
  return { name: entry.name, shape: entry.shape.slice(), dtype: entry.dtype, data };
}

/**
 * Verifies and decodes a weights file pair.
 * requires: `header` is the parsed JSON of `<model>.json`, `binary` the bytes of its `.bin`.
 * ensures: every tensor of the header is in the map; throws `E_BAD_WEIGHTS` when the header is
 * malformed or of an unknown version, the binary length differs (truncated / padded) or its
 * sha256 differs from the header's.
 */
export function loadWeights(header: unknown, binary: Uint8Array): WeightMap {
  const h: WeightsHeader = parseWeightsHeader(header);
  if (!(binary instanceof Uint8Array)) {
    throw new FacetsError('E_BAD_WEIGHTS', `loadWeights: binary for '${h.name}' must be a Uint8Array`);
  }
  if (binary.length !== h.binary.byteLength) {
    throw new FacetsError('E_BAD_WEIGHTS', `loadWeights: '${h.binary.file}' has ${binary.length} bytes, header says ${h.binary.byteLength} (truncated or wrong file)`);
  }
  const digest = sha256Hex(binary);
  if (digest !== h.binary.sha256) {
    throw new FacetsError('E_BAD_WEIGHTS', `loadWeights: sha256 of '${h.binary.file}' is ${digest}, header says ${h.binary.sha256} (corrupt or mismatched file)`);
  }
  const map: WeightMap = new Map();
  for (const entry of h.tensors) map.set(entry.name, decodeTensor(entry, binary));
  return map;
}

/**
 * The tensor `name` with exactly `shape`; what model builders use to pick their parameters.
 * ensures: throws `E_BAD_WEIGHTS` naming the tensor if it is missing or has another shape.
 */
export function takeWeight(map: WeightMap, name: string, shape: readonly number[]): WeightTensor {
  const t = map.get(name);
  if (!t) throw new FacetsError('E_BAD_WEIGHTS', `takeWeight: tensor '${name}' is missing from the weights`);
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new FacetsError('E_BAD_WEIGHTS', `takeWeight: tensor '${name}' has shape [${t.shape.join(',')}], the model needs [${shape.join(',')}]`);
  }
  return t;
}
