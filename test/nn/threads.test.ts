/**
 * Multi-thread cpu kernels (src/nn/kernels/threads): a kernel call split over a worker thread
 * writes the same bits as the unsplit call (only who computes a row changes, protocol.ts), on
 * random shapes with odd sizes and tails; the ops stay within the reference tolerance (1e-4
 * relative, as test/nn/ops/wasm-kernels.test.ts); whole models give identical outputs with 1 and
 * 2 threads. The split threshold is set to 0 for the property runs so that every call, however
 * small, goes through the pool. The workers are stopped after the suite (no hanging process).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conv2d, depthwiseConv2d, matMul, separableConv2d } from '../../src/nn/ops/index.js';
import { depthwisePointwise } from '../../src/nn/ops/depthwise/depthwise.js';
import { elementwiseChain, type ChainStep } from '../../src/nn/ops/elementwise/chain.js';
import { add, relu6 } from '../../src/nn/ops/index.js';
import type { Tensor } from '../../src/nn/tensor.js';
import { setBackend } from '../../src/nn/backend.js';
import { setCpuThreads } from '../../src/nn/kernels/threads/node.js';
import { getCpuThreads, setCpuThreads as setCpuThreadsCore, workerChunkCount } from '../../src/nn/kernels/threads/cpu-threads.js';
import { bitsOf, unsplitThenSplit } from './split-helpers.js';
import { chunkArgs, SLOT } from '../../src/nn/kernels/threads/protocol.js';
import { ThreadPool, type WorkerFactory } from '../../src/nn/kernels/threads/pool.js';
import { ensureBytes, scratchBase, useSharedMemory, wasmUnavailableReason } from '../../src/nn/kernels/wasm/runtime.js';
import { dlibResnet } from '../../src/nn/models/dlib-resnet.js';
import { landmark68 } from '../../src/nn/models/landmark68.js';
import { faceApiFixtures, fixtureImage, weightsOf } from './models/fixtures.js';
import { dimArb, expectClose, onBackend, padArb, randomTensor } from './ops/helpers.js';

describe('chunkArgs', () => {
  it('tiles the units of a call exactly once, in order, with each argument stepped per unit', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: -64, max: 64 }), (units, chunkUnits, step) => {
      const job = { fn: 0, args: [1000, units, 7], step: [step, 0, 0], countArg: 1, chunkUnits };
      let next = 0;
      for (let c = 0; c < Math.ceil(units / chunkUnits); c++) {
        const a = chunkArgs(job, c, []);
        expect(a[0]).toBe(1000 + next * step);
        expect(a[2]).toBe(7);
        expect(a[1]).toBeGreaterThanOrEqual(1);
        next += a[1];
      }
      expect(next).toBe(units);
    }), { seed: 42, numRuns: 300 });
  });
});

describe('setCpuThreads', () => {
  it('refuses a thread count that is not an integer in 1..64 (E_BAD_ARGUMENT)', () => {
    for (const n of [0, -1, 1.5, 65, Number.NaN]) expect(() => setCpuThreadsCore(n)).toThrow(expect.objectContaining({ code: 'E_BAD_ARGUMENT' }));
    expect(getCpuThreads()).toBe(1);
  });
  it.skipIf(wasmUnavailableReason() !== null)('settles every call when a later call replaces workers still starting (no caller waits forever)', async () => {
    const first = setCpuThreads(2), second = setCpuThreads(2), third = setCpuThreads(1);
    await expect(Promise.all([first, second, third])).resolves.toBeDefined();
    expect(getCpuThreads()).toBe(1);
  });
  it.skipIf(typeof (globalThis as { Worker?: unknown }).Worker === 'function')('says E_UNSUPPORTED without a worker factory where the runtime has no Worker (Node 20)', () => {
    expect(() => setCpuThreadsCore(2)).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED' }));
    expect(getCpuThreads()).toBe(1);
  });
});

const why = wasmUnavailableReason();
if (why) console.warn(`skipping the thread suite: ${why}`);

const bits = (t: Tensor): Uint32Array => bitsOf(t.data);

describe.skipIf(why !== null)('cpu kernels split over 2 threads', () => {
  /** Runs f unsplit and split on the cpu backend; asserts the same bits and returns the split result. */
  function splitEqualsUnsplit(f: () => Tensor, what: string): Tensor {
    const [one, two] = unsplitThenSplit(() => onBackend('cpu', f));
    expect([...two.shape], what).toEqual([...one.shape]);
    expect(bits(two), what).toEqual(bits(one));
    return two;
  }

  let workerChunksBefore = 0;
  beforeAll(async () => {
    await setCpuThreads(2);
    workerChunksBefore = workerChunkCount();
  });
  afterAll(async () => { await setCpuThreads(1); });

  it('runs 2 threads with a started worker', () => {
    expect(getCpuThreads()).toBe(2);
  });

  it('conv2d (indirect GEMM) is bit-identical to one thread and within 1e-4 of the reference (tails, strides, dilations, pads, batches)', () => {
    const c = fc.record({
      batch: fc.integer({ min: 1, max: 2 }), h: dimArb(13), w: dimArb(13), inC: dimArb(13), outC: dimArb(19),
      fh: dimArb(4), fw: dimArb(4), stride: fc.integer({ min: 1, max: 3 }), dilation: fc.integer({ min: 1, max: 2 }),
      pad: padArb, bias: fc.boolean(), act: fc.constantFrom('linear' as const, 'relu' as const, 'relu6' as const), seed: fc.nat(),
    });
    fc.assert(fc.property(c, (c) => {
      const x = randomTensor([c.batch, c.h, c.w, c.inC], c.seed);
      const f = randomTensor([c.fh, c.fw, c.inC, c.outC], c.seed + 1);
      const opts = { strides: c.stride, dilations: c.dilation, pad: c.pad, bias: c.bias ? randomTensor([c.outC], c.seed + 2, -3, 8) : undefined, activation: c.act };
      const got = splitEqualsUnsplit(() => conv2d(x, f, opts), JSON.stringify(c));
      expectClose(got, onBackend('reference', () => conv2d(x, f, opts)), 1e-4, JSON.stringify(c));
    }), { seed: 7, numRuns: 120 });
  });

  it('matMul and pointwise conv2d (direct GEMM) are bit-identical to one thread and within 1e-4 of the reference (M, N, K tails, transposes)', () => {
    const c = fc.record({ m: dimArb(70), k: dimArb(40), n: dimArb(37), ta: fc.boolean(), tb: fc.boolean(), bias: fc.boolean(), seed: fc.nat() });
    fc.assert(fc.property(c, (c) => {
      const a = randomTensor(c.ta ? [c.k, c.m] : [c.m, c.k], c.seed);
      const b = randomTensor(c.tb ? [c.n, c.k] : [c.k, c.n], c.seed + 1);
      const opts = { bias: c.bias ? randomTensor([c.n], c.seed + 2) : undefined, transposeA: c.ta, transposeB: c.tb, activation: 'relu6' as const };
      const got = splitEqualsUnsplit(() => matMul(a, b, opts), JSON.stringify(c));
      expectClose(got, onBackend('reference', () => matMul(a, b, opts)), 1e-4, JSON.stringify(c));
      const x = randomTensor([1, c.m, 3, c.k], c.seed + 3), f = randomTensor([1, 1, c.k, c.n], c.seed + 4);
      const pw = splitEqualsUnsplit(() => conv2d(x, f), `pointwise ${JSON.stringify(c)}`);
      expectClose(pw, onBackend('reference', () => conv2d(x, f)), 1e-4, `pointwise ${JSON.stringify(c)}`);
    }), { seed: 8, numRuns: 120 });
  });

  it('3x3 depthwise and the fused depthwise -> pointwise path are bit-identical to one thread and within 1e-4 of the reference', () => {
    const c = fc.record({
      h: dimArb(17), w: dimArb(17), c4: fc.integer({ min: 1, max: 9 }), extra: fc.integer({ min: 0, max: 3 }), n: dimArb(21),
      stride: fc.integer({ min: 1, max: 2 }), dilation: fc.integer({ min: 1, max: 2 }), pad: padArb, seed: fc.nat(),
    });
    fc.assert(fc.property(c, (c) => {
      const C = 4 * c.c4, Codd = C + c.extra;
      const x = randomTensor([1, c.h, c.w, Codd], c.seed), dw = randomTensor([3, 3, Codd, 1], c.seed + 1);
      const opts = { strides: c.stride, dilations: c.dilation, pad: c.pad, activation: 'relu' as const };
      const got = splitEqualsUnsplit(() => depthwiseConv2d(x, dw, opts), `dw ${JSON.stringify(c)}`);
      expectClose(got, onBackend('reference', () => depthwiseConv2d(x, dw, opts)), 1e-4, `dw ${JSON.stringify(c)}`);
      // The fused path needs channels a multiple of 4.
      const x4 = randomTensor([1, c.h, c.w, C], c.seed + 2), dw4 = randomTensor([3, 3, C, 1], c.seed + 3);
      const pw = randomTensor([1, 1, C, c.n], c.seed + 4), bias = randomTensor([c.n], c.seed + 5);
      const sepOpts = { strides: c.stride, pad: c.pad, bias, activation: 'relu6' as const };
      const sep = splitEqualsUnsplit(() => separableConv2d(x4, dw4, pw, sepOpts), `separable ${JSON.stringify(c)}`);
      expectClose(sep, onBackend('reference', () => separableConv2d(x4, dw4, pw, sepOpts)), 1e-4, `separable ${JSON.stringify(c)}`);
      const dwBias = randomTensor([C], c.seed + 6);
      const dwOpts = { strides: c.stride, pad: c.pad, bias: dwBias, activation: 'relu6' as const }, pwOpts = { bias, activation: 'relu' as const };
      const dp = splitEqualsUnsplit(() => depthwisePointwise(x4, dw4, pw, dwOpts, pwOpts), `dw+pw ${JSON.stringify(c)}`);
      expectClose(dp, onBackend('reference', () => depthwisePointwise(x4, dw4, pw, dwOpts, pwOpts)), 1e-4, `dw+pw ${JSON.stringify(c)}`);
    }), { seed: 9, numRuns: 100 });
  });

  it('element-wise chains, binary ops and activations are bit-identical to one thread and within 1e-4 of the reference (odd channel periods, tails)', () => {
    const c = fc.record({
      h: fc.integer({ min: 4, max: 23 }), w: fc.integer({ min: 4, max: 23 }), ch: dimArb(13),
      kinds: fc.array(fc.constantFrom('scalar', 'channel', 'whole'), { minLength: 1, maxLength: 4 }),
      ops: fc.array(fc.constantFrom('add' as const, 'sub' as const, 'mul' as const, 'div' as const), { minLength: 4, maxLength: 4 }),
      acts: fc.array(fc.constantFrom(undefined, 'relu' as const, 'relu6' as const), { minLength: 4, maxLength: 4 }),
      seed: fc.nat(),
    });
    fc.assert(fc.property(c, (c) => {
      const shape = [1, c.h, c.w, c.ch];
      const x = randomTensor(shape, c.seed, -8, 8);
      const steps: ChainStep[] = c.kinds.map((k, i) => ({
        op: c.ops[i],
        operand: k === 'scalar' ? 0.5 + i : randomTensor(k === 'channel' ? [c.ch] : shape, c.seed + 1 + i, 0.5, 2),
        activation: c.acts[i],
      }));
      const got = splitEqualsUnsplit(() => elementwiseChain(x, steps), `chain ${JSON.stringify(c)}`);
      expectClose(got, onBackend('reference', () => elementwiseChain(x, steps)), 1e-4, `chain ${JSON.stringify(c)}`);
      const y = randomTensor(shape, c.seed + 9);
      splitEqualsUnsplit(() => add(x, y), `add ${JSON.stringify(c)}`);
      splitEqualsUnsplit(() => relu6(x), `relu6 ${JSON.stringify(c)}`);
    }), { seed: 10, numRuns: 150 });
  });

  it('had the worker thread run some of the chunks (not only the calling thread)', () => {
    expect(workerChunkCount()).toBeGreaterThan(workerChunksBefore);
  });
});

