/**
 * The graph interpreter's fusion pass (src/nn/graph/fuse.ts): on random small graphs of the
 * patterns it rewrites (a conv or depthwise conv, then a batch-norm Mul / Add, then Relu, Relu6,
 * Keras's Relu -> Minimum(6) -> Maximum(0), or TF-slim's PReLU, optionally feeding a 1x1 conv),
 * with odd sizes and channel counts on both sides of the wasm paths' multiple of 4, the fused
 * plan gives the node-by-node plan's outputs: bit for bit where no constant is folded (relu6,
 * PReLU and the depthwise -> pointwise pair change no arithmetic), within 1e-4 relative where a
 * scale is folded into the filter or a shift into the bias. Runs on the cpu and reference
 * backends. Also: an intermediate with a second reader or listed as an output stops the fusion
 * there, and the Human models' fused plans equal their node-by-node plans.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../src/nn/ops/index.js';
import { loadGraphModel, type GraphModel } from '../../src/nn/graph/model.js';
import type { GraphNode } from '../../src/nn/graph/types.js';
import { loadHumanModel } from '../../src/nn/human/load.js';
import { humanNetInput } from '../../src/nn/human/preprocess.js';
import { findHumanSpec, type HumanModelName } from '../../src/nn/human/specs.js';
import type { Tensor } from '../../src/nn/tensor.js';
import { weightMap, type RawTensor } from './graph/tiny-graph.js';
import { expectClose, onBackend, randomTensor } from './ops/helpers.js';

const TAILS = ['none', 'relu', 'relu6', 'clip', 'clipMinOnly', 'prelu', 'preluDirect'] as const;

const caseArb = fc.record({
  h: fc.integer({ min: 1, max: 9 }), w: fc.integer({ min: 1, max: 9 }), c: fc.constantFrom(1, 3, 4, 5, 8, 12),
  mult: fc.constantFrom(1, 1, 2), n: fc.integer({ min: 1, max: 9 }), k: fc.integer({ min: 1, max: 3 }),
  stride: fc.integer({ min: 1, max: 2 }), padding: fc.constantFrom('SAME', 'VALID'),
  depthwise: fc.boolean(), headBias: fc.boolean(), headRelu: fc.boolean(),
  mul: fc.boolean(), mulScalar: fc.boolean(), add: fc.boolean(), addFirst: fc.boolean(),
  tail: fc.constantFrom(...TAILS), pointwise: fc.boolean(), pwBias: fc.boolean(), pwTail: fc.constantFrom('none', 'relu', 'clip', 'prelu'),
  leak: fc.constantFrom('none', 'none', 'reader', 'output'), seed: fc.nat(),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** A graph description of case `c`, its weights, and whether anything in it is fused arithmetic-free. */
function graphOf(c: Case): { desc: unknown; tensors: RawTensor[]; folds: boolean } {
  const nodes: GraphNode[] = [{ name: 'x', op: 'Placeholder', inputs: [], attrs: {} }];
  const tensors: RawTensor[] = [];
  let seed = c.seed;
  const konst = (name: string, shape: number[], fill?: number): string => {
    const t = randomTensor(shape, seed++, -1, 1);
    nodes.push({ name, op: 'Const', inputs: [], attrs: { shape, dtype: 'float32' } });
    tensors.push({ name, shape, data: fill === undefined ? Array.from(t.data) : Array(t.data.length).fill(fill) });
    return name;
  };
  const node = (name: string, op: GraphNode['op'], inputs: string[], attrs: GraphNode['attrs'] = {}): string => {
    nodes.push({ name, op, inputs, attrs });
    return name;
  };
  const outC = c.depthwise ? c.c * c.mult : c.n;
  const headBias = c.headBias || c.headRelu;
  const filter = konst('f', c.depthwise ? [3, 3, c.c, c.mult] : [c.k, c.k, c.c, c.n]);
  const geometry = { strides: [c.stride, c.stride], padding: c.padding as 'SAME' | 'VALID', dilations: [1, 1] };
  const op = c.depthwise ? (headBias ? 'FusedDepthwiseConv2dNative' : 'DepthwiseConv2dNative') : headBias ? '_FusedConv2D' : 'Conv2D';
  let cur = node('head', op, headBias ? ['x', filter, konst('b', [outC])] : ['x', filter], headBias ? { ...geometry, fusedOps: c.headRelu ? ['BiasAdd', 'Relu'] : ['BiasAdd'] } : geometry);
  const extraOutputs: string[] = [];
  if (c.leak === 'reader') extraOutputs.push(node('side', 'Tanh', [cur]));
  if (c.leak === 'output') extraOutputs.push(cur);
  let folds = false;
  if (c.mul && !headBias) {
    cur = node('bnMul', 'Mul', [cur, konst('scale', c.mulScalar ? [] : [outC])]);
    folds = true;
  }
  if (c.add) {
    const shift = konst('shift', [1, 1, 1, outC]);
    cur = node('bnAdd', c.addFirst ? 'Add' : 'AddV2', c.addFirst ? [shift, cur] : [cur, shift]);
    folds = true;
  }
  const tail = (t: (typeof TAILS)[number], p: string, ch: number): void => {
    if (t === 'relu' || t === 'clip' || t === 'clipMinOnly') cur = node(`${p}relu`, 'Relu', [cur]);
    if (t === 'relu6') cur = node(`${p}relu6`, 'Relu6', [cur]);
    if (t === 'clip' || t === 'clipMinOnly') cur = node(`${p}min`, 'Minimum', [cur, konst(`${p}six`, [], 6)]);
    if (t === 'clip') cur = node(`${p}max`, 'Maximum', [konst(`${p}zero`, [], 0), cur]);
    if (t === 'prelu' || t === 'preluDirect') {
      const x = cur;
      const r = t === 'prelu' ? node(`${p}pr`, 'Relu', [x]) : x;
      const a = node(`${p}abs`, 'Abs', [x]);
      const s = node(`${p}sub`, 'Sub', [x, a]);
      const m = node(`${p}mul`, 'Mul', [konst(`${p}alpha`, [ch]), s]);
      cur = node(`${p}add`, 'AddV2', [m, r]);
    }
  };
  tail(c.tail, 't', outC);
  if (c.pointwise) {
    const pw = konst('pw', [1, 1, outC, c.n]);
    cur = node('pwConv', c.pwBias ? '_FusedConv2D' : 'Conv2D', c.pwBias ? [cur, pw, konst('pwb', [c.n])] : [cur, pw], {
      strides: [1, 1], padding: 'SAME', dilations: [1, 1], ...(c.pwBias ? { fusedOps: ['BiasAdd'] } : {}),
    });
    tail(c.pwTail as (typeof TAILS)[number], 'p', c.n);
  }
  const desc = { format: 'facets-graph', version: 1, name: 'fusion', inputs: [{ name: 'x', shape: [-1, c.h, c.w, c.c] }], outputs: [cur, ...extraOutputs], nodes };
  return { desc, tensors, folds };
}

