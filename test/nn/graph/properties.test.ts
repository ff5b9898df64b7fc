import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../../src/nn/ops/index.js';
import { setBackend } from '../../../src/nn/backend.js';
import { graphFromTfjs } from '../../../src/nn/graph/from-tfjs.js';
import { decodeHalves, halfToFloat } from '../../../src/nn/graph/half.js';
import { loadGraphModel } from '../../../src/nn/graph/model.js';
import { graphWeightsToStored } from '../../../src/nn/graph/tfjs-weights.js';
import { humanNetInput } from '../../../src/nn/human/preprocess.js';
import { add, conv2d, depthwiseConv2d, relu } from '../../../src/nn/ops/index.js';
import { tensor } from '../../../src/nn/tensor.js';
import { encodeWeights } from '../../../src/nn/weights/encode.js';
import { loadWeights } from '../../../src/nn/weights/load.js';
import type { Image } from '../../../src/image/image.js';
import { weightMap } from './tiny-graph.js';

/** Independent binary16 decoder: rebuild the float32 bit pattern (normal/inf/nan), scale subnormals. */
function halfByBits(h: number): number {
  const s = (h >> 15) & 1, e = (h >> 10) & 0x1f, f = h & 0x3ff;
  if (e === 0) return (s ? -1 : 1) * (f / 1024) / 16384;
  const bits = new Uint32Array(1);
  bits[0] = (s << 31) | ((e === 31 ? 255 : e - 15 + 127) << 23) | (f << 13);
  return new Float32Array(bits.buffer)[0];
}

describe('halfToFloat', () => {
  it('equals the bit-level float32 reconstruction for all 65,536 halves (exact)', () => {
    for (let h = 0; h < 65536; h++) {
      const a = halfToFloat(h), b = halfByBits(h);
      if (!(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)))) throw new Error(`half ${h}: ${a} vs ${b}`);
    }
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x7bff)).toBe(65504);
  });
});

