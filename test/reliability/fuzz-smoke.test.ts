/**
 * CI-sized run of the fuzz targets of scripts/fuzz (the long run is `npx tsx scripts/fuzz.ts`,
 * >= 100,000 cases per parser). Seeded, so a failure here replays with
 * `npx tsx scripts/fuzz.ts --in-process --parsers P --seed 42 --only-case K`.
 * The 1 s per-case bound is checked by the long run, not here: tests do not time things
 * (an endless loop still fails here, by the test timeout).
 */
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../../scripts/fuzz/registry.js';
import { runCases } from '../../scripts/fuzz/run-cases.js';

const CASES = 300;

describe('fuzz targets (seed 42, 300 cases each)', () => {
  for (const target of TARGETS) {
    it(`${target.name}: ${target.description} ends every case in a result or a FacetsError`, async () => {
      const r = await runCases(target, { seed: 42, cases: CASES, hangMs: Number.POSITIVE_INFINITY, maxArrayBuffersMB: 1024 });
      expect(r.failures).toEqual([]);
      expect(r.crashes + r.memoryFailures).toBe(0);
      expect(r.cases).toBe(CASES);
      // The mutations must reach both outcomes, or the target tests nothing.
      expect(r.ok).toBeGreaterThan(0);
      expect(Object.values(r.errors).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    });
  }
});
