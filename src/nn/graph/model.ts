/**
 * The graph interpreter: binds a parsed graph description to its weights once (checking every
 * Const against the weights, folding constant subgraphs) and compiles the rest into plans
 * (plan.ts) whose steps call src/nn ops, so it runs on whichever backend is current. Two plans:
 * node by node, which can return any intermediate activation by node name, and the fused plan of
 * fuse.ts (conv + batch norm + activation chains, depthwise -> pointwise pairs), which a run
 * that keeps no activations takes.
 */
import { FacetsError, isFacetsError } from '../../core/errors.js';
import { createPlan, runPlan, type Plan, type PlanStep } from '../plan.js';
import { assertTensor, type Tensor } from '../tensor.js';
import type { WeightMap } from '../weights/load.js';
import { fuseGraph, type FusedStep } from './fuse.js';
import { evalFusedConv, evalFusedSeparable, evalNode, STATIC_INPUTS } from './node-ops.js';
import { parseGraph } from './parse.js';
import type { GraphDesc, GraphInput, GraphNode } from './types.js';

export interface GraphRunOptions {
  /**
   * Intermediate activations to return: 'all' or node names. A run that keeps any runs node by
   * node; one that keeps none runs the fused plan (same outputs within float32 rounding of the
   * folded batch norms, see fuse.ts).
   */
  keep?: 'all' | readonly string[];
  /** Runs node by node even without `keep` (tests compare the two plans). Default false. */
  unfused?: boolean;
  /** Called after each step with its name (per-step timings); must not mutate `y`. */
  onStep?: (name: string, y: Tensor, index: number) => void;
}

export interface GraphRunResult {
  outputs: Record<string, Tensor>;
  activations: Record<string, Tensor>;
}

export interface GraphModel {
  readonly name: string;
  readonly inputs: readonly GraphInput[];
  readonly outputs: readonly string[];
  /** The nodes that run per call (constants folded away), in execution order. */
  readonly steps: readonly string[];
  /** The steps of the fused plan: node names, a fused step named after the last node it covers. */
  readonly fusedSteps: readonly string[];
  /**
   * Runs the graph on the current backend: the fused plan, or node by node when `opts.keep`
   * names activations or `opts.unfused` is set.
   * requires: one tensor per input (or a bare tensor for a one-input graph) whose shape matches
   * the input's, -1 dims free. ensures: every output by name; throws E_BAD_ARGUMENT for a wrong
   * feed and E_BAD_MODEL naming the node when the graph itself is inconsistent.
   */
  run(feeds: Tensor | Readonly<Record<string, Tensor>>, opts?: GraphRunOptions): GraphRunResult;
}

function modelError(g: string, node: GraphNode, e: unknown): FacetsError {
  const msg = e instanceof Error ? e.message : String(e);
  const where = `graph '${g}' node '${node.name}' (${node.op})`;
  // An op rejecting its arguments here means the graph (not the caller) is inconsistent.
  if (isFacetsError(e) && e.code !== 'E_BAD_ARGUMENT') return new FacetsError(e.code, `${where}: ${msg}`, { cause: e });
  return new FacetsError('E_BAD_MODEL', `${where}: ${msg}`, { cause: e });
}

function constValue(node: GraphNode, weights: WeightMap): Tensor {
  const w = weights.get(node.name);
  if (!w) throw new FacetsError('E_BAD_WEIGHTS', `loadGraphModel: Const '${node.name}' has no tensor in the weights`);
  const shape = node.attrs.shape as number[];
  if (w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i])) {
    throw new FacetsError('E_BAD_WEIGHTS', `loadGraphModel: Const '${node.name}' is [${shape.join(',')}] in the graph but [${w.shape.join(',')}] in the weights`);
  }
  if (w.dtype !== node.attrs.dtype) throw new FacetsError('E_BAD_WEIGHTS', `loadGraphModel: Const '${node.name}' is ${String(node.attrs.dtype)} in the graph but ${w.dtype} in the weights`);
  // int32 constants (axes, shapes, slice bounds) are small integers: exact as float32.
  return { shape: w.shape.slice(), data: w.data instanceof Float32Array ? w.data : Float32Array.from(w.data) };
}

/** Nodes the outputs depend on (graphs from graphFromTfjs are already pruned; hand-made ones may not be). */
function needed(g: GraphDesc): Set<string> {
  const byName = new Map(g.nodes.map((n) => [n.name, n]));
  const keep = new Set<string>();
  const todo = [...g.outputs];
  while (todo.length) {
    const n = todo.pop() as string;
    if (keep.has(n)) continue;
    keep.add(n);
    todo.push(...(byName.get(n)?.inputs ?? []));
  }
  return keep;
}

/**
 * Binds a graph description to its weights.
 * requires: `graph` any JSON value (validated by parseGraph), `weights` from loadWeights.
 * ensures: a runnable model; throws E_BAD_MODEL for a malformed graph, an unknown op or a
 * static input (shape, axes, slice bounds) that is not constant, and E_BAD_WEIGHTS for a Const
 * missing from the weights or of another shape/dtype. Constant subgraphs are evaluated here.
 */