describe('graphWeightsToStored', () => {
  const manifest = (dtype: string | undefined, n: number, min = -1, scale = 0.01) => [{ paths: ['a.bin'], weights: [{ name: 't', shape: [n], dtype: 'float32', ...(dtype ? { quantization: { dtype, min, scale } } : {}) }] }];
  const decode = (m: unknown, bytes: Uint8Array) => {
    const { json, binary } = encodeWeights({ name: 'q', license: 'MIT', source: { package: 'p', version: '0', files: [] }, binaryFile: 'q.bin' }, graphWeightsToStored(m, [bytes]));
    return loadWeights(JSON.parse(json), binary).get('t')!.data;
  };
  it('decodes uint8 and uint16 codes as q * scale + min rounded once to float32 (exact, seeded)', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: 1e-4, max: 0.1, noNaN: true }), (codes, min, scale) => {
      const u8 = decode(manifest('uint8', codes.length, min, scale), codes);
      codes.forEach((q, i) => expect(u8[i]).toBe(Math.fround(q * scale + min)));
      const even = codes.length % 2 === 0 ? codes : codes.subarray(0, codes.length - 1);
      if (even.length === 0) return;
      const u16 = decode(manifest('uint16', even.length / 2, min, scale), even);
      for (let i = 0; i < even.length / 2; i++) expect(u16[i]).toBe(Math.fround((even[2 * i] | (even[2 * i + 1] << 8)) * scale + min));
    }), { seed: 42, numRuns: 100 });
  });
  it('decodes float16 and float32 exactly (seeded)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0x7bff }), { minLength: 1, maxLength: 20 }), (halves) => {
      const bytes = new Uint8Array(new Uint16Array(halves).buffer);
      expect(Array.from(decode(manifest('float16', halves.length), bytes))).toEqual(halves.map(halfToFloat));
      expect(Array.from(decodeHalves(bytes, halves.length))).toEqual(halves.map(halfToFloat));
      const f = Float32Array.from(halves.map(halfToFloat));
      expect(Array.from(decode(manifest(undefined, f.length), new Uint8Array(f.buffer)))).toEqual(Array.from(f));
    }), { seed: 42, numRuns: 100 });
  });
  it('rejects trailing bytes, short data and unknown quantisations with E_BAD_WEIGHTS', () => {
    expect(() => graphWeightsToStored(manifest(undefined, 2), [new Uint8Array(12)])).toThrow(/trailing/);
    expect(() => graphWeightsToStored(manifest(undefined, 2), [new Uint8Array(4)])).toThrow(/run past/);
    expect(() => graphWeightsToStored(manifest('int4', 2), [new Uint8Array(2)])).toThrow(/unknown quantization/);
  });
});

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('fused convolution nodes', () => {
  const geometry = fc.record({
    h: fc.integer({ min: 1, max: 7 }), w: fc.integer({ min: 1, max: 7 }), c: fc.integer({ min: 1, max: 3 }), out: fc.integer({ min: 1, max: 3 }),
    k: fc.integer({ min: 1, max: 3 }), stride: fc.integer({ min: 1, max: 2 }), dil: fc.integer({ min: 1, max: 2 }),
    pad: fc.constantFrom('SAME', 'VALID', 'EXPLICIT'), ex: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
    depthwise: fc.boolean(), seed: fc.integer(),
  });
  it('equal the unfused ops (conv, bias add, relu) through TF.js JSON conversion (1e-5 abs, reference backend)', () => {
    setBackend('reference');
    fc.assert(fc.property(geometry, (g) => {
      const stride = g.dil > 1 ? 1 : g.stride; // TF forbids stride > 1 with dilation > 1
      const span = (g.k - 1) * g.dil + 1;
      const [pt, pb, pl, pr] = g.pad === 'EXPLICIT' ? g.ex : [0, 0, 0, 0];
      if (g.pad !== 'SAME' && (g.h + pt + pb < span || g.w + pl + pr < span)) return;
      let s = g.seed;
      const r = (n: number) => Array.from({ length: n }, () => ((s = (Math.imul(s, 48271) + 11) | 0) % 1000) / 1000);
      const outC = g.depthwise ? g.c : g.out;
      const fshape = [g.k, g.k, g.c, g.depthwise ? 1 : g.out];
      const filter = tensor(r(fshape.reduce((a, b) => a * b)), fshape), bias = tensor(r(outC), [outC]);
      const x = tensor(r(g.h * g.w * g.c), [1, g.h, g.w, g.c]);
      const list = (a: number, b: number) => ({ list: { i: ['1', String(a), String(b), '1'] } });
      const tf = { modelTopology: { node: [
        { name: 'x', op: 'Placeholder', attr: { shape: { shape: { dim: [-1, g.h, g.w, g.c].map((d) => ({ size: String(d) })) } } } },
        { name: 'f', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { tensorShape: { dim: fshape.map((d) => ({ size: String(d) })) } } } } },
        { name: 'b', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { tensorShape: { dim: [{ size: String(outC) }] } } } } },
        { name: 'y', op: g.depthwise ? 'FusedDepthwiseConv2dNative' : '_FusedConv2D', input: ['x', 'f', 'b'], attr: {
          strides: list(stride, stride), dilations: list(g.dil, g.dil), padding: { s: b64(g.pad) }, data_format: { s: b64('NHWC') },
          explicit_paddings: { list: { i: ['0', '0', pt, pb, pl, pr, '0', '0'].map(String) } },
          fused_ops: { list: { s: [b64('BiasAdd'), b64('Relu')] } }, num_args: { i: '1' } } },
      ] } };
      const model = loadGraphModel(graphFromTfjs('p', tf), weightMap([{ name: 'f', shape: fshape, data: Array.from(filter.data) }, { name: 'b', shape: [outC], data: Array.from(bias.data) }]));
      const pad = g.pad === 'EXPLICIT' ? { top: pt, bottom: pb, left: pl, right: pr } : g.pad === 'SAME' ? 'same' as const : 'valid' as const;
      const op = g.depthwise ? depthwiseConv2d : conv2d;
      const want = relu(add(op(x, filter, { strides: stride, dilations: g.dil, pad }), bias));
      const got = model.run(x).outputs.y;
      expect(got.shape).toEqual(want.shape);
      got.data.forEach((v, i) => expect(Math.abs(v - want.data[i])).toBeLessThan(1e-5));
    }), { seed: 42, numRuns: 60 });
  });
});

