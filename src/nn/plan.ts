/**
 * Plans: a model as a list of named steps run in order. The executor frees each intermediate
 * after its last consumer (so peak memory is the live set, not the whole net) and can keep any
 * activation by name, which is how step-through reports show feature maps.
 * A plan is data plus closures over weights; it holds no per-run state, so one plan can be run
 * concurrently from different workers later.
 */
import { FacetsError, check } from '../core/errors.js';
import { assertTensor, type Tensor } from './tensor.js';

export interface PlanStep {
  /** Unique name; later steps and `outputs` refer to it. */
  readonly name: string;
  /** Names of plan inputs or earlier steps, passed to `run` in this order. */
  readonly inputs: readonly string[];
  readonly run: (...xs: Tensor[]) => Tensor;
}

export interface Plan {
  readonly inputs: readonly string[];
  readonly steps: readonly PlanStep[];
  readonly outputs: readonly string[];
  /** lastUse[name] = index of the last step reading it (outputs: steps.length). */
  readonly lastUse: ReadonlyMap<string, number>;
}

/**
 * Checks and freezes a plan. requires: unique names; every step input defined earlier;
 * every output defined. Throws E_BAD_MODEL naming the offending step otherwise.
 */
export function createPlan(inputs: readonly string[], steps: readonly PlanStep[], outputs: readonly string[]): Plan {
  const defined = new Set<string>();
  const lastUse = new Map<string, number>();
  const define = (n: string, where: string): void => {
    if (typeof n !== 'string' || n === '' || defined.has(n)) throw new FacetsError('E_BAD_MODEL', `createPlan: ${where} name ${JSON.stringify(n)} is empty or defined twice`);
    defined.add(n);
  };
  inputs.forEach((n) => define(n, 'input'));
  steps.forEach((s, i) => {
    for (const inp of s.inputs) {
      if (!defined.has(inp)) throw new FacetsError('E_BAD_MODEL', `createPlan: step '${s.name}' reads '${inp}', which is not defined before it`);
      lastUse.set(inp, i);
    }
    check(typeof s.run === 'function', 'createPlan', `step '${s.name}' has no run function`);
    define(s.name, 'step');
  });
  for (const o of outputs) {
    if (!defined.has(o)) throw new FacetsError('E_BAD_MODEL', `createPlan: output '${o}' is not defined`);
    lastUse.set(o, steps.length);
  }
  return Object.freeze({ inputs: [...inputs], steps: [...steps], outputs: [...outputs], lastUse });
}

export interface RunOptions {
  /** Activations to return besides the outputs: 'all' or a list of step names. */
  keep?: 'all' | readonly string[];
  /** Called after each step (e.g. to record timings or stream feature maps); must not mutate `y`. */
  onStep?: (name: string, y: Tensor, index: number) => void;
}

export interface PlanResult {
  outputs: Record<string, Tensor>;
  /** The kept activations by step name (empty unless `keep` was given). */
  activations: Record<string, Tensor>;
}

/**
 * Runs the steps in order on `feeds`. ensures: every output present; intermediates not kept are
 * released after their last use. Throws E_BAD_ARGUMENT for a missing feed, and E_BAD_MODEL
 * naming the step when a step returns something other than a Tensor.
 */
export function runPlan(plan: Plan, feeds: Readonly<Record<string, Tensor>>, opts: RunOptions = {}): PlanResult {
  const live = new Map<string, Tensor>();
  for (const n of plan.inputs) {
    check(feeds[n] !== undefined, 'runPlan', `missing input '${n}'`);
    assertTensor(feeds[n], 'runPlan', `input '${n}'`);
    live.set(n, feeds[n]);
  }
  const keepAll = opts.keep === 'all';
  const keep = new Set(keepAll ? [] : (opts.keep ?? []));
  for (const k of keep) check(plan.steps.some((s) => s.name === k), 'runPlan', `keep names unknown step '${k}'`);
  const activations: Record<string, Tensor> = {};
  plan.steps.forEach((step, i) => {
    const y = step.run(...step.inputs.map((n) => live.get(n) as Tensor));
    if (y === null || typeof y !== 'object' || !(y.data instanceof Float32Array)) {
      throw new FacetsError('E_BAD_MODEL', `runPlan: step '${step.name}' did not return a Tensor`);
    }
    live.set(step.name, y);
    if (keepAll || keep.has(step.name)) activations[step.name] = y;
    opts.onStep?.(step.name, y, i);
    // Release what no later step reads, so the GC can reuse the memory.
    for (const n of step.inputs) if ((plan.lastUse.get(n) ?? -1) <= i) live.delete(n);
    if (!plan.lastUse.has(step.name)) live.delete(step.name);
  });
  const outputs: Record<string, Tensor> = {};
  for (const o of plan.outputs) outputs[o] = live.get(o) as Tensor;
  return { outputs, activations };
}