describe.skipIf(why !== null)('models with 2 cpu threads', () => {
  afterAll(async () => { await setCpuThreads(1); });

  it('give dlib-resnet descriptors and landmark68 outputs identical to 1 thread (bit for bit, default split threshold)', async () => {
    setBackend('cpu');
    await setCpuThreads(1);
    const resnet = dlibResnet(weightsOf('dlib-resnet')), marks = landmark68(weightsOf('landmark68'));
    const face = await fixtureImage(faceApiFixtures().face_recognition[0].input);
    const oneR = await resnet.run(face), oneL = await marks.run(face);
    await setCpuThreads(2);
    const chunks = workerChunkCount();
    const twoR = await resnet.run(face), twoL = await marks.run(face);
    expect(bits(twoR)).toEqual(bits(oneR));
    expect(bits(twoL)).toEqual(bits(oneL));
    expect(workerChunkCount()).toBeGreaterThan(chunks);
  });
});

describe.skipIf(why !== null)('a worker that dies holding a chunk', () => {
  it('fails the call with E_BACKEND after the stall limit instead of hanging, and the pool runs later calls alone', async () => {
    const { Worker } = await import('node:worker_threads');
    // A real worker that takes one chunk of a job and exits without finishing it: what a crashed or
    // killed thread leaves behind. It spins on SEQ (no sleep) so it races the caller for chunks;
    // a job the caller finishes alone just runs again.
    const dying: WorkerFactory = (_source, events) => {
      const w = new Worker(`
        const { parentPort } = require('node:worker_threads');
        parentPort.once('message', (m) => {
          const ctl = new Int32Array(m.control);
          Atomics.add(ctl, ${SLOT.READY}, 1);
          parentPort.postMessage('ready');
          let seen = Atomics.load(ctl, ${SLOT.SEQ});
          for (;;) {
            const s = Atomics.load(ctl, ${SLOT.SEQ});
            if (s === seen) continue;
            seen = s;
            if (Atomics.load(ctl, ${SLOT.QUIT}) !== 0 || Atomics.sub(ctl, ${SLOT.REMAIN}, 1) > 0) process.exit(0);
          }
        });`, { eval: true });
      w.on('message', (m: unknown) => events.onMessage(m));
      w.on('error', (e: unknown) => events.onError(e));
      return { postMessage: (m) => w.postMessage(m), terminate: () => { void w.terminate(); } };
    };
    const { kernels } = useSharedMemory();
    expect(kernels).not.toBeNull();
    const k = kernels!;
    const pool = new ThreadPool(dying, k.module, k.memory, k.exports, 2, 0, 300);
    await pool.ready;
    // An element-wise relu over 4,096 vectors in 4,096 chunks, in scratch memory above the packed weights.
    const base = scratchBase();
    ensureBytes(k, base + 2 * 65536);
    const job = { fn: pool.fnIndex('actRelu'), args: [base, 0, 0, base + 65536, 4096], step: [16, 0, 0, 16, 1], countArg: 4, chunkUnits: 1 };
    let err: unknown = null;
    for (let i = 0; i < 1000 && err === null; i++) {
      try { pool.run(job); } catch (e) { err = e; }
    }
    expect(err).toEqual(expect.objectContaining({ code: 'E_BACKEND' }));
    expect(() => pool.run(job)).not.toThrow();
    pool.close();
  });
});
