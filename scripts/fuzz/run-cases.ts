/**
 * The in-process case loop: generate, run, classify each case and track time and memory.
 * Used by the child process of scripts/fuzz.ts and directly by the CI smoke test.
 */
import fs from 'node:fs';
import { isFacetsError } from '../../src/core/errors.js';
import { caseRng } from './rng.js';
import type { CaseOutcome, FuzzTarget, TargetReport } from './types.js';

export interface RunOptions {
  seed: number;
  cases: number;
  /** Run only this case index (reproduction). */
  onlyCase?: number;
  /** First case index (a restarted child resumes after the case that killed its predecessor). */
  from?: number;
  /** Print a progress line to stderr every this many cases (0: never). */
  progressEvery?: number;
  /**
   * A case that used more CPU time than this is a HANG (the bound is 1 s). CPU time, not
   * wall time, because on a shared machine a case can wait seconds for a core; wall time is
   * reported too (maxWallMs).
   */
  hangMs: number;
  /** A case after which arrayBuffers exceed this is a MEMORY failure (runaway allocation). */
  maxArrayBuffersMB: number;
  /** Where to write the index of the case about to run, so a parent can name a stalled case. */
  progressFile?: string;
}

const MB = 1024 * 1024;

/** Runs one case, never throws: a non-FacetsError exception is a crash. */
export async function runCase<I>(run: (input: I) => void | Promise<void>, input: I): Promise<CaseOutcome> {
  try {
    await run(input);
    return { kind: 'ok' };
  } catch (e) {
    if (isFacetsError(e)) return { kind: 'error', code: e.code };
    const err = e instanceof Error ? e : new Error(String(e));
    return { kind: 'crash', name: err.name, message: err.message.slice(0, 300), stack: (err.stack ?? '').split('\n').slice(0, 8).join('\n') };
  }
}

function writeProgress(fd: number | undefined, k: number): void {
  if (fd === undefined) return;
  const b = Buffer.from(`${k}\n`.padEnd(16, ' '));
  fs.writeSync(fd, b, 0, b.length, 0);
}

/** Runs the cases of one target and reports counts, failures, time and peak memory. */
export async function runCases<I>(target: FuzzTarget<I>, opt: RunOptions): Promise<TargetReport> {
  const prepared = await target.prepare();
  const report: TargetReport = {
    target: target.name, seed: opt.seed, cases: 0, ok: 0, errors: {}, crashes: 0, hangs: 0, memoryFailures: 0, failures: [],
    maxCaseMs: 0, maxCaseIndex: -1, maxWallMs: 0, peakArrayBuffersCase: -1, peak: { rssMB: 0, heapUsedMB: 0, arrayBuffersMB: 0 }, casesPerSecond: 0, wallSeconds: 0,
  };
  const fd = opt.progressFile ? fs.openSync(opt.progressFile, 'w') : undefined;
  const first = opt.onlyCase ?? opt.from ?? 0;
  const last = opt.onlyCase ?? opt.cases - 1;
  // Warm-up, not counted: each path's first call pays for JIT and lazy module set-up, which is
  // not what the 1 s bound is about.
  for (let k = 0; k < 20; k++) await runCase(prepared.run, prepared.generate(caseRng(opt.seed ^ 0x5eed, target.name, k)));
  const t0 = performance.now();
  for (let k = first; k <= last; k++) {
    if (opt.progressEvery && k > first && (k - first) % opt.progressEvery === 0) {
      process.stderr.write(`[${target.name}] ${k}/${opt.cases} cases, ${report.crashes} crashes, ${report.hangs} hangs, ${((k - first) / ((performance.now() - t0) / 1000)).toFixed(0)} cases/s\n`);
    }
    writeProgress(fd, k);
    const input = prepared.generate(caseRng(opt.seed, target.name, k));
    const c0 = performance.now();
    const u0 = process.cpuUsage();
    const out = await runCase(prepared.run, input);
    const u1 = process.cpuUsage(u0);
    const ms = (u1.user + u1.system) / 1000;
    report.maxWallMs = Math.max(report.maxWallMs, performance.now() - c0);
    report.cases++;
    if (out.kind === 'ok') report.ok++;
    else if (out.kind === 'error') report.errors[out.code] = (report.errors[out.code] ?? 0) + 1;
    else {
      report.crashes++;
      if (report.failures.length < 50) report.failures.push({ kind: 'crash', caseIndex: k, detail: `${out.name}: ${out.message}\n${out.stack}` });
    }
    if (ms > report.maxCaseMs) { report.maxCaseMs = ms; report.maxCaseIndex = k; }
    if (ms > opt.hangMs) {
      report.hangs++;
      if (report.failures.length < 50) report.failures.push({ kind: 'hang', caseIndex: k, detail: `used ${ms.toFixed(0)} ms of CPU (bound ${opt.hangMs} ms)` });
    }
    const m = process.memoryUsage();
    report.peak.rssMB = Math.max(report.peak.rssMB, m.rss / MB);
    report.peak.heapUsedMB = Math.max(report.peak.heapUsedMB, m.heapUsed / MB);
    if (m.arrayBuffers / MB > report.peak.arrayBuffersMB) { report.peak.arrayBuffersMB = m.arrayBuffers / MB; report.peakArrayBuffersCase = k; }
    if (m.arrayBuffers / MB > opt.maxArrayBuffersMB) {
      report.memoryFailures++;
      if (report.failures.length < 50) report.failures.push({ kind: 'memory', caseIndex: k, detail: `arrayBuffers ${(m.arrayBuffers / MB).toFixed(0)} MB after the case (bound ${opt.maxArrayBuffersMB} MB)` });
    }
  }
  if (fd !== undefined) fs.closeSync(fd);
  report.wallSeconds = (performance.now() - t0) / 1000;
  report.casesPerSecond = report.wallSeconds >= 0.01 ? report.cases / report.wallSeconds : 0;
  for (const k of ['rssMB', 'heapUsedMB', 'arrayBuffersMB'] as const) report.peak[k] = Math.round(report.peak[k] * 10) / 10;
  report.maxCaseMs = Math.round(report.maxCaseMs * 10) / 10;
  report.maxWallMs = Math.round(report.maxWallMs * 10) / 10;
  report.wallSeconds = Math.round(report.wallSeconds * 10) / 10;
  report.casesPerSecond = Math.round(report.casesPerSecond);
  return report;
}
