/**
 * Seeded random tensors for property tests, with no test-runner import, so browser-side checks
 * (test/browser/webgpu-ops.worker.ts) draw the same values as the Node tests.
 */
import { make, type Tensor } from '../../../src/nn/tensor.js';

/** Deterministic pseudo-random floats in [-1, 1) (mulberry32), so shapes come from fast-check and values from a seed. */
export function randomTensor(shape: readonly number[], seed: number, lo = -1, hi = 1): Tensor {
  const t = make(shape);
  let s = seed >>> 0;
  for (let i = 0; i < t.data.length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    const u = ((z ^ (z >>> 14)) >>> 0) / 4294967296;
    t.data[i] = lo + (hi - lo) * u;
  }
  return t;
}