describe('graphFromTfjs', () => {
  it('gives the same description whatever the order of the TF.js nodes (seeded shuffles)', () => {
    const nodes = [
      { name: 'x', op: 'Placeholder', attr: { shape: { shape: { dim: [{ size: '-1' }, { size: '2' }] } } } },
      { name: 'k', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { tensorShape: { dim: [{ size: '2' }] } } } } },
      { name: 'a', op: 'Mul', input: ['x', 'k'] },
      { name: 'b', op: 'Relu', input: ['a'] },
      { name: 'c', op: 'AddV2', input: ['b', '^a', 'x:0'] },
      { name: 'unused', op: 'Tanh', input: ['x'] },
    ];
    const base = graphFromTfjs('s', { modelTopology: { node: nodes }, signature: { outputs: { 'c:0': { name: 'c:0' } } } });
    expect(base.nodes.map((n) => n.name)).toEqual(['x', 'k', 'a', 'b', 'c']);
    expect(base.nodes[4].inputs).toEqual(['b', 'x']);
    fc.assert(fc.property(fc.shuffledSubarray(nodes, { minLength: nodes.length, maxLength: nodes.length }), (shuffled) => {
      const g = graphFromTfjs('s', { modelTopology: { node: shuffled }, signature: { outputs: { 'c:0': { name: 'c:0' } } } });
      const pos = new Map(g.nodes.map((n, i) => [n.name, i]));
      for (const n of g.nodes) for (const i of n.inputs) expect(pos.get(i)!).toBeLessThan(pos.get(n.name)!);
      expect(new Set(g.nodes.map((n) => n.name))).toEqual(new Set(base.nodes.map((n) => n.name)));
    }), { seed: 42, numRuns: 50 });
  });
});

describe('humanNetInput', () => {
  const image = fc.record({ w: fc.integer({ min: 1, max: 9 }), h: fc.integer({ min: 1, max: 9 }), ch: fc.constantFrom(1, 3, 4) }).chain(({ w, h, ch }) =>
    fc.uint8Array({ minLength: w * h * ch, maxLength: w * h * ch }).map((d): Image => ({ width: w, height: h, channels: ch as 1 | 3 | 4, data: new Uint8ClampedArray(d) })));
  it('maps any image to the net input range and shape, grey equal to its RGB copy (seeded)', () => {
    setBackend('cpu');
    fc.assert(fc.property(image, fc.integer({ min: 1, max: 8 }), (img, size) => {
      const g = humanNetInput(img, size, 'gray-1', 't');
      expect(g.shape).toEqual([1, size, size, 1]);
      for (const v of g.data) expect(v >= -1.0001 && v <= 1.0001).toBe(true);
      const c = humanNetInput(img, size, 'rgb01', 't');
      expect(c.shape).toEqual([1, size, size, 3]);
      for (const v of c.data) expect(v >= 0 && v <= 1.0001).toBe(true);
      if (img.channels === 1) {
        const rgb: Image = { width: img.width, height: img.height, channels: 3, data: new Uint8ClampedArray(Array.from(img.data).flatMap((v) => [v, v, v])) };
        expect(Array.from(humanNetInput(rgb, size, 'rgb255', 't').data)).toEqual(Array.from(humanNetInput(img, size, 'rgb255', 't').data));
      }
    }), { seed: 42, numRuns: 100 });
  });
  it('keeps an image already at the input size unchanged for rgb255 (exact)', () => {
    const img: Image = { width: 2, height: 2, channels: 4, data: new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 0, 10, 11, 12, 9]) };
    expect(Array.from(humanNetInput(img, 2, 'rgb255', 't').data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(() => humanNetInput(tensor([1, 2], [1, 2]), 2, 'rgb255', 't')).toThrow(/RGB/);
  });
});
