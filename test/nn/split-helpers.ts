/**
 * For the bit-exactness tests of split kernels: run the same computation once as single kernel
 * calls and once with every call split over the thread pool, and compare raw bits.
 */
import { setSplitMinWork } from '../../src/nn/kernels/threads/cpu-threads.js';

/**
 * Runs `f` with splitting off, then with every call split (threshold 0), and restores the threshold.
 * requires: cpu threads started (setCpuThreads(n > 1)) for the second run to split.
 */
export function unsplitThenSplit<T>(f: () => T): [T, T] {
  const before = setSplitMinWork(Number.POSITIVE_INFINITY);
  try {
    const one = f();
    setSplitMinWork(0);
    return [one, f()];
  } finally {
    setSplitMinWork(before);
  }
}

/** The raw bits of a float array (NaN payloads and signed zeros included). */
export function bitsOf(a: Float32Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length);
}
