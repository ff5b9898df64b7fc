/**
 * Test-only worker (bundled by the browser test as dist/bundle/webgpu-ops-check.js): every gpujs
 * kernel body, run through gpu.js's JS -> WGSL translation on webgpu via the synchronous bridge,
 * against the `reference` backend computed here, on fast-check-seeded random shapes (odd sizes
 * and 1s included, like test/nn/ops). Replies with the largest error per kernel and the first
 * failures; the test asserts on them. Error metric as test/nn/ops/helpers.ts: |a - e| / max(1, |e|).
 */
import fc from 'fast-check';
import { setBackend } from '../../src/nn/backend.js';
import { isFacetsError } from '../../src/core/errors.js';
import { configureGpujs, type SyncKernelRunner } from '../../src/nn/kernels/gpujs-runtime.js';
import {
  avgPool, concat, conv2d, depthwiseConv2d, matMul, max, maxPool, mean, pad, resizeBilinear, softmax, stridedSlice, sum,
  relu, relu6, leakyRelu, tanh, sigmoid, abs, square, sqrt, rsqrt, exp, neg,
  add, sub, mul, div, maximum, minimum, squaredDifference, prelu,
} from '../../src/nn/ops/index.js';
import type { Tensor } from '../../src/nn/tensor.js';
import { randomTensor } from '../nn/ops/random-tensor.js';
import type { Activation } from '../../src/nn/ops/names.js';
import { webgpuBridgeRunner, type BridgeEndpoint } from '../../src/browser/webgpu-bridge.js';

export interface OpReport {
  kernel: string;
  cases: number;
  maxError: number;
  failures: string[];
}


const dim = (n: number): fc.Arbitrary<number> => fc.integer({ min: 1, max: n });
const padArb = fc.oneof(fc.constant('same' as const), fc.constant('valid' as const), fc.record({ top: fc.nat(2), bottom: fc.nat(2), left: fc.nat(2), right: fc.nat(2) }));
const acts = ['linear', 'relu', 'relu6', 'leakyrelu', 'prelu', 'sigmoid', 'tanh'] as const;
const convCase = fc.record({
  b: dim(2), h: dim(9), w: dim(9), inC: dim(5), outC: dim(7), fh: dim(4), fw: dim(4), mult: dim(3),
  stride: fc.integer({ min: 1, max: 3 }), dilation: fc.integer({ min: 1, max: 2 }), pad: padArb, bias: fc.boolean(),
  act: fc.constantFrom(...acts), seed: fc.nat(),
});
type ConvCase = typeof convCase extends fc.Arbitrary<infer T> ? T : never;

function activation(c: ConvCase, channels: number): Activation['kind'] | Activation {
  if (c.act === 'prelu') return { kind: 'prelu', preluAlpha: randomTensor([channels], c.seed + 9) };
  if (c.act === 'leakyrelu') return { kind: 'leakyrelu', alpha: 0.1 };
  return c.act;
}
const UNARY = { relu, relu6, leakyrelu: (x: Tensor) => leakyRelu(x, 0.15), tanh, sigmoid, abs, square, sqrt, rsqrt, exp, neg } as const;
const BINARY = { add, sub, mul, div, maximum, minimum, squaredDifference, prelu } as const;

/** Each check: seeded cases, each an op call to make once per backend. */
interface Check { kernel: string; cases(seed: number, numRuns: number): { label: string; op: () => Tensor }[] }
const check = <C>(kernel: string, arb: fc.Arbitrary<C>, op: (c: C) => Tensor): Check => ({
  kernel,
  cases: (seed, numRuns) => fc.sample(arb, { seed, numRuns }).map((c) => ({ label: JSON.stringify(c), op: () => op(c) })),
});

