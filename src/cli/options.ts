import { FacetsError } from '../core/errors.js';
import { METRICS, type Metric } from '../tasks/metrics.js';
import { ALIGN_MODES, MODELS, type AlignMode, type ModelName } from '../tasks/represent.js';
import { DETECTORS, type DetectorName } from '../tasks/types.js';
import { optString, type Args } from './args.js';

/** A string option restricted to `allowed` values. */
export function optChoice<T extends string>(args: Args, name: string, allowed: readonly T[], fallback?: T): T | undefined {
  const v = optString(args, name);
  if (v === undefined) return fallback;
  if (!allowed.includes(v as T)) throw new FacetsError('E_BAD_ARGUMENT', `--${name} must be one of ${allowed.join(', ')}, got ${v}`);
  return v as T;
}

/** The pipeline options most commands share: --model, --detector, --align, --metric. */
export function pipelineOptions(args: Args): { model?: ModelName; detector?: DetectorName; align?: AlignMode; metric?: Metric } {
  return {
    model: optChoice(args, 'model', MODELS),
    detector: optChoice(args, 'detector', DETECTORS),
    align: optChoice(args, 'align', ALIGN_MODES),
    metric: optChoice(args, 'metric', METRICS),
  };
}

/** Exactly `n` positional arguments, or a usage error naming the command. */
export function positionals(args: Args, n: number, command: string, what: string): string[] {
  if (args.positional.length !== n) throw new FacetsError('E_BAD_ARGUMENT', `${command} needs ${what}, got ${args.positional.length} argument(s)`);
  return args.positional;
}
