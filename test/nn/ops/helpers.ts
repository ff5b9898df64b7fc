/**
 * Shared helpers for the op property tests: seeded random tensors, a closeness check with a
 * stated tolerance, and running one op under a named backend.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { backendByName, getBackend, setBackend, type BackendName } from '../../../src/nn/backend.js';
import type { Tensor } from '../../../src/nn/tensor.js';
import { configureGpujs, type GpujsMode } from '../../../src/nn/kernels/gpujs-runtime.js';
import '../../../src/nn/ops/index.js';

export { randomTensor } from './random-tensor.js';

/** Relative tolerance of every backend-vs-reference comparison: |a - e| <= RTOL * max(1, |e|). */
export const RTOL = 1e-4;

/** Largest violation of the tolerance, 0 when within; reports the first bad index. */
export function expectClose(actual: Tensor, expected: Tensor, rtol = RTOL, what = ''): void {
  expect([...actual.shape], `shape ${what}`).toEqual([...expected.shape]);
  for (let i = 0; i < expected.data.length; i++) {
    const a = actual.data[i], e = expected.data[i];
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    if (a === e) continue;
    const err = Math.abs(a - e);
    if (!(err <= rtol * Math.max(1, Math.abs(e)))) {
      throw new Error(`${what} index ${i}: got ${a}, expected ${e} (|err| ${err} > ${rtol} rel)`);
    }
  }
}

/** Runs `f` with `name` as the current backend, restoring the previous one. */
export function onBackend<T>(name: BackendName, f: () => T): T {
  const prev = getBackend();
  setBackend(name);
  try {
    return f();
  } finally {
    setBackend(prev);
  }
}

/** Why a backend cannot run here, or null. */
export function unavailable(name: BackendName): string | null {
  try {
    return backendByName(name).unavailableReason();
  } catch (e) {
    return (e as Error).message;
  }
}

export interface BackendUnderTest {
  label: string;
  name: BackendName;
  /** gpu.js mode for the 'gpujs' backend. */
  mode?: GpujsMode;
  numRuns: number;
}

/**
 * The backends held to the reference. gpu.js runs in the modes Node offers here: webasm (what
 * 'gpu' resolves to without the `gl` package) and cpu; GL modes need a browser or `gl`.
 * gpu.js compiles a kernel per shape signature, so it gets fewer runs.
 */
export const FAST_BACKENDS: BackendUnderTest[] = [
  { label: 'cpu', name: 'cpu', numRuns: 60 },
  { label: 'gpujs (webasm mode)', name: 'gpujs', mode: 'webasm', numRuns: 10 },
  { label: 'gpujs (cpu mode)', name: 'gpujs', mode: 'cpu', numRuns: 10 },
];

/** Selects the entry's gpu.js mode (no-op for other backends); call in beforeAll and before probing. */
export function selectMode(b: BackendUnderTest): void {
  if (b.mode) configureGpujs({ mode: b.mode });
}

/** Why the entry cannot run here (printed by the suites that skip it), or null. */
export function unavailableEntry(b: BackendUnderTest): string | null {
  selectMode(b);
  return unavailable(b.name);
}

export const padArb: fc.Arbitrary<'same' | 'valid' | { top: number; bottom: number; left: number; right: number }> = fc.oneof(
  fc.constant('same' as const),
  fc.constant('valid' as const),
  fc.record({ top: fc.nat(2), bottom: fc.nat(2), left: fc.nat(2), right: fc.nat(2) }),
);

/** Sizes include 1 and odd values on purpose (dlib test/image.cpp style). */
export const dimArb = (max: number): fc.Arbitrary<number> => fc.integer({ min: 1, max });
