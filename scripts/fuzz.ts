/**
 * The long fuzz run of issue #13: seeded random and mutated inputs for every untrusted-input
 * parser, each case classified as ok / FacetsError (by code) / CRASH (any other exception) /
 * HANG (over --hang-ms of CPU time, 1 s by default) / MEMORY (runaway allocation), with peak memory.
 *
 *   npx tsx scripts/fuzz.ts [--cases 100000] [--parsers png,jpeg,...] [--seed 1] [--json]
 *                           [--only-case K] [--in-process] [--heap-mb 512] [--hang-ms 1000]
 *
 * Each parser runs in its own child process with `--max-old-space-size=--heap-mb`. A crash or
 * hang is replayed by `--parsers P --seed S --only-case K`. Exit code 1 when any case failed.
 */
import { TARGETS } from './fuzz/registry.js';
import { runCases, type RunOptions } from './fuzz/run-cases.js';
import { superviseTarget } from './fuzz/supervise.js';
import type { TargetReport } from './fuzz/types.js';

function args(argv: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) m.set(a.slice(2), 'true');
    else { m.set(a.slice(2), next); i++; }
  }
  return m;
}

function intArg(m: Map<string, string>, k: string, dflt: number): number {
  const v = m.get(k);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${k} must be a non-negative integer, got ${v}`);
  return n;
}

function row(r: TargetReport): string {
  const errs = Object.entries(r.errors).sort().map(([k, v]) => `${k}:${v}`).join(' ');
  return [r.target.padEnd(12), String(r.cases).padStart(7), String(r.ok).padStart(7), errs.padEnd(44), String(r.crashes).padStart(7),
    String(r.hangs + r.memoryFailures).padStart(8), `${r.maxCaseMs.toFixed(0)}/${r.maxWallMs.toFixed(0)}`.padStart(11), `${r.peak.rssMB.toFixed(0)}/${r.peak.heapUsedMB.toFixed(0)}/${r.peak.arrayBuffersMB.toFixed(0)}`.padStart(14),
    String(r.casesPerSecond).padStart(8)].join(' ');
}

const m = args(process.argv.slice(2));
const names = (m.get('parsers') ?? TARGETS.map((t) => t.name).join(',')).split(',');
const unknown = names.filter((n) => !TARGETS.some((t) => t.name === n));
if (unknown.length > 0) throw new Error(`unknown parsers ${unknown.join(', ')}; known: ${TARGETS.map((t) => t.name).join(', ')}`);
const onlyCase = m.has('only-case') ? intArg(m, 'only-case', 0) : undefined;
const opt: RunOptions = {
  seed: intArg(m, 'seed', 1),
  cases: intArg(m, 'cases', 100_000),
  hangMs: intArg(m, 'hang-ms', 1000),
  maxArrayBuffersMB: intArg(m, 'max-array-buffers-mb', 1024),
  progressEvery: m.has('json') ? 0 : 10_000,
  ...(onlyCase !== undefined ? { onlyCase } : {}),
};
const json = m.has('json');
const reports: TargetReport[] = [];
if (!json) {
  console.log(`facets fuzz: seed ${opt.seed}, ${onlyCase !== undefined ? `case ${onlyCase} only` : `${opt.cases} cases per parser`}, hang bound ${opt.hangMs} ms, node ${process.version}`);
  console.log(`${'parser'.padEnd(12)} ${'cases'.padStart(7)} ${'ok'.padStart(7)} ${'FacetsError by code'.padEnd(44)} ${'crashes'.padStart(7)} ${'hang/mem'.padStart(8)} ${'max ms c/w'.padStart(11)} ${'peak MB r/h/ab'.padStart(14)} ${'cases/s'.padStart(8)}`);
}
for (const name of names) {
  const r = m.has('in-process')
    ? await runCases(TARGETS.find((t) => t.name === name)!, opt)
    : await superviseTarget(name, { ...opt, heapMB: intArg(m, 'heap-mb', 512), stallSeconds: intArg(m, 'stall-s', 60) });
  reports.push(r);
  if (!json) {
    console.log(row(r));
    console.log(`  ${name}: slowest case ${r.maxCaseIndex} (${r.maxCaseMs} ms CPU), largest typed-array memory after case ${r.peakArrayBuffersCase}`);
    for (const f of r.failures) console.log(`  ${f.kind.toUpperCase()} ${name} --seed ${opt.seed} --only-case ${f.caseIndex}: ${f.detail}`);
  }
}
if (json) console.log(JSON.stringify({ seed: opt.seed, casesPerParser: opt.cases, hangMs: opt.hangMs, node: process.version, reports }, null, 2));
process.exitCode = reports.some((r) => r.crashes + r.hangs + r.memoryFailures > 0) ? 1 : 0;
