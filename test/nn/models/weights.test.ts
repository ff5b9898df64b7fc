import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { sha256Hex } from '../../../src/nn/weights/sha256.js';
import { encodeWeights, type StoredTensor } from '../../../src/nn/weights/encode.js';
import { loadWeights, takeWeight } from '../../../src/nn/weights/load.js';
import { parseWeightsHeader, WEIGHTS_VERSION } from '../../../src/nn/weights/format.js';
import { convertTfjsModel, tfjsShardPaths } from '../../../src/nn/weights/from-tfjs.js';
import { MODEL_SPECS } from '../../../src/nn/models/specs.js';
import { isFacetsError } from '../../../src/core/errors.js';

const ROOT = path.resolve(__dirname, '../../..');
const PKG_DIR = path.join(ROOT, 'node_modules/@vladmandic/face-api');
const readBytes = (p: string) => new Uint8Array(readFileSync(p));

function expectCode(fn: () => unknown, code: string, msg?: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(isFacetsError(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    if (msg) expect((e as Error).message).toMatch(msg);
    return;
  }
  throw new Error(`expected a FacetsError ${code}`);
}

const META = { name: 'toy', license: 'MIT', source: { package: 'p', version: '1', files: [] }, binaryFile: 'toy.bin' };

function toyTensors(): StoredTensor[] {
  const f = new Float32Array([1.5, -2.25, 3e-8]);
  return [
    { name: 'q', shape: [2, 3], dtype: 'float32', storage: 'uint8', quantization: { min: -1.1, scale: 0.01 }, bytes: Uint8Array.from([0, 1, 2, 127, 254, 255]) },
    { name: 'f', shape: [3], dtype: 'float32', storage: 'float32', bytes: new Uint8Array(f.buffer) },
  ];
}

describe('sha256Hex', () => {
  it('equals node:crypto on random byte strings (seeded, lengths 0..300)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('equals node:crypto on a subarray view and on the FIPS 180-2 "abc" vector', () => {
    const big = new Uint8Array(1000).map((_, i) => i * 7);
    const view = big.subarray(13, 977);
    expect(sha256Hex(view)).toBe(createHash('sha256').update(view).digest('hex'));
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('encodeWeights / loadWeights', () => {
  it('round-trips random float32 and uint8-quantised tensors (seeded)', () => {
    const tensorArb = fc.record({
      shape: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 4 }),
      quantized: fc.boolean(),
      min: fc.double({ min: -3, max: 0, noNaN: true }),
      scale: fc.double({ min: 1e-6, max: 0.05, noNaN: true }),
      seed: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(tensorArb, { minLength: 0, maxLength: 6 }), (specs) => {
        const stored: StoredTensor[] = specs.map((s, i) => {
          const n = s.shape.reduce((a, b) => a * b, 1);
          if (s.quantized) {
            const bytes = Uint8Array.from({ length: n }, (_, k) => (k * 37 + s.seed) & 255);
            return { name: `t${i}`, shape: s.shape, dtype: 'float32', storage: 'uint8', quantization: { min: s.min, scale: s.scale }, bytes };
          }
          const f = Float32Array.from({ length: n }, (_, k) => Math.sin(k + s.seed) * 10);
          return { name: `t${i}`, shape: s.shape, dtype: 'float32', storage: 'float32', bytes: new Uint8Array(f.buffer) };
        });
        const { json, binary } = encodeWeights(META, stored);
        const map = loadWeights(JSON.parse(json), binary);
        expect([...map.keys()]).toEqual(stored.map((t) => t.name));
        stored.forEach((t) => {
          const got = map.get(t.name)!;
          expect(got.shape).toEqual(t.shape);
          const want = t.storage === 'uint8'
            ? Float32Array.from(t.bytes, (q) => q * t.quantization!.scale + t.quantization!.min)
            : new Float32Array(t.bytes.slice().buffer);
          expect(Array.from(got.data)).toEqual(Array.from(want));
        });
        // deterministic: encoding again gives identical bytes
        const again = encodeWeights(META, stored);
        expect(again.json).toBe(json);
        expect(sha256Hex(again.binary)).toBe(sha256Hex(binary));
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('rejects a binary whose sha256 differs (one flipped byte) with E_BAD_WEIGHTS', () => {
    const { json, binary } = encodeWeights(META, toyTensors());
    const bad = binary.slice();
    bad[3] ^= 1;
    expectCode(() => loadWeights(JSON.parse(json), bad), 'E_BAD_WEIGHTS', /sha256/);
  });

  it('rejects a truncated or padded binary with E_BAD_WEIGHTS', () => {
    const { json, binary } = encodeWeights(META, toyTensors());
    expectCode(() => loadWeights(JSON.parse(json), binary.subarray(0, binary.length - 1)), 'E_BAD_WEIGHTS', /truncated/);
    const longer = new Uint8Array(binary.length + 4);
    longer.set(binary);
    expectCode(() => loadWeights(JSON.parse(json), longer), 'E_BAD_WEIGHTS');
  });

  it('rejects a header whose tensor shape does not match its byte range with E_BAD_WEIGHTS', () => {
    const { json, binary } = encodeWeights(META, toyTensors());
    const h = JSON.parse(json);
    h.tensors[0].shape = [3, 3];
    expectCode(() => loadWeights(h, binary), 'E_BAD_WEIGHTS', /byteLength 6 does not match shape \[3,3\]/);
    const h2 = JSON.parse(json);
    h2.tensors[1].byteOffset = binary.length;
    expectCode(() => loadWeights(h2, binary), 'E_BAD_WEIGHTS', /run past/);
  });

  it('takeWeight rejects a missing tensor or a tensor of another shape with E_BAD_WEIGHTS', () => {
    const { json, binary } = encodeWeights(META, toyTensors());
    const map = loadWeights(JSON.parse(json), binary);
    expect(takeWeight(map, 'q', [2, 3]).data.length).toBe(6);
    expectCode(() => takeWeight(map, 'q', [3, 2]), 'E_BAD_WEIGHTS', /has shape \[2,3\], the model needs \[3,2\]/);
    expectCode(() => takeWeight(map, 'nope', [1]), 'E_BAD_WEIGHTS', /missing/);
  });

  it('rejects unknown format versions and malformed headers with E_BAD_WEIGHTS', () => {
    const { json, binary } = encodeWeights(META, toyTensors());
    const h = JSON.parse(json);
    h.version = WEIGHTS_VERSION + 1;
    expectCode(() => loadWeights(h, binary), 'E_BAD_WEIGHTS', /unsupported version 2/);
    expectCode(() => loadWeights({ ...JSON.parse(json), format: 'other' }, binary), 'E_BAD_WEIGHTS', /format/);
    expectCode(() => parseWeightsHeader(null), 'E_BAD_WEIGHTS');
    expectCode(() => parseWeightsHeader([1, 2]), 'E_BAD_WEIGHTS');
    const q = JSON.parse(json);
    delete q.tensors[0].quantization;
    expectCode(() => loadWeights(q, binary), 'E_BAD_WEIGHTS', /quantization/);
    const dup = JSON.parse(json);
    dup.tensors[1].name = 'q';
    expectCode(() => loadWeights(dup, binary), 'E_BAD_WEIGHTS', /twice/);
    const huge = JSON.parse(json);
    huge.tensors[0].shape = [1 << 20, 1 << 20];
    expectCode(() => loadWeights(huge, binary), 'E_BAD_WEIGHTS', /exceed/);
  });
});

describe('weights/ (converted face-api.js nets)', () => {
  for (const spec of MODEL_SPECS) {
    it(`${spec.name}: scripts/convert-weights.ts output is reproduced byte for byte from the package`, () => {
      const pkg = JSON.parse(readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8'));
      const rel = `model/${spec.source}-weights_manifest.json`;
      const manifest = { path: rel, bytes: readBytes(path.join(PKG_DIR, rel)) };
      const shards = tfjsShardPaths(JSON.parse(new TextDecoder().decode(manifest.bytes)))
        .map((ps) => ps.map((p) => ({ path: `model/${p}`, bytes: readBytes(path.join(PKG_DIR, 'model', p)) })));
      const { json, binary } = convertTfjsModel({ name: spec.name, package: '@vladmandic/face-api', version: pkg.version, license: pkg.license, manifest, shards });
      expect(json).toBe(readFileSync(path.join(ROOT, 'weights', `${spec.name}.json`), 'utf8'));
      expect(sha256Hex(binary)).toBe(sha256Hex(readBytes(path.join(ROOT, 'weights', `${spec.name}.bin`))));
    });

    it(`${spec.name}: loadWeights dequantises bit-exactly like TF.js 4.22 io.decodeWeights`, async () => {
      const header = JSON.parse(readFileSync(path.join(ROOT, 'weights', `${spec.name}.json`), 'utf8'));
      const map = loadWeights(header, readBytes(path.join(ROOT, 'weights', `${spec.name}.bin`)));
      const groups = JSON.parse(readFileSync(path.join(PKG_DIR, 'model', `${spec.source}-weights_manifest.json`), 'utf8'));
      const buf = readFileSync(path.join(PKG_DIR, 'model', groups[0].paths[0]));
      const ref = tf.io.decodeWeights(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length), groups[0].weights);
      expect(map.size).toBe(Object.keys(ref).length);
      for (const [name, t] of map) {
        const r = ref[name];
        expect(t.shape).toEqual(r.shape);
        const want = r.dataSync();
        // bit-exact: compare as raw integer patterns
        const a = new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length);
        const b = new Uint32Array(want.buffer, want.byteOffset, want.length);
        expect(a.length).toBe(b.length);
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) throw new Error(`${name}[${i}]: ${t.data[i]} != ${want[i]}`);
      }
      tf.dispose(Object.values(ref));
    });
  }

  it('manifest.json lists every model with its binary sha256', () => {
    const m = JSON.parse(readFileSync(path.join(ROOT, 'weights', 'manifest.json'), 'utf8'));
    expect(m.models.map((x: { name: string }) => x.name)).toEqual(MODEL_SPECS.map((s) => s.name));
    for (const entry of m.models) {
      expect(entry.sha256).toBe(sha256Hex(readBytes(path.join(ROOT, 'weights', entry.binary))));
      expect(entry.source).toMatchObject({ package: '@vladmandic/face-api', version: '1.7.15' });
      expect(entry.license).toBe('MIT');
    }
  });
});
