import { describe, expect, it } from 'vitest';
import '../../../src/nn/ops/index.js';
import { isFacetsError } from '../../../src/core/errors.js';
import { setBackend } from '../../../src/nn/backend.js';
import { graphFromTfjs } from '../../../src/nn/graph/from-tfjs.js';
import { loadGraphModel } from '../../../src/nn/graph/model.js';
import { readEmotion, readFaceres, readGender } from '../../../src/nn/human/decode.js';
import { loadHumanModel } from '../../../src/nn/human/load.js';
import { conv2d, matMul, maxPool, mean, depthwiseConv2d, mul, softmax } from '../../../src/nn/ops/index.js';
import { tensor, zeros, type Tensor } from '../../../src/nn/tensor.js';
import { TINY_TENSORS, tinyGraph, weightMap } from './tiny-graph.js';

const W = weightMap(TINY_TENSORS);

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isFacetsError(e) ? `${e.code}: ${e.message}` : `NOT A FacetsError: ${String(e)}`;
  }
  return 'no error';
}

async function codeAsync(f: () => Promise<unknown>): Promise<string> {
  try {
    await f();
  } catch (e) {
    return isFacetsError(e) ? `${e.code}: ${e.message}` : `NOT A FacetsError: ${String(e)}`;
  }
  return 'no error';
}

function mutate(edit: (g: any) => void): unknown { // eslint-disable-line @typescript-eslint/no-explicit-any
  const g = tinyGraph();
  edit(g);
  return g;
}

describe('loadGraphModel on the tiny graph', () => {
  it('computes the same values as the ops called by hand (reference backend, exact)', () => {
    setBackend('reference');
    const x = tensor(Array.from({ length: 72 }, (_, i) => Math.sin(i)), [1, 6, 6, 2]);
    const m = loadGraphModel(tinyGraph(), W);
    const { outputs, activations } = m.run(x, { keep: ['conv', 'gap'] });
    const w = (n: string): Tensor => ({ shape: W.get(n)!.shape, data: W.get(n)!.data as Float32Array });
    const conv = conv2d(x, w('w1'), { pad: 'same', bias: w('b1'), activation: 'relu' });
    const gap = mean(maxPool(depthwiseConv2d(conv, w('dw')), { filterSize: 2, strides: 2 }), [1, 2]);
    const logits = matMul(mul(gap, 0.5), w('fc'), { bias: w('fcb') });
    expect(Array.from(activations.conv.data)).toEqual(Array.from(conv.data));
    expect(Array.from(activations.gap.data)).toEqual(Array.from(gap.data));
    expect(Array.from(outputs.probs.data)).toEqual(Array.from(softmax(logits).data));
    expect(outputs.slice.shape).toEqual([1, 2]);
    expect(Array.from(outputs.slice.data)).toEqual([logits.data[1], logits.data[2]]);
    expect(outputs.flat.shape).toEqual([2, 2]);
  });
});

describe('graph load errors', () => {
  it('rejects an unknown op at load with E_BAD_MODEL naming it', () => {
    const msg = code(() => loadGraphModel(mutate((g) => { g.nodes[14].op = 'Erf'; }), W));
    expect(msg).toMatch(/^E_BAD_MODEL: .*unknown op "Erf"/);
  });
  it('rejects malformed descriptions with E_BAD_MODEL', () => {
    const cases: unknown[] = [
      null, 42, [], {},
      mutate((g) => { g.format = 'tfjs'; }),
      mutate((g) => { g.version = 2; }),
      mutate((g) => { delete g.nodes; }),
      mutate((g) => { g.nodes.reverse(); }), // not topological
      mutate((g) => { g.nodes[12].attrs.strides = [1]; }),
      mutate((g) => { g.nodes[12].attrs.padding = 'FULL'; }),
      mutate((g) => { g.nodes[12].attrs.fusedOps = ['BiasAdd', 'Elu']; }),
      mutate((g) => { g.nodes[12].inputs = ['x']; }),
      mutate((g) => { g.nodes.push({ ...g.nodes[13] }); }), // duplicate name
      mutate((g) => { g.outputs = ['nowhere']; }),
      mutate((g) => { g.inputs = [{ name: 'conv', shape: [1] }]; }),
      mutate((g) => { g.nodes[1].attrs.dtype = 'float64'; }),
    ];
    for (const c of cases) expect(code(() => loadGraphModel(c, W))).toMatch(/^E_BAD_MODEL: /);
  });
  it('rejects a Const whose shape differs from the weights with E_BAD_WEIGHTS', () => {
    expect(code(() => loadGraphModel(mutate((g) => { g.nodes[1].attrs.shape = [3, 3, 2, 5]; }), W))).toMatch(/^E_BAD_WEIGHTS: .*w1/);
    expect(code(() => loadGraphModel(mutate((g) => { g.nodes[1].name = 'w9'; g.nodes[12].inputs[1] = 'w9'; }), W))).toMatch(/^E_BAD_WEIGHTS: .*w9/);
    expect(code(() => loadGraphModel(mutate((g) => { g.nodes[4].attrs.dtype = 'float32'; }), W))).toMatch(/^E_BAD_WEIGHTS: .*axes/);
  });
  it('rejects a shape/axes input that is not constant with E_BAD_MODEL', () => {
    expect(code(() => loadGraphModel(mutate((g) => { g.nodes[20].inputs[1] = 'logits'; }), W))).toMatch(/^E_BAD_MODEL: .*constant input 1/);
  });
  it('reports a graph that is inconsistent at run time as E_BAD_MODEL naming the node', () => {
    const m = loadGraphModel(mutate((g) => { g.nodes[13].inputs = ['x', 'dw']; }), W); // dw expects 4 channels
    expect(code(() => m.run(zeros([1, 6, 6, 2])))).toMatch(/^E_BAD_MODEL: graph 'tiny' node 'dwc'/);
  });
  it('rejects feeds of the wrong shape with E_BAD_ARGUMENT', () => {
    const m = loadGraphModel(tinyGraph(), W);
    expect(code(() => m.run(zeros([1, 6, 6, 3])))).toMatch(/^E_BAD_ARGUMENT: .*\[-1, 6, 6, 2\]/);
    expect(code(() => m.run({}))).toMatch(/^E_BAD_ARGUMENT: .*missing input 'x'/);
  });
});

