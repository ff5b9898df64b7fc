import type { Rng } from './rng.js';

/**
 * One parser under fuzzing. `prepare` loads or builds the seed inputs once; `generate` makes the
 * input of one case from its generator (pure in rng, so a case replays); `run` feeds it to the
 * parser and, where cheap, to its consumer. `run` returns normally or throws.
 */
export interface FuzzTarget<I = unknown> {
  name: string;
  /** What `run` exercises, for the report. */
  description: string;
  prepare(): Promise<PreparedTarget<I>> | PreparedTarget<I>;
}

export interface PreparedTarget<I> {
  /** Number of real seed inputs the mutations start from. */
  seeds: number;
  generate(rng: Rng): I;
  run(input: I): void | Promise<void>;
}

/** How one case ended. */
export type CaseOutcome =
  | { kind: 'ok' }
  | { kind: 'error'; code: string }
  | { kind: 'crash'; name: string; message: string; stack: string };

/** A case that must be fixed: replay it with `--seed S --only-case K`. */
export interface Failure {
  kind: 'crash' | 'hang' | 'memory';
  caseIndex: number;
  detail: string;
}

/** What a run of one target measured. */
export interface TargetReport {
  target: string;
  seed: number;
  cases: number;
  ok: number;
  errors: Record<string, number>;
  crashes: number;
  hangs: number;
  memoryFailures: number;
  failures: Failure[];
  /** Largest CPU time of one case (user + system, whole process), ms, and its case index. */
  maxCaseMs: number;
  maxCaseIndex: number;
  /** Largest wall-clock time of one case, ms (includes waiting for a core on a loaded machine). */
  maxWallMs: number;
  peak: { rssMB: number; heapUsedMB: number; arrayBuffersMB: number };
  /** The case after which arrayBuffers (typed-array memory) peaked: what a runaway allocation shows up in. */
  peakArrayBuffersCase: number;
  casesPerSecond: number;
  wallSeconds: number;
  /** Set when the child process died or stalled before finishing (crash/hang/OOM at `failures`). */
  aborted?: string;
}