const CHECKS: Check[] = [
  check('conv2d', convCase, (c) => conv2d(randomTensor([c.b, c.h, c.w, c.inC], c.seed), randomTensor([c.fh, c.fw, c.inC, c.outC], c.seed + 1),
    { strides: c.stride, dilations: c.dilation, pad: c.pad, bias: c.bias ? randomTensor([c.outC], c.seed + 2) : undefined, activation: activation(c, c.outC) })),
  check('depthwiseConv2d', convCase, (c) => depthwiseConv2d(randomTensor([c.b, c.h, c.w, c.inC], c.seed), randomTensor([c.fh, c.fw, c.inC, c.mult], c.seed + 1),
    { strides: c.stride, dilations: c.dilation, pad: c.pad, bias: c.bias ? randomTensor([c.inC * c.mult], c.seed + 2) : undefined, activation: activation(c, c.inC * c.mult) })),
  check('matMul', fc.record({ m: dim(13), k: dim(17), n: dim(11), ta: fc.boolean(), tb: fc.boolean(), bias: fc.boolean(), seed: fc.nat() }), (c) =>
    matMul(randomTensor(c.ta ? [c.k, c.m] : [c.m, c.k], c.seed), randomTensor(c.tb ? [c.n, c.k] : [c.k, c.n], c.seed + 1),
      { transposeA: c.ta, transposeB: c.tb, bias: c.bias ? randomTensor([c.n], c.seed + 2) : undefined, activation: 'relu' })),
  // One check per op code: each code is a branch of the body that WGSL must get right.
  ...(Object.keys(UNARY) as (keyof typeof UNARY)[]).map((op) => check(`unary/${op}`, fc.record({ shape: fc.array(dim(6), { minLength: 1, maxLength: 4 }), seed: fc.nat() }), (c) => {
    // sqrt and rsqrt are taken on positive inputs (NaN handling is not what this checks).
    const positive = op === 'sqrt' || op === 'rsqrt';
    return UNARY[op](randomTensor(c.shape, c.seed, positive ? 0.01 : -3, 3));
  })),
  ...(Object.keys(BINARY) as (keyof typeof BINARY)[]).map((op) => check(`binary/${op}`, fc.record({ shape: fc.array(dim(5), { minLength: 1, maxLength: 4 }), mask: fc.nat(15), seed: fc.nat() }), (c) => {
    // b broadcasts along the axes the mask picks (size 1 there).
    const sb = c.shape.map((d, i) => ((c.mask >> i) & 1 ? 1 : d));
    return BINARY[op](randomTensor(c.shape, c.seed), op === 'div' ? randomTensor(sb, c.seed + 1, 0.5, 2) : randomTensor(sb, c.seed + 1));
  })),
  check('softmax', fc.record({ shape: fc.array(dim(9), { minLength: 1, maxLength: 3 }), seed: fc.nat() }), (c) => softmax(randomTensor(c.shape, c.seed, -5, 5))),
  check('pool', fc.record({ h: dim(9), w: dim(9), c: dim(5), fh: dim(3), fw: dim(3), s: fc.integer({ min: 1, max: 3 }), isMax: fc.boolean(), seed: fc.nat() }), (c) =>
    (c.isMax ? maxPool : avgPool)(randomTensor([1, c.h, c.w, c.c], c.seed), { filterSize: [c.fh, c.fw], strides: c.s, pad: 'same' })),
  check('reduce', fc.record({ shape: fc.array(dim(5), { minLength: 1, maxLength: 4 }), axes: fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }), op: fc.constantFrom(mean, sum, max), seed: fc.nat() }), (c) => {
    const axes = [...new Set(c.axes.map((a) => a % c.shape.length))];
    return c.op(randomTensor(c.shape, c.seed), axes);
  }),
  check('concat', fc.record({ shape: fc.array(dim(4), { minLength: 1, maxLength: 4 }), axis: fc.nat(3), sizes: fc.array(dim(3), { minLength: 2, maxLength: 3 }), seed: fc.nat() }), (c) => {
    const ax = c.axis % c.shape.length;
    return concat(c.sizes.map((s, i) => randomTensor(c.shape.map((d, k) => (k === ax ? s : d)), c.seed + i)), ax);
  }),
  check('pad', fc.record({ shape: fc.array(dim(4), { minLength: 1, maxLength: 4 }), p: fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { minLength: 4, maxLength: 4 }), seed: fc.nat() }), (c) =>
    pad(randomTensor(c.shape, c.seed), c.shape.map((_, i) => c.p[i]), 0.5)),
  check('stridedSlice', fc.record({ shape: fc.array(dim(6), { minLength: 1, maxLength: 4 }), spec: fc.array(fc.tuple(fc.integer({ min: -7, max: 7 }), fc.integer({ min: -7, max: 7 }), fc.constantFrom(-2, -1, 1, 2, 3)), { minLength: 4, maxLength: 4 }), seed: fc.nat() }), (c) => {
    const s = c.spec.slice(0, c.shape.length);
    return stridedSlice(randomTensor(c.shape, c.seed), s.map((v) => v[0]), s.map((v) => v[1]), s.map((v) => v[2]));
  }),
  check('resizeBilinear', fc.record({ b: dim(2), h: dim(9), w: dim(9), c: dim(4), oh: dim(12), ow: dim(12), mode: fc.constantFrom(0, 1, 2), seed: fc.nat() }), (c) =>
    resizeBilinear(randomTensor([c.b, c.h, c.w, c.c], c.seed, 0, 255), [c.oh, c.ow], { alignCorners: c.mode === 1, halfPixelCenters: c.mode === 2 })),
];

