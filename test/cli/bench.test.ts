import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countMacs } from '../../src/cli/bench/macs.js';
import { median, MIN_BUDGET_RUNS, timeRuns } from '../../src/cli/bench/runner.js';
import { runCli as run } from './run-cli.js';
import { conv2d, depthwiseConv2d, matMul } from '../../src/nn/ops/index.js';
import { depthwisePointwise } from '../../src/nn/ops/depthwise/depthwise.js';
import { wasmKernelsEnabled } from '../../src/nn/kernels/wasm/runtime.js';
import { make } from '../../src/nn/tensor.js';


const positive = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;

describe('facets bench', () => {
  it('--json runs landmark68-tiny against TF.js wasm and prints the documented document', async () => {
    const r = await run('bench', '--models', 'landmark68-tiny', '--runs', '2', '--warmup', '1', '--peers', 'wasm', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ runs: 2, warmup: 1, threads: 1 });
    expect(positive(doc.machine.cpus)).toBe(true);
    expect(doc.machine.node).toBe(process.version);
    expect(typeof doc.machine.simd).toBe('boolean');
    expect(doc.results).toHaveLength(1);
    const row = doc.results[0];
    expect(row).toMatchObject({ model: 'landmark68-tiny', backend: 'cpu', kind: 'cnn', threads: 1 });
    for (const k of ['medianMs', 'minMs', 'macs', 'gflops']) expect(positive(row[k]), k).toBe(true);
    expect(row.cpuMedianMs).toBeGreaterThanOrEqual(0);
    expect(row.minMs).toBeLessThanOrEqual(row.medianMs);
    // GFLOP/s is 2 * MACs over the wall median.
    expect(row.gflops).toBeCloseTo((2 * row.macs) / (row.medianMs * 1e6), 9);
    const wasm = row.peers['tfjs-wasm'];
    expect(wasm.unavailable).toBeUndefined();
    expect(positive(wasm.medianMs) && positive(wasm.minMs)).toBe(true);
    expect(wasm.threads).toBe(1);
    expect(row.ratioWasm).toBeCloseTo(row.medianMs / wasm.medianMs, 12);
    expect(row.peers['tfjs-cpu']).toBeUndefined();
  });

  it('an unknown --models name is a usage error (exit 2) naming the available models', async () => {
    const r = await run('bench', '--models', 'landmark68,no-such-net', '--runs', '1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown model 'no-such-net'; available: dlib-resnet, .*landmark68-tiny.*faceres.*lbph/);
    expect((await run('bench', '--backends', 'cuda')).code).toBe(2);
    expect((await run('bench', '--runs', '0')).code).toBe(2);
    expect((await run('bench', '--threads', '3')).code).toBe(2);
    expect((await run('bench', '--max-seconds', '0')).code).toBe(2);
    expect((await run('bench', '--peers', 'tfjs-gpu')).code).toBe(2);
  });

  it('--peers none measures facets alone (no ratio), and the classic stages run with --models', async () => {
    const r = await run('bench', '--models', 'landmark68-tiny,lbph', '--runs', '2', '--warmup', '0', '--peers', 'none', '--json');
    expect(r.code).toBe(0);
    const [net, lbph] = JSON.parse(r.out).results;
    expect(net.peers).toEqual({});
    expect(net.ratioWasm).toBeNull();
    expect(positive(net.medianMs)).toBe(true);
    expect(lbph).toMatchObject({ model: 'lbph', kind: 'classic', input: '150x150 grey', macs: null, gflops: null });
    expect(positive(lbph.medianMs)).toBe(true);
  });

  it('prints a table without --json', async () => {
    const r = await run('bench', '--models', 'lbph', '--runs', '1', '--warmup', '0');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/facets\/wasm wall/);
    expect(r.out).toMatch(/\nlbph +150x150 grey +ts \(ts\)/);
  });
});