export function loadGraphModel(graph: unknown, weights: WeightMap): GraphModel {
  const g = parseGraph(graph);
  const live = needed(g);
  const consts = new Map<string, Tensor>();
  const steps: PlanStep[] = [];
  const running: GraphNode[] = [];
  const stepOf = new Map<string, PlanStep>();
  for (const node of g.nodes) {
    if (!live.has(node.name) || node.op === 'Placeholder') continue;
    if (node.op === 'Const') {
      consts.set(node.name, constValue(node, weights));
      continue;
    }
    for (const i of STATIC_INPUTS[node.op] ?? []) {
      if (!consts.has(node.inputs[i])) throw new FacetsError('E_BAD_MODEL', `loadGraphModel: node '${node.name}' (${node.op}) needs a constant input ${i}, got '${node.inputs[i]}'`);
    }
    const runtime = node.inputs.filter((n) => !consts.has(n));
    const fixed = node.inputs.map((n) => consts.get(n) ?? null);
    const evaluate = (...xs: Tensor[]): Tensor => {
      let k = 0;
      const args = fixed.map((c) => c ?? xs[k++]);
      try {
        return evalNode(node, args);
      } catch (e) {
        throw modelError(g.name, node, e);
      }
    };
    if (runtime.length === 0) consts.set(node.name, evaluate()); // constant folding
    else {
      const step = { name: node.name, inputs: runtime, run: evaluate };
      steps.push(step);
      stepOf.set(node.name, step);
      running.push(node);
    }
  }
  const byName = new Map(g.nodes.map((n) => [n.name, n]));
  const fused = fuseGraph(running, consts, g.outputs).map((f) => fusedPlanStep(g.name, f, stepOf, byName));
  // Outputs that folded to constants still appear as (input-free) steps so the plans return them.
  for (const o of g.outputs) {
    const c = consts.get(o);
    if (c && !steps.some((s) => s.name === o)) {
      const step = { name: o, inputs: [], run: () => c };
      steps.push(step);
      fused.push(step);
    }
  }
  const inputs = g.inputs.map((i) => i.name);
  const plan: Plan = createPlan(inputs, steps, g.outputs);
  const fusedPlan: Plan = createPlan(inputs, fused, g.outputs);
  return {
    name: g.name,
    inputs: g.inputs,
    outputs: g.outputs,
    steps: steps.map((s) => s.name),
    fusedSteps: fused.map((s) => s.name),
    run(feeds, opts = {}) {
      const map = feedMap(g, feeds);
      const nodeByNode = opts.unfused === true || (opts.keep !== undefined && opts.keep.length > 0);
      return runPlan(nodeByNode ? plan : fusedPlan, map, { keep: opts.keep, onStep: opts.onStep });
    },
  };
}

/** The plan step of one fused step; errors name the last node the step covers. */
function fusedPlanStep(graph: string, f: FusedStep, stepOf: ReadonlyMap<string, PlanStep>, byName: ReadonlyMap<string, GraphNode>): PlanStep {
  if (f.kind === 'node') return stepOf.get(f.node.name) as PlanStep;
  const last = byName.get(f.name) as GraphNode;
  const guard = (run: (x: Tensor) => Tensor) => (x: Tensor): Tensor => {
    try {
      return run(x);
    } catch (e) {
      throw modelError(graph, last, e);
    }
  };
  return f.kind === 'conv'
    ? { name: f.name, inputs: [f.input], run: guard((x) => evalFusedConv(f.conv, x)) }
    : { name: f.name, inputs: [f.input], run: guard((x) => evalFusedSeparable(f.depthwise, f.pointwise, x)) };
}

function feedMap(g: GraphDesc, feeds: Tensor | Readonly<Record<string, Tensor>>): Record<string, Tensor> {
  const fn = `graph '${g.name}'.run`;
  const isTensor = (v: unknown): v is Tensor => typeof v === 'object' && v !== null && 'shape' in v && 'data' in v;
  if (isTensor(feeds) && g.inputs.length !== 1) throw new FacetsError('E_BAD_ARGUMENT', `${fn}: the graph has ${g.inputs.length} inputs; pass {name: tensor}`);
  const map: Record<string, Tensor> = isTensor(feeds) ? { [g.inputs[0].name]: feeds } : { ...feeds };
  for (const inp of g.inputs) {
    const t = map[inp.name];
    if (t === undefined) throw new FacetsError('E_BAD_ARGUMENT', `${fn}: missing input '${inp.name}'`);
    assertTensor(t, fn, `input '${inp.name}'`);
    const ok = t.shape.length === inp.shape.length && inp.shape.every((d, i) => d === -1 || d === t.shape[i]);
    if (!ok) throw new FacetsError('E_BAD_ARGUMENT', `${fn}: input '${inp.name}' must have shape [${inp.shape.join(', ')}] (-1 = any), got [${t.shape.join(', ')}]`);
  }
  return map;
}
