/**
 * Turns the `weightsManifest` of a TF.js graph model plus its shard bytes into facets stored
 * tensors (weights/encode.ts). TF.js quantisations (tfjs-core io/types.ts `quantization`):
 * - uint8: kept as uint8 codes with {min, scale}; the facets loader decodes q * scale + min
 *   exactly as tfjs-core `decodeWeight` does.
 * - uint16: the facets format stores only uint8 codes, so values are decoded here to float32
 *   with the same expression (double precision, rounded once to float32): identical values.
 * - float16: decoded to float32 (lossless; every half is a float). This doubles the stored size;
 *   a native float16 storage in the weights format would halve it again.
 */
import { FacetsError } from '../../core/errors.js';
import type { StoredTensor } from '../weights/encode.js';
import { WEIGHTS_LIMITS } from '../weights/format.js';
import { decodeHalves } from './half.js';

function bad(message: string): never {
  throw new FacetsError('E_BAD_WEIGHTS', `graphWeightsToStored: ${message}`);
}

interface RawWeight {
  name?: unknown;
  shape?: unknown;
  dtype?: unknown;
  quantization?: { dtype?: unknown; min?: unknown; scale?: unknown };
}

function floatBytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return out;
}

/** One manifest weight from `data` at `offset`; returns the tensor and the bytes consumed. */
function decodeOne(w: RawWeight, data: Uint8Array, offset: number, gi: number): { t: StoredTensor; used: number } {
  if (typeof w.name !== 'string' || w.name.length === 0 || w.name.length > WEIGHTS_LIMITS.maxStringLength) bad(`group ${gi}: a weight has no valid name`);
  const name = w.name;
  if (!Array.isArray(w.shape) || w.shape.length > WEIGHTS_LIMITS.maxRank || !w.shape.every((d) => Number.isInteger(d) && d >= 0 && d <= WEIGHTS_LIMITS.maxElements)) bad(`'${name}': bad shape ${JSON.stringify(w.shape)}`);
  const shape = (w.shape as number[]).slice();
  const size = shape.reduce((a, b) => a * b, 1);
  if (size > WEIGHTS_LIMITS.maxElements) bad(`'${name}': ${size} elements exceed the limit ${WEIGHTS_LIMITS.maxElements}`);
  if (w.dtype !== 'float32' && w.dtype !== 'int32') bad(`'${name}': dtype ${String(w.dtype)} is not float32 or int32`);
  const dtype = w.dtype;
  const q = w.quantization;
  const qd = q?.dtype;
  if (q !== undefined && qd !== 'uint8' && qd !== 'uint16' && qd !== 'float16') bad(`'${name}': unknown quantization dtype ${String(qd)}`);
  if ((qd === 'uint8' || qd === 'uint16') && (typeof q?.min !== 'number' || typeof q?.scale !== 'number' || !Number.isFinite(q.min) || !Number.isFinite(q.scale))) {
    bad(`'${name}': ${qd} quantization needs finite min and scale`);
  }
  if (qd === 'float16' && dtype !== 'float32') bad(`'${name}': float16 quantization of ${dtype} is not defined`);
  const width = qd === 'uint8' ? 1 : qd === 'uint16' || qd === 'float16' ? 2 : 4;
  const used = size * width;
  if (offset + used > data.length) bad(`'${name}': bytes ${offset}..${offset + used} run past the data (${data.length} bytes)`);
  const raw = data.subarray(offset, offset + used);
  if (qd === 'uint8') {
    return { t: { name, shape, dtype, storage: 'uint8', quantization: { min: q!.min as number, scale: q!.scale as number }, bytes: raw.slice() }, used };
  }
  if (qd === 'uint16') {
    const min = q!.min as number, scale = q!.scale as number;
    const code = (i: number): number => raw[2 * i] | (raw[2 * i + 1] << 8);
    if (dtype === 'int32') {
      const bytes = new Uint8Array(size * 4);
      const view = new DataView(bytes.buffer);
      for (let i = 0; i < size; i++) view.setInt32(4 * i, Math.round(code(i) * scale + min), true);
      return { t: { name, shape, dtype, storage: 'int32', bytes }, used };
    }
    const vals = new Float32Array(size);
    for (let i = 0; i < size; i++) vals[i] = code(i) * scale + min;
    return { t: { name, shape, dtype, storage: 'float32', bytes: floatBytes(vals) }, used };
  }
  if (qd === 'float16') return { t: { name, shape, dtype, storage: 'float32', bytes: floatBytes(decodeHalves(raw, size)) }, used };
  return { t: { name, shape, dtype, storage: dtype, bytes: raw.slice() }, used };
}

/**
 * requires: `groupBytes[i]` = the shards of manifest group i concatenated in `paths` order.
 * ensures: one StoredTensor per manifest weight, in manifest order, with the values TF.js would
 * decode; throws E_BAD_WEIGHTS on unknown quantisation, ranges past the data or trailing bytes.
 */
export function graphWeightsToStored(manifest: unknown, groupBytes: readonly Uint8Array[]): StoredTensor[] {
  if (!Array.isArray(manifest) || manifest.length > 64) bad('weightsManifest must be an array of at most 64 groups');
  if (manifest.length !== groupBytes.length) bad(`${manifest.length} groups but ${groupBytes.length} byte buffers`);
  const out: StoredTensor[] = [];
  manifest.forEach((g: unknown, gi) => {
    const weights = (g as { weights?: unknown }).weights;
    if (!Array.isArray(weights) || weights.length > WEIGHTS_LIMITS.maxTensors) bad(`group ${gi}: weights must be an array of at most ${WEIGHTS_LIMITS.maxTensors}`);
    const data = groupBytes[gi];
    let offset = 0;
    for (const w of weights) {
      const { t, used } = decodeOne(w as RawWeight, data, offset, gi);
      out.push(t);
      offset += used;
    }
    if (offset !== data.length) bad(`group ${gi}: ${data.length - offset} trailing bytes after the last weight`);
  });
  return out;
}