describe('countMacs', () => {
  it('counts conv2d, depthwise and matMul MACs from the shapes the kernels receive', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ h: fc.integer({ min: 1, max: 9 }), w: fc.integer({ min: 1, max: 9 }), c: fc.integer({ min: 1, max: 5 }), o: fc.integer({ min: 1, max: 5 }), k: fc.integer({ min: 1, max: 3 }), s: fc.integer({ min: 1, max: 2 }), m: fc.integer({ min: 1, max: 6 }) }),
        async ({ h, w, c, o, k, s, m }) => {
          const x = make([1, h, w, c]);
          let expected = 0;
          const macs = await countMacs(() => {
            const y = conv2d(x, make([k, k, c, o]), { strides: s, pad: 'same' });
            expected += y.shape[1]! * y.shape[2]! * o * k * k * c;
            const d = depthwiseConv2d(x, make([k, k, c, 1]), { strides: s, pad: 'same' });
            expected += d.shape[1]! * d.shape[2]! * c * k * k;
            matMul(make([m, c]), make([o, c]), { transposeB: true });
            expected += m * c * o;
          });
          expect(macs).toBe(expected);
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });

  it('counts the fused depthwise -> pointwise block of the cpu backend, and leaves the wasm switch as it was', async () => {
    const before = wasmKernelsEnabled();
    const x = make([1, 8, 8, 8]);
    // 3x3 depthwise over 8 channels (stride 1, same) then 1x1 to 16 channels: the shape the fused path takes.
    const macs = await countMacs(() => depthwisePointwise(x, make([3, 3, 8, 1]), make([1, 1, 8, 16]), { pad: 'same' }, {}));
    expect(macs).toBe(8 * 8 * 8 * 9 + 8 * 8 * 16 * 8);
    expect(wasmKernelsEnabled()).toBe(before);
  });

  it('restores the kernel table when the forward pass throws', async () => {
    await expect(countMacs(() => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await countMacs(() => undefined)).toBe(0);
    const x = make([1, 3, 3, 1]);
    conv2d(x, make([1, 1, 1, 1])); // still the plain kernel: nothing left counting
    expect(await countMacs(() => conv2d(x, make([1, 1, 1, 1])))).toBe(9);
  });
});

describe('timeRuns', () => {
  it('times each run after the warm-up; median and min bound each other', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 }), async (runs, warmup) => {
        let calls = 0;
        const t = await timeRuns(() => { calls++; }, runs, warmup);
        expect(calls).toBe(runs + warmup);
        expect(t.runs).toBe(runs);
        expect(t.minMs).toBeLessThanOrEqual(t.medianMs);
        expect(t.cpuMinMs).toBeLessThanOrEqual(t.cpuMedianMs);
        expect(t.minMs).toBeGreaterThanOrEqual(0);
      }),
      { seed: 42, numRuns: 20 },
    );
    await expect(timeRuns(() => 0, 0, 0)).rejects.toMatchObject({ code: 'E_BAD_ARGUMENT' });
    await expect(timeRuns(() => 0, 1, 0, 0)).rejects.toMatchObject({ code: 'E_BAD_ARGUMENT' });
  });

  it('a spent budget stops warm-up after one run and timing after MIN_BUDGET_RUNS', async () => {
    let calls = 0;
    // Each call lasts until the clock ticks, so every run spends more than the 1 ns budget.
    const tick = (): void => { calls++; const t = performance.now(); while (performance.now() === t); };
    const t = await timeRuns(tick, 10, 5, 1e-6);
    expect(t.runs).toBe(MIN_BUDGET_RUNS);
    expect(calls).toBe(1 + MIN_BUDGET_RUNS);
    expect((await timeRuns(tick, 2, 0, 1e-6)).runs).toBe(2);
  });

  it('median takes the upper middle of the sorted values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 30 }), (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        expect(median(xs)).toBe(s[Math.floor(s.length / 2)]);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