describe('graphFromTfjs errors', () => {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const conv = (fmt: string, op = 'Conv2D') => ({
    modelTopology: { node: [
      { name: 'x', op: 'Placeholder', attr: { shape: { shape: { dim: [{ size: '-1' }, { size: '4' }, { size: '4' }, { size: '1' }] } } } },
      { name: 'w', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '1' }, { size: '1' }, { size: '1' }, { size: '1' }] } } } } },
      { name: 'y', op, input: ['x', 'w'], attr: { strides: { list: { i: ['1', '1', '1', '1'] } }, padding: { s: b64('SAME') }, data_format: { s: b64(fmt) } } },
    ] },
  });
  it('converts a valid NHWC graph', () => {
    const g = graphFromTfjs('t', conv('NHWC'));
    expect(g.nodes.map((n) => n.op)).toEqual(['Placeholder', 'Const', 'Conv2D']);
    expect(g.inputs).toEqual([{ name: 'x', shape: [-1, 4, 4, 1] }]);
    expect(g.outputs).toEqual(['y']);
  });
  it('rejects NCHW, unknown ops and multi-output references with E_BAD_MODEL', () => {
    expect(code(() => graphFromTfjs('t', conv('NCHW')))).toMatch(/^E_BAD_MODEL: .*data_format NCHW/);
    expect(code(() => graphFromTfjs('t', conv('NHWC', 'Conv3D')))).toMatch(/^E_BAD_MODEL: .*unknown op Conv3D/);
    const multi = conv('NHWC');
    (multi.modelTopology.node[2] as { input: string[] }).input = ['x:1', 'w'];
    expect(code(() => graphFromTfjs('t', multi))).toMatch(/^E_BAD_MODEL: .*output 1 of 'x'/);
    expect(code(() => graphFromTfjs('t', { modelTopology: { node: 'nope' } }))).toMatch(/^E_BAD_MODEL/);
  });
  it('rejects a cycle with E_BAD_MODEL', () => {
    const g = conv('NHWC');
    g.modelTopology.node.push({ name: 'a', op: 'Relu', input: ['b'] } as never, { name: 'b', op: 'Relu', input: ['a'] } as never, { name: 'c', op: 'Relu', input: ['b'] } as never);
    expect(code(() => graphFromTfjs('t', g))).toMatch(/^E_BAD_MODEL: .*cycle/);
  });
});

describe('loadHumanModel errors', () => {
  const files = async (edit: (name: string, b: Uint8Array) => Uint8Array) => {
    const fs = await import('node:fs/promises');
    return (url: URL) => fs.readFile(url).then((b) => edit(url.pathname.split('/').pop() as string, new Uint8Array(b)));
  };
  it('rejects an unknown model name with E_BAD_ARGUMENT', async () => {
    expect(await codeAsync(() => loadHumanModel('nope' as 'emotion'))).toMatch(/^E_BAD_ARGUMENT: .*emotion, gender, age, faceres, mobilefacenet/);
  });
  it('rejects a truncated binary with E_BAD_WEIGHTS', async () => {
    const readFile = await files((n, b) => (n.endsWith('.bin') ? b.subarray(0, b.length - 4) : b));
    expect(await codeAsync(() => loadHumanModel('gender', { readFile }))).toMatch(/^E_BAD_WEIGHTS: /);
  });
  it('rejects a corrupt graph file with E_BAD_MODEL', async () => {
    const readFile = await files((n, b) => (n.endsWith('.graph.json') ? b.subarray(0, 100) : b));
    expect(await codeAsync(() => loadHumanModel('gender', { readFile }))).toMatch(/^E_BAD_MODEL: /);
  });
  it('rejects a missing folder with E_IO', async () => {
    expect(await codeAsync(() => loadHumanModel('gender', { dir: '/nonexistent-facets-dir' }))).toMatch(/^E_IO: /);
  });
});

describe('readings of the raw outputs', () => {
  it('keeps FER2013 names and order and refuses NaN', () => {
    const r = readEmotion(tensor([0.1, 0, 0, 0.6, 0.1, 0.1, 0.1], [1, 7]));
    expect(r.label).toBe('happy');
    expect(Object.keys(r.probabilities)).toEqual(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']);
    expect(code(() => readEmotion(tensor([NaN, 0, 0, 0, 0, 0, 0], [1, 7])))).toMatch(/^E_NUMERIC/);
  });
  it('reads gender [female, male] and faceres age as Human does', () => {
    expect(readGender(tensor([0.8, 0.2], [1, 2]))).toEqual({ label: 'female', probability: Math.fround(0.8) });
    const age = new Array(100).fill(0);
    age[30] = 0.5; age[31] = 0.3; age[29] = 0.2;
    const r = readFaceres({ descriptor: zeros([1, 1024]), gender: tensor([0.9], [1, 1]), age: tensor(age, [1, 100]) });
    expect(r.gender.label).toBe('male');
    expect(r.age).toBeCloseTo(33, 5); // 30 + 10 * 0.3 toward the stronger neighbour
  });
});
