/**
 * The control block the calling thread and the workers share (one Int32Array over a
 * SharedArrayBuffer), and what one job is: a single wasm kernel call split into chunks along one
 * argument that counts units (row blocks, output rows). Chunk c of a job calls the export with
 *   args[i] + c * chunkUnits * step[i]   for every argument i, and
 *   min(chunkUnits, units - c * chunkUnits)   for the counting argument,
 * so every unit is computed by exactly the same instructions as in the unsplit call; only who
 * runs it changes. That is why a split call is bit-identical to the one-thread call.
 *
 * Claiming (lock-free): the caller writes the job, then stores REMAIN = chunks; any thread takes
 * chunk r - 1 when Atomics.sub(REMAIN, 1) returns r > 0, runs it and counts DONE up. A claim can
 * only succeed after the job's fields are written (the store of REMAIN is the last write, and all
 * Atomics operations are sequentially consistent), and the caller writes the next job only after
 * DONE reached the chunk count, so a late worker never mixes two jobs. SEQ only wakes sleepers.
 * The worker script (worker-source.ts) mirrors chunkArgs in plain JavaScript.
 */

/** Int32 slots of the control block. */
export const SLOT = {
  /** Job sequence number: bumped (and notified) per job, so sleeping workers wake. */
  SEQ: 0,
  /** Chunks not yet claimed (<= 0: none). */
  REMAIN: 1,
  /** Chunks finished in the current job. */
  DONE: 2,
  /** Chunks in the current job. */
  CHUNKS: 3,
  /** Index of the export to call, into the pool's name list. */
  FN: 4,
  /** Index of the argument that counts units. */
  COUNT_ARG: 5,
  /** Units per chunk. */
  CHUNK_UNITS: 6,
  /** Number of arguments. */
  NARGS: 8,
  /** Set to 1 to make the workers return. */
  QUIT: 9,
  /** Set to 1 by a worker whose chunk threw (the caller rethrows). */
  ERROR: 10,
  /** Workers instantiated and looping. */
  READY: 11,
  /** Chunks run by workers since the pool started (a statistic: tests check the workers work). */
  WORKER_CHUNKS: 12,
  /** First of MAX_ARGS argument slots. */
  ARGS: 16,
  /** First of MAX_ARGS per-unit step slots. */
  STEPS: 32,
} as const;

export const MAX_ARGS = 16;
/** Int32 slots in the control block. */
export const CONTROL_SLOTS = SLOT.STEPS + MAX_ARGS;

/** One kernel call to split: `args` of the whole call, `step[i]` added to args[i] per unit. */
export interface SplitJob {
  /** Index of the export in the pool's name list. */
  fn: number;
  args: readonly number[];
  step: readonly number[];
  /** Which argument counts units; args[countArg] is the unit count of the whole call. */
  countArg: number;
  /** Units per chunk (>= 1). */
  chunkUnits: number;
}

/**
 * The arguments of chunk `c` (see the file comment).
 * requires: 0 <= c < ceil(units / chunkUnits).
 */
export function chunkArgs(job: SplitJob, c: number, out: number[]): number[] {
  const first = c * job.chunkUnits;
  for (let i = 0; i < job.args.length; i++) out[i] = job.args[i] + first * job.step[i];
  out.length = job.args.length;
  out[job.countArg] = Math.min(job.chunkUnits, job.args[job.countArg] - first);
  return out;
}
