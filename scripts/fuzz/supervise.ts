/**
 * Runs one target in a child process with a capped V8 heap, so a runaway allocation or a hang
 * ends that child (and is reported with its case index) instead of taking the machine down.
 * A child that dies or stalls is restarted after the case that stopped it.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunOptions } from './run-cases.js';
import type { Failure, TargetReport } from './types.js';

export interface SuperviseOptions extends RunOptions {
  /** V8 old-space cap of the child, MiB. */
  heapMB: number;
  /** A case still running after this long is killed and reported as a HANG. */
  stallSeconds: number;
}

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.ts');

interface ChildEnd {
  report?: TargetReport;
  failure?: Failure;
}

function runChild(target: string, opt: SuperviseOptions, from: number): Promise<ChildEnd> {
  const progressFile = path.join(os.tmpdir(), `facets-fuzz-${process.pid}-${target}.progress`);
  const options: RunOptions = { ...opt, from, progressFile };
  const child = fork(CHILD, [JSON.stringify({ target, options })], {
    execArgv: [...process.execArgv, `--max-old-space-size=${opt.heapMB}`],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderrTail = '';
  child.stderr?.on('data', (d: Buffer) => {
    const s = d.toString();
    if (s.startsWith('[')) process.stderr.write(s);
    stderrTail = (stderrTail + s).slice(-4000);
  });
  const current = (): number => {
    try { return Number.parseInt(fs.readFileSync(progressFile, 'utf8'), 10); } catch { return from; }
  };
  return new Promise((resolve) => {
    let report: TargetReport | undefined;
    let stalled: Failure | undefined;
    let last = -1;
    let since = Date.now();
    const timer = setInterval(() => {
      const k = current();
      if (k !== last) { last = k; since = Date.now(); return; }
      if (Date.now() - since > opt.stallSeconds * 1000) {
        stalled = { kind: 'hang', caseIndex: k, detail: `no progress for ${opt.stallSeconds} s: child killed` };
        child.kill('SIGKILL');
      }
    }, 500);
    child.on('message', (m) => { report = m as TargetReport; });
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      fs.rmSync(progressFile, { force: true });
      if (report) return resolve({ report });
      if (stalled) return resolve({ failure: stalled });
      const oom = /heap out of memory|Allocation failed/i.test(stderrTail);
      resolve({ failure: { kind: oom ? 'memory' : 'crash', caseIndex: current(), detail: `child exited (code ${code}, signal ${signal})${oom ? ' out of memory' : ''}: ${stderrTail.slice(-1500)}` } });
    });
  });
}

function merge(a: TargetReport, b: TargetReport): TargetReport {
  const errors = { ...a.errors };
  for (const [k, v] of Object.entries(b.errors)) errors[k] = (errors[k] ?? 0) + v;
  const wall = a.wallSeconds + b.wallSeconds;
  return {
    ...a, cases: a.cases + b.cases, ok: a.ok + b.ok, errors, crashes: a.crashes + b.crashes, hangs: a.hangs + b.hangs,
    memoryFailures: a.memoryFailures + b.memoryFailures, failures: [...a.failures, ...b.failures],
    maxCaseMs: Math.max(a.maxCaseMs, b.maxCaseMs), maxWallMs: Math.max(a.maxWallMs, b.maxWallMs), maxCaseIndex: a.maxCaseMs >= b.maxCaseMs ? a.maxCaseIndex : b.maxCaseIndex,
    peak: { rssMB: Math.max(a.peak.rssMB, b.peak.rssMB), heapUsedMB: Math.max(a.peak.heapUsedMB, b.peak.heapUsedMB), arrayBuffersMB: Math.max(a.peak.arrayBuffersMB, b.peak.arrayBuffersMB) },
    peakArrayBuffersCase: a.peak.arrayBuffersMB >= b.peak.arrayBuffersMB ? a.peakArrayBuffersCase : b.peakArrayBuffersCase,
    wallSeconds: Math.round(wall * 10) / 10, casesPerSecond: Math.round((a.cases + b.cases) / Math.max(wall, 1e-9)),
  };
}

function emptyReport(target: string, seed: number): TargetReport {
  return {
    target, seed, cases: 0, ok: 0, errors: {}, crashes: 0, hangs: 0, memoryFailures: 0, failures: [], maxCaseMs: 0, maxCaseIndex: -1, maxWallMs: 0, peakArrayBuffersCase: -1,
    peak: { rssMB: 0, heapUsedMB: 0, arrayBuffersMB: 0 }, casesPerSecond: 0, wallSeconds: 0,
  };
}

/** Runs all cases of `target` in child processes, restarting after a dead or stalled case (at most 10 times). */
export async function superviseTarget(target: string, opt: SuperviseOptions): Promise<TargetReport> {
  let total = emptyReport(target, opt.seed);
  let from = opt.onlyCase ?? 0;
  for (let restarts = 0; restarts <= 10; restarts++) {
    const end = await runChild(target, opt, from);
    if (end.report) return merge(total, end.report);
    const f = end.failure as Failure;
    // The cases the dead child finished are counted as run; their outcomes died with it.
    total = merge(total, { ...emptyReport(target, opt.seed), cases: f.caseIndex - from + 1, crashes: f.kind === 'crash' ? 1 : 0, hangs: f.kind === 'hang' ? 1 : 0, memoryFailures: f.kind === 'memory' ? 1 : 0, failures: [f] });
    total.aborted = `child stopped at case ${f.caseIndex} (${f.kind})`;
    from = f.caseIndex + 1;
    if (opt.onlyCase !== undefined || from >= opt.cases) break;
  }
  return total;
}