const sameBits = (a: Tensor, b: Tensor): boolean => a.data.length === b.data.length && a.data.every((v, i) => Object.is(v, b.data[i]) || (Number.isNaN(v) && Number.isNaN(b.data[i])));

function compare(model: GraphModel, x: Tensor, exact: boolean, what: string): void {
  const fused = model.run(x).outputs, plain = model.run(x, { unfused: true }).outputs;
  for (const o of model.outputs) {
    if (exact) expect(sameBits(fused[o], plain[o]), `${what} ${o}`).toBe(true);
    else expectClose(fused[o], plain[o], 1e-4, `${what} ${o}`);
  }
}

describe('the graph fusion pass', () => {
  for (const backend of ['cpu', 'reference'] as const) {
    it(`gives the node-by-node outputs on ${backend} (bit for bit without folded constants, else 1e-4 relative; seeded random graphs)`, () => {
      let fusedSome = 0;
      fc.assert(fc.property(caseArb, (c) => {
        const span = c.depthwise ? 3 : c.k;
        if (c.padding === 'VALID' && (c.h < span || c.w < span)) return;
        const { desc, tensors, folds } = graphOf(c);
        const model = loadGraphModel(desc, weightMap(tensors));
        if (model.fusedSteps.length < model.steps.length) fusedSome++;
        const x = randomTensor([1, c.h, c.w, c.c], c.seed + 99, -2, 2);
        // The reference kernels apply a fused activation to the float64 accumulator before
        // rounding, so only the cpu kernels (float32 throughout) can match bit for bit.
        onBackend(backend, () => compare(model, x, backend === 'cpu' && !folds, JSON.stringify(c)));
      }), { seed: backend === 'cpu' ? 31 : 32, numRuns: 150 });
      expect(fusedSome).toBeGreaterThan(40);
    });
  }

  it('fuses each pattern into one step, and stops at a value with a second reader or listed as an output', () => {
    const base: Case = {
      h: 6, w: 5, c: 4, mult: 1, n: 5, k: 1, stride: 1, padding: 'SAME', depthwise: true, headBias: false, headRelu: false,
      mul: true, mulScalar: false, add: true, addFirst: false, tail: 'clip', pointwise: true, pwBias: false, pwTail: 'clip', leak: 'none', seed: 5,
    };
    const steps = (c: Case): readonly string[] => {
      const { desc, tensors } = graphOf(c);
      return loadGraphModel(desc, weightMap(tensors)).fusedSteps;
    };
    // depthwise, Mul, Add, Relu, Minimum, Maximum, 1x1 conv, Relu, Minimum, Maximum: one separable step.
    expect(steps(base)).toEqual(['pmax']);
    expect(steps({ ...base, pointwise: false, tail: 'prelu' })).toEqual(['tadd']);
    expect(steps({ ...base, pointwise: false, mul: false, add: false, headRelu: true, tail: 'preluDirect' })).toEqual(['tadd']);
    // A PReLU read straight off a linear conv is x + alpha*(x - |x|), not a PReLU: left as nodes.
    expect(steps({ ...base, pointwise: false, mul: false, add: false, tail: 'preluDirect' })).toEqual(['head', 'tabs', 'tsub', 'tmul', 'tadd']);
    expect(steps({ ...base, leak: 'reader' })).toEqual(['head', 'side', 'bnMul', 'bnAdd', 'trelu', 'tmin', 'tmax', 'pmax']);
    expect(steps({ ...base, leak: 'output' })).toEqual(['head', 'bnMul', 'bnAdd', 'trelu', 'tmin', 'tmax', 'pmax']);
    expect(steps({ ...base, leak: 'reader', mul: false, add: false, tail: 'none' })).toEqual(['head', 'side', 'pmax']);
  });
});

describe('the Human models', () => {
  const NETS: HumanModelName[] = ['emotion', 'gender', 'faceres', 'mobilefacenet'];
  it('run their fused plans with far fewer steps and the node-by-node outputs (1e-4 relative, cpu)', async () => {
    for (const name of NETS) {
      const m = await loadHumanModel(name);
      const spec = findHumanSpec(name)!;
      expect(m.graph.fusedSteps.length, name).toBeLessThan(m.graph.steps.length);
      const x = humanNetInput(randomTensor([spec.inputSize, spec.inputSize, 3], 3, 0, 255), spec.inputSize, spec.preprocessing, 'test');
      onBackend('cpu', () => compare(m.graph, x, false, name));
    }
  });
});
