/**
 * A small hand-made graph exercising most interpreter ops, with seeded weights, for error and
 * fuzz tests that must run many times quickly.
 */
import { encodeWeights, type StoredTensor } from '../../../src/nn/weights/encode.js';
import { loadWeights, type WeightMap } from '../../../src/nn/weights/load.js';

export interface RawTensor { name: string; shape: number[]; data: number[]; dtype?: 'float32' | 'int32' }

/** Weights as loadWeights returns them, built through the real encoder. */
export function weightMap(tensors: RawTensor[]): WeightMap {
  const stored: StoredTensor[] = tensors.map((t) => {
    const dtype = t.dtype ?? 'float32';
    const bytes = new Uint8Array(dtype === 'int32' ? new Int32Array(t.data).buffer : new Float32Array(t.data).buffer);
    return { name: t.name, shape: t.shape, dtype, storage: dtype, bytes };
  });
  const { json, binary } = encodeWeights({ name: 'tiny', license: 'MIT', source: { package: 'test', version: '0', files: [] }, binaryFile: 'tiny.bin' }, stored);
  return loadWeights(JSON.parse(json), binary);
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

const rnd = lcg(7);
const vals = (n: number): number[] => Array.from({ length: n }, () => Math.round(rnd() * 1000) / 1000);

export const TINY_TENSORS: RawTensor[] = [
  { name: 'w1', shape: [3, 3, 2, 4], data: vals(72) },
  { name: 'b1', shape: [4], data: vals(4) },
  { name: 'dw', shape: [3, 3, 4, 1], data: vals(36) },
  { name: 'axes', shape: [2], data: [1, 2], dtype: 'int32' },
  { name: 'fc', shape: [4, 3], data: vals(12) },
  { name: 'fcb', shape: [3], data: vals(3) },
  { name: 'begin', shape: [2], data: [0, 1], dtype: 'int32' },
  { name: 'end', shape: [2], data: [0, 3], dtype: 'int32' },
  { name: 'step', shape: [2], data: [1, 1], dtype: 'int32' },
  { name: 'half', shape: [], data: [0.5] },
  { name: 'shape', shape: [2], data: [-1, 2], dtype: 'int32' },
];

/** The graph description (plain JSON) of the tiny model: input [-1, 6, 6, 2]. */
export function tinyGraph(): Record<string, unknown> {
  const c = (name: string, shape: number[], dtype = 'float32') => ({ name, op: 'Const', inputs: [], attrs: { shape, dtype } });
  return {
    format: 'facets-graph',
    version: 1,
    name: 'tiny',
    inputs: [{ name: 'x', shape: [-1, 6, 6, 2] }],
    outputs: ['probs', 'slice', 'flat'],
    nodes: [
      { name: 'x', op: 'Placeholder', inputs: [], attrs: {} },
      c('w1', [3, 3, 2, 4]), c('b1', [4]), c('dw', [3, 3, 4, 1]), c('axes', [2], 'int32'), c('fc', [4, 3]), c('fcb', [3]),
      c('begin', [2], 'int32'), c('end', [2], 'int32'), c('step', [2], 'int32'), c('half', []), c('shape', [2], 'int32'),
      { name: 'conv', op: '_FusedConv2D', inputs: ['x', 'w1', 'b1'], attrs: { strides: [1, 1], padding: 'SAME', dilations: [1, 1], fusedOps: ['BiasAdd', 'Relu'] } },
      { name: 'dwc', op: 'DepthwiseConv2dNative', inputs: ['conv', 'dw'], attrs: { strides: [1, 1], padding: 'VALID', dilations: [1, 1] } },
      { name: 'pool', op: 'MaxPool', inputs: ['dwc'], attrs: { ksize: [2, 2], strides: [2, 2], padding: 'VALID' } },
      { name: 'gap', op: 'Mean', inputs: ['pool', 'axes'], attrs: { keepDims: false } },
      { name: 'scaled', op: 'Mul', inputs: ['gap', 'half'], attrs: {} },
      { name: 'logits', op: '_FusedMatMul', inputs: ['scaled', 'fc', 'fcb'], attrs: { transposeA: false, transposeB: false, fusedOps: ['BiasAdd'] } },
      { name: 'probs', op: 'Softmax', inputs: ['logits'], attrs: {} },
      { name: 'slice', op: 'StridedSlice', inputs: ['logits', 'begin', 'end', 'step'], attrs: { beginMask: 1, endMask: 1, shrinkAxisMask: 0 } },
      { name: 'flat', op: 'Reshape', inputs: ['gap', 'shape'], attrs: {} },
    ],
  };
}
