/**
 * The hook the browser's webgpu bridge plugs into, checked in Node: in gpu.js mode 'webgpu',
 * gpuRun hands every kernel call to a synchronous runner as plain data. The runner here compiles
 * the call's source with gpu.js in its own cpu mode, so a KernelCall must carry everything a
 * kernel needs on the far side of a thread boundary (source, constants, arguments, key).
 */
import fc from 'fast-check';
import { GPU, type IKernelRunShortcut } from 'gpu.js';
import { afterAll, describe, expect, it } from 'vitest';
import { FacetsError, isFacetsError } from '../../src/core/errors.js';
import { setBackend } from '../../src/nn/backend.js';
import { configureGpujs, type KernelCall, type SyncKernelRunner } from '../../src/nn/kernels/gpujs-runtime.js';
import { conv2d, concat, matMul, softmax } from '../../src/nn/ops/index.js';
import { make, type Tensor } from '../../src/nn/tensor.js';

function rand(shape: number[], seed: number): Tensor {
  const t = make(shape);
  let s = seed >>> 0;
  for (let i = 0; i < t.data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    t.data[i] = s / 2 ** 31 - 1;
  }
  return t;
}

/** A runner that compiles each call with gpu.js cpu mode, cached by the call's key. */
function cpuModeRunner(seen: KernelCall[]): SyncKernelRunner {
  const gpu = new GPU({ mode: 'cpu' });
  const cache = new Map<string, IKernelRunShortcut>();
  return (call) => {
    seen.push(call);
    let k = cache.get(call.key);
    if (!k) {
      k = gpu.createKernel(call.source, { output: [call.size], constants: call.constants });
      cache.set(call.key, k);
    }
    return k(...call.args) as Float32Array;
  };
}

function withRunner<T>(runner: SyncKernelRunner, f: () => T): T {
  configureGpujs({ mode: 'webgpu', runner });
  setBackend('gpujs');
  try {
    return f();
  } finally {
    configureGpujs({ mode: 'gpu' });
    setBackend('reference');
  }
}

const onReference = <T>(f: () => T): T => {
  setBackend('reference');
  return f();
};

describe("gpujs mode 'webgpu' (kernels through a synchronous runner)", () => {
  afterAll(() => {
    configureGpujs({ mode: 'gpu' });
    setBackend('cpu');
  });

  it('needs a runner exactly in webgpu mode', () => {
    expect(() => configureGpujs({ mode: 'webgpu' })).toThrow(/synchronous runner/);
    expect(() => configureGpujs({ mode: 'cpu', runner: () => new Float32Array(1) })).toThrow(/only used in mode 'webgpu'/);
    try {
      configureGpujs({ mode: 'webgpu' });
    } catch (e) {
      expect(isFacetsError(e, 'E_BAD_ARGUMENT')).toBe(true);
    }
  });

  it('sends conv2d, matMul, softmax and concat calls the runner can run elsewhere, equal to the reference (seeded shapes, 1e-4 relative)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), fc.nat(), (h, w, c, n, seed) => {
      const x = rand([1, h, w, c], seed);
      const f = rand([3, 3, c, n], seed + 1);
      const a = rand([h, c], seed + 2);
      const b = rand([c, n], seed + 3);
      const ops = (): Tensor[] => [conv2d(x, f, { pad: 'same', activation: 'relu' }), matMul(a, b), softmax(a), concat([a, rand([h, n], seed + 4)], 1)];
      const seen: KernelCall[] = [];
      const got = withRunner(cpuModeRunner(seen), ops);
      const want = onReference(ops);
      expect(seen.map((s) => s.name)).toEqual(expect.arrayContaining(['conv2d', 'matMul', 'softmax', 'concat']));
      for (const call of seen) expect(call.args.every((arg) => arg.length > 0)).toBe(true);
      got.forEach((g, i) => {
        expect(g.shape).toEqual(want[i].shape);
        g.data.forEach((v, j) => expect(Math.abs(v - want[i].data[j])).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(want[i].data[j]))));
      });
    }), { seed: 7, numRuns: 6 });
  });

  it('turns a runner failure or a wrong-sized answer into E_BACKEND naming the kernel, and keeps a FacetsError code', () => {
    const x = rand([1, 2, 2, 1], 1);
    const failWith = (runner: SyncKernelRunner): string => {
      configureGpujs({ mode: 'webgpu', runner });
      try {
        setBackend('gpujs');
        conv2d(x, rand([1, 1, 1, 1], 2));
        return 'no error';
      } catch (e) {
        return isFacetsError(e) ? `${e.code} ${e.message}` : `not a FacetsError: ${String(e)}`;
      } finally {
        configureGpujs({ mode: 'gpu' });
      }
    };
    expect(failWith(() => { throw new Error('device lost'); })).toMatch(/^E_BACKEND .*'probe'.*device lost/);
    expect(failWith((call) => new Float32Array(call.size + 1))).toMatch(/^E_BACKEND .*instead of 1 floats/);
    expect(failWith((call) => (call.name === 'probe' ? new Float32Array([4]) : new Float32Array(call.size + 1)))).toMatch(/^E_BACKEND gpujs: kernel 'conv2d' runner returned/);
    expect(failWith((call) => {
      if (call.name === 'probe') return new Float32Array([4]);
      throw new FacetsError('E_UNSUPPORTED', 'no adapter');
    })).toBe('E_UNSUPPORTED no adapter');
  });
});
