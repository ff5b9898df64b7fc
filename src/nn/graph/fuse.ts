/**
 * The load-time fusion pass of the graph interpreter. TF.js graph models keep what Keras / TF
 * exported: a convolution followed by its batch norm as separate Mul / Add nodes, relu6 as
 * Relu -> Minimum(6) -> Maximum(0) (Keras `clip_by_value`), PReLU as
 * Relu(x) + alpha * (x - Abs(x)) (TF-slim `prelu`), and a separable conv as a depthwise node
 * feeding a 1x1 conv. Run node by node, each of those is one more full pass over an activation
 * (and, on the cpu backend, one more copy into and out of wasm memory). This pass rewrites such
 * runs into one convolution with folded weights, bias and a fused activation, and a depthwise
 * conv feeding a 1x1 conv into one depthwisePointwise (whose intermediate stays in wasm memory).
 *
 * Only runs whose intermediate results have no other reader and are not graph outputs are
 * rewritten. Folding a per-channel scale into the filter and an added constant into the bias
 * changes float32 rounding (within ~1e-6 relative per layer); recognising relu6 and PReLU does
 * not (see the notes at each pattern).
 */
import type { Activation } from '../ops/names.js';
import type { Tensor } from '../tensor.js';
import type { GraphAttrs, GraphNode, GraphOp } from './types.js';

/** One convolution of the fused plan: the conv, its folded scale / bias and a fused activation. */
export interface FusedConv {
  depthwise: boolean;
  /** The (possibly scaled) filter, HWIO or [fh, fw, inC, multiplier]. */
  filter: Tensor;
  bias: Tensor | null;
  activation: Activation;
  attrs: GraphAttrs;
}

/** A step of the fused plan: a node as it is, one fused conv, or a depthwise conv feeding a 1x1 conv. */
export type FusedStep =
  | { kind: 'node'; node: GraphNode }
  | { kind: 'conv'; name: string; input: string; conv: FusedConv; covers: string[] }
  | { kind: 'separable'; name: string; input: string; depthwise: FusedConv; pointwise: FusedConv; covers: string[] };

