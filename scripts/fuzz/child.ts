/**
 * Child process of scripts/fuzz.ts: runs one target under `--max-old-space-size`, writing the
 * index of the running case to a progress file and sending its report to the parent over IPC.
 * argv[2]: JSON of { target, options: RunOptions }.
 */
import { findTarget } from './registry.js';
import { runCases, type RunOptions } from './run-cases.js';

const { target, options } = JSON.parse(process.argv[2] ?? '{}') as { target: string; options: RunOptions };
const t = findTarget(target);
if (!t) throw new Error(`unknown fuzz target ${target}`);
const report = await runCases(t, options);
process.send?.(report, () => process.exit(0));