function maxError(got: Tensor, want: Tensor): number {
  if (got.shape.join() !== want.shape.join()) return Infinity;
  let m = 0;
  for (let i = 0; i < want.data.length; i++) {
    const a = got.data[i], e = want.data[i];
    if (a === e || (Number.isNaN(a) && Number.isNaN(e))) continue;
    m = Math.max(m, Number.isNaN(a - e) ? Infinity : Math.abs(a - e) / Math.max(1, Math.abs(e)));
  }
  return m;
}

function runChecks(seed: number, numRuns: number, tolerance: number): OpReport[] {
  return CHECKS.map(({ kernel, cases }, k) => {
    const report: OpReport = { kernel, cases: 0, maxError: 0, failures: [] };
    for (const { label, op } of cases(seed + k, numRuns)) {
      try {
        setBackend('reference');
        const want = op();
        setBackend('gpujs');
        const err = maxError(op(), want);
        report.maxError = Math.max(report.maxError, err);
        if (!(err <= tolerance)) report.failures.push(`error ${err} on ${label}`);
      } catch (e) {
        report.failures.push(`${e instanceof Error ? e.message.slice(0, 400) : String(e)} on ${label}`);
      }
      report.cases += 1;
    }
    return report;
  });
}

/** A body gpu.js cannot translate, sent straight through the runner: how a host-side failure comes back. */
function brokenKernel(runner: SyncKernelRunner): { code: string; message: string } | null {
  try {
    runner({ name: 'broken', key: 'broken', source: 'function broken(a) { return notAFunction(a[this.thread.x]); }', size: 3, constants: {}, args: [new Float32Array(3)] });
    return null;
  } catch (e) {
    return isFacetsError(e) ? { code: e.code, message: e.message } : { code: 'not a FacetsError', message: String(e) };
  }
}

self.onmessage = (ev: MessageEvent<{ endpoint: BridgeEndpoint; seed: number; numRuns: number; tolerance: number }>) => {
  const { endpoint, seed, numRuns, tolerance } = ev.data;
  try {
    const runner = webgpuBridgeRunner(endpoint);
    configureGpujs({ mode: 'webgpu', runner });
    const reports = runChecks(seed, numRuns, tolerance);
    self.postMessage({ ok: true, reports, broken: brokenKernel(runner) });
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