const CONV: ReadonlySet<GraphOp> = new Set(['Conv2D', '_FusedConv2D', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative']);
const ADD: ReadonlySet<GraphOp> = new Set(['Add', 'AddV2']);

/** The fused activation of a conv node's attributes, or null for one this pass does not handle. */
function nodeActivation(a: GraphAttrs): Activation | null {
  switch (a.fusedOps?.[1]) {
    case undefined: return { kind: 'linear' };
    case 'Relu': return { kind: 'relu' };
    case 'Relu6': return { kind: 'relu6' };
    default: return null;
  }
}

/**
 * `t` as one value per output channel (outC values), when it broadcasts that way against an
 * NHWC activation: a scalar, or a tensor whose only non-1 dimension is the last one of size outC.
 */
function perChannel(t: Tensor | undefined, outC: number): Float32Array | null {
  if (t === undefined) return null;
  const n = t.data.length;
  if (t.shape.length > 4) return null;
  if (n === 1) return new Float32Array(outC).fill(t.data[0]); // every dim 1: broadcasts to any NHWC shape
  const last = t.shape[t.shape.length - 1];
  if (n !== outC || last !== outC) return null;
  return Float32Array.from(t.data);
}

/** A per-channel or scalar constant (perChannel) holding `v` everywhere. */
function isConstAll(t: Tensor | undefined, v: number, outC: number): boolean {
  return perChannel(t, outC) !== null && (t as Tensor).data.every((x) => x === v);
}

interface Graph {
  consts: ReadonlyMap<string, Tensor>;
  /** Readers of each value among the nodes that run. */
  readers: ReadonlyMap<string, readonly GraphNode[]>;
  outputs: ReadonlySet<string>;
}

/** The one reader of `name` when it has exactly one and is not a graph output. */
function soleReader(g: Graph, name: string): GraphNode | null {
  const r = g.readers.get(name) ?? [];
  return r.length === 1 && !g.outputs.has(name) ? r[0] : null;
}

/** For a binary node reading `from` and a constant: that constant (either operand order when `commutes`). */
function constOperand(g: Graph, n: GraphNode, from: string, commutes: boolean): Tensor | undefined {
  if (n.inputs.length !== 2) return undefined;
  if (n.inputs[0] === from && n.inputs[1] !== from) return g.consts.get(n.inputs[1]);
  if (commutes && n.inputs[1] === from && n.inputs[0] !== from) return g.consts.get(n.inputs[0]);
  return undefined;
}

/**
 * Matches TF-slim's PReLU, relu(x) + alpha * (x - |x|), on value `x`: x read by exactly Relu r,
 * Abs a and Sub(x, a) s; m = Mul(s, alpha); out = Add(r, m). With a = |x|, x - a is exactly 2x
 * for x < 0 and 0 otherwise, and scaling by 2 is exact, so out = (x < 0 ? x * 2alpha : x) bit for
 * bit for finite values without underflow: the prelu activation with slope 2alpha. When grappler
 * fused the Relu into the conv before, out = Add(x, m) reads x itself (`direct`); on a
 * non-negative x that is x again.
 */
function matchPrelu(g: Graph, x: string, outC: number): { alpha: Float32Array; direct: boolean; nodes: GraphNode[] } | null {
  const rs = g.readers.get(x) ?? [];
  if (rs.length !== 3 || g.outputs.has(x)) return null;
  const a = rs.find((n) => n.op === 'Abs'), s = rs.find((n) => n.op === 'Sub');
  const third = rs.find((n) => n !== a && n !== s);
  if (!a || !s || !third || s.inputs[0] !== x || s.inputs[1] !== a.name) return null;
  if (soleReader(g, a.name) !== s) return null;
  const m = soleReader(g, s.name);
  if (!m || m.op !== 'Mul') return null;
  const alpha = perChannel(constOperand(g, m, s.name, true), outC);
  const out = soleReader(g, m.name);
  if (!alpha || !out || !ADD.has(out.op) || !alpha.every((v) => Number.isFinite(2 * v))) return null;
  const direct = third === out;
  if (!direct && (third.op !== 'Relu' || soleReader(g, third.name) !== out)) return null;
  const other = direct ? x : third.name;
  if (!((out.inputs[0] === other && out.inputs[1] === m.name) || (out.inputs[0] === m.name && out.inputs[1] === other))) return null;
  const nodes = direct ? [a, s, m, out] : [third, a, s, m, out];
  return { alpha: alpha.map((v) => 2 * v), direct, nodes };
}

interface ConvRun { conv: FusedConv; input: string; name: string; covers: string[] }

/**
 * Grows a fused conv from conv node `head` along its single-reader chain:
 * [Mul(scale)] [Add(shift)] while linear, then Relu / Relu6, then Minimum(6) after relu,
 * Maximum(0) after relu6, or a PReLU.
 */
function growConv(g: Graph, head: GraphNode): ConvRun | null {
  const filter = g.consts.get(head.inputs[1]);
  const bias0 = head.inputs.length > 2 ? g.consts.get(head.inputs[2]) : undefined;
  const act0 = nodeActivation(head.attrs);
  if (!filter || filter.shape.length !== 4 || act0 === null || (head.inputs.length > 2 && !bias0)) return null;
  if (g.consts.has(head.inputs[0])) return null;
  const depthwise = head.op === 'DepthwiseConv2dNative' || head.op === 'FusedDepthwiseConv2dNative';
  const outC = depthwise ? filter.shape[2] * filter.shape[3] : filter.shape[3];
  let weights = filter.data;
  let bias = bias0 ? perChannel(bias0, outC) : null;
  if (bias0 && !bias) return null;
  let act: Activation = act0;
  let name = head.name;
  const covers = [head.name];
  for (;;) {
    const next = soleReader(g, name);
    const prelu = next === null ? matchPrelu(g, name, outC) : null;
    if (prelu) {
      // On a relu / relu6 output (never negative) both forms are the identity.
      if (act.kind === 'linear' && !prelu.direct) act = { kind: 'prelu', preluAlpha: { shape: [outC], data: prelu.alpha } };
      else if (act.kind !== 'relu' && act.kind !== 'relu6') break;
      for (const n of prelu.nodes) covers.push(n.name);
      name = prelu.nodes[prelu.nodes.length - 1].name;
      continue;
    }
    if (next === null) break;
    const c = constOperand(g, next, name, next.op !== 'Sub');
    let taken = false;
    if (act.kind === 'linear' && next.op === 'Mul' && bias === null) {
      // Batch-norm scale on a conv without bias: conv(x, w) * s = conv(x, w * s) per output channel.
      const s = perChannel(c, outC);
      if (s) {
        weights = weights.map((v, i) => v * s[i % outC]);
        taken = true;
      }
    } else if (act.kind === 'linear' && ADD.has(next.op)) {
      const b = perChannel(c, outC);
      if (b) {
        bias = bias ? bias.map((v, i) => v + b[i]) : b;
        taken = true;
      }
    } else if (act.kind === 'linear' && (next.op === 'Relu' || next.op === 'Relu6')) {
      act = { kind: next.op === 'Relu' ? 'relu' : 'relu6' };
      taken = true;
    } else if (act.kind === 'relu' && next.op === 'Minimum' && isConstAll(c, 6, outC)) {
      act = { kind: 'relu6' }; // min(relu(v), 6) is relu6(v), value for value
      taken = true;
    } else if (act.kind === 'relu6' && next.op === 'Maximum' && isConstAll(c, 0, outC)) {
      taken = true; // max(relu6(v), 0) is relu6(v)
    }
    if (!taken) break;
    covers.push(next.name);
    name = next.name;
  }
  const filterT = weights === filter.data ? filter : { shape: filter.shape.slice(), data: weights };
  const biasT = bias ? { shape: [outC], data: bias } : null;
  return { conv: { depthwise, filter: filterT, bias: biasT, activation: act, attrs: head.attrs }, input: head.inputs[0], name, covers };
}

/** A 1x1, stride-1, unpadded 2-D conv: the pointwise half of a separable conv. */
function isPointwise(c: FusedConv): boolean {
  const [fh, fw] = c.filter.shape;
  const a = c.attrs;
  const unpadded = a.padding !== 'EXPLICIT' || (a.explicitPaddings ?? []).every((p) => p === 0);
  return !c.depthwise && fh === 1 && fw === 1 && (a.strides ?? [1, 1]).every((s) => s === 1) && unpadded;
}

/**
 * The fused plan of `nodes` (the non-constant nodes that run, in topological order).
 * requires: `consts` holds every constant value by node name; `outputs` the graph outputs.
 * ensures: every node appears in exactly one step, in an order where each step's inputs come
 * earlier; a fused step is named after the last node it covers, so later readers are unchanged.
 */
export function fuseGraph(nodes: readonly GraphNode[], consts: ReadonlyMap<string, Tensor>, outputs: readonly string[]): FusedStep[] {
  const readers = new Map<string, GraphNode[]>();
  for (const n of nodes) for (const i of new Set(n.inputs)) if (!consts.has(i)) readers.set(i, [...(readers.get(i) ?? []), n]);
  const g: Graph = { consts, readers, outputs: new Set(outputs) };
  const covered = new Set<string>();
  const runs = new Map<string, ConvRun>();
  for (const n of nodes) {
    if (!CONV.has(n.op) || covered.has(n.name)) continue;
    const run = growConv(g, n);
    if (run === null) continue;
    run.covers.forEach((c) => covered.add(c));
    runs.set(n.name, run);
  }
  // A depthwise run read only by a pointwise run becomes one separable step at the pointwise's place.
  const merged = new Map<string, ConvRun>();
  for (const run of runs.values()) {
    if (!run.conv.depthwise) continue;
    const reader = soleReader(g, run.name);
    const pw = reader ? runs.get(reader.name) : undefined;
    if (pw && pw.input === run.name && isPointwise(pw.conv) && !merged.has(pw.covers[0])) merged.set(pw.covers[0], run);
  }
  const absorbed = new Set([...merged.values()].map((r) => r.covers[0]));
  const steps: FusedStep[] = [];
  for (const n of nodes) {
    const run = runs.get(n.name);
    if (run) {
      if (absorbed.has(n.name)) continue;
      const dw = merged.get(n.name);
      if (dw) steps.push({ kind: 'separable', name: run.name, input: dw.input, depthwise: dw.conv, pointwise: run.conv, covers: [...dw.covers, ...run.covers] });
      else if (run.covers.length > 1 || run.conv.filter !== g.consts.get(n.inputs[1])) steps.push({ kind: 'conv', name: run.name, input: run.input, conv: run.conv, covers: run.covers });
      else steps.push({ kind: 'node', node: n });
      continue;
    }
    if (!covered.has(n.name)) steps.push({ kind: 'node', node: n });
  }
  return steps;
}
