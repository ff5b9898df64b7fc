/**
 * The timing loop of `facets bench`: warm-up runs, then N timed runs, each timed both by the wall
 * clock and by this process's CPU time (user + system over all threads). On a machine shared with
 * other work the CPU time is the steadier figure; with several threads it sums them, so the wall
 * clock is what shows a multi-thread speed-up. Both are reported.
 */
import { check } from '../../core/errors.js';

/** Medians and minima over the timed runs, in milliseconds. */
export interface Timing {
  /** Timed runs actually made (fewer than asked when a time budget cut them short). */
  runs: number;
  medianMs: number;
  minMs: number;
  cpuMedianMs: number;
  cpuMinMs: number;
}

/** The median of a non-empty list (the upper middle for an even count, as the benches in bench/ do). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Timed runs made before a time budget may stop a measurement. */
export const MIN_BUDGET_RUNS = 3;

/**
 * Runs `f` `warmup` times untimed, then `runs` times timed. With a budget, warm-up stops after
 * one run once `budgetMs` of wall time went by, and timing stops once `budgetMs` went by in timed
 * runs and at least MIN_BUDGET_RUNS were made (TF.js's pure-JS backend takes most of a minute
 * per SSD pass on a 2-core machine).
 * requires: runs >= 1, warmup >= 0 (integers), budgetMs > 0.
 * ensures: every field finite and >= 0; medianMs >= minMs; runs = the timed runs made.
 */
export async function timeRuns(f: () => unknown, runs: number, warmup: number, budgetMs = Infinity): Promise<Timing> {
  check(Number.isInteger(runs) && runs >= 1, 'timeRuns', `runs must be a positive integer, got ${runs}`);
  check(Number.isInteger(warmup) && warmup >= 0, 'timeRuns', `warmup must be a non-negative integer, got ${warmup}`);
  check(budgetMs > 0, 'timeRuns', `budgetMs must be positive, got ${budgetMs}`);
  const w0 = performance.now();
  for (let i = 0; i < warmup && !(i >= 1 && performance.now() - w0 >= budgetMs); i++) await f();
  const wall: number[] = [];
  const cpu: number[] = [];
  let spent = 0;
  for (let i = 0; i < runs && !(spent >= budgetMs && i >= MIN_BUDGET_RUNS); i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    wall.push(performance.now() - t0);
    spent += wall[wall.length - 1]!;
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { runs: wall.length, medianMs: median(wall), minMs: Math.min(...wall), cpuMedianMs: median(cpu), cpuMinMs: Math.min(...cpu) };
}
