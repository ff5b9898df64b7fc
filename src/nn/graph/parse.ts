/**
 * Validates a facets graph description (types.ts) read from JSON. Everything a forward pass
 * relies on structurally is checked here, so a malformed or hostile file fails at load with
 * E_BAD_MODEL naming the node and the bad value, never later with a TypeError.
 */
import { FacetsError } from '../../core/errors.js';
import {
  FUSED_OPS, GRAPH_FORMAT, GRAPH_LIMITS, GRAPH_OPS, GRAPH_VERSION,
  type FusedOp, type GraphAttrs, type GraphDesc, type GraphInput, type GraphNode, type GraphOp,
} from './types.js';

function bad(message: string): never {
  throw new FacetsError('E_BAD_MODEL', `parseGraph: ${message}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function name(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > GRAPH_LIMITS.maxNameLength) {
    bad(`${what} must be a non-empty string of at most ${GRAPH_LIMITS.maxNameLength} characters, got ${String(JSON.stringify(v)).slice(0, 80)}`);
  }
  return v;
}

function ints(v: unknown, what: string, len: number | null, min: number, max: number): number[] {
  if (!Array.isArray(v) || (len !== null && v.length !== len) || v.length > GRAPH_LIMITS.maxRank) {
    bad(`${what} must be an array of ${len ?? `at most ${GRAPH_LIMITS.maxRank}`} integers, got ${String(JSON.stringify(v)).slice(0, 80)}`);
  }
  for (const x of v) if (!Number.isInteger(x) || x < min || x > max) bad(`${what} entries must be integers in ${min}..${max}, got ${String(JSON.stringify(v)).slice(0, 80)}`);
  return v.slice() as number[];
}

function bool(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') bad(`${what} must be a boolean, got ${String(JSON.stringify(v))}`);
  return v;
}

/** Inputs each op takes: [min, max] (Const and Placeholder read weights / feeds, not nodes). */
const ARITY: Record<GraphOp, [number, number]> = {
  Placeholder: [0, 0], Const: [0, 0], Identity: [1, 1],
  Conv2D: [2, 2], _FusedConv2D: [3, 4], DepthwiseConv2dNative: [2, 2], FusedDepthwiseConv2dNative: [3, 4],
  MatMul: [2, 2], _FusedMatMul: [3, 4], MaxPool: [1, 1], AvgPool: [1, 1],
  Add: [2, 2], AddV2: [2, 2], Sub: [2, 2], Mul: [2, 2], RealDiv: [2, 2], Maximum: [2, 2], Minimum: [2, 2],
  Relu: [1, 1], Relu6: [1, 1], Tanh: [1, 1], Sigmoid: [1, 1], Abs: [1, 1], Rsqrt: [1, 1], Sqrt: [1, 1],
  Square: [1, 1], Exp: [1, 1], Neg: [1, 1], Softmax: [1, 1], Mean: [2, 2], Sum: [2, 2], Max: [2, 2],
  Reshape: [2, 2], ExpandDims: [2, 2], Squeeze: [1, 1], StridedSlice: [4, 4],
};

const CONV_OPS = new Set<GraphOp>(['Conv2D', '_FusedConv2D', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative']);
const FUSED = new Set<GraphOp>(['_FusedConv2D', 'FusedDepthwiseConv2dNative', '_FusedMatMul']);

function parseAttrs(op: GraphOp, a: Record<string, unknown>, where: string): GraphAttrs {
  const out: GraphAttrs = {};
  const D = GRAPH_LIMITS.maxDim;
  if (op === 'Const') {
    out.shape = ints(a.shape, `${where} attrs.shape`, null, 0, D);
    if (a.dtype !== 'float32' && a.dtype !== 'int32') bad(`${where} attrs.dtype must be float32 or int32, got ${String(JSON.stringify(a.dtype))}`);
    out.dtype = a.dtype;
  }
  if (CONV_OPS.has(op) || op === 'MaxPool' || op === 'AvgPool') {
    out.strides = ints(a.strides, `${where} attrs.strides`, 2, 1, 1024);
    if (a.padding !== 'SAME' && a.padding !== 'VALID' && a.padding !== 'EXPLICIT') bad(`${where} attrs.padding must be SAME, VALID or EXPLICIT, got ${String(JSON.stringify(a.padding))}`);
    out.padding = a.padding;
    if (a.padding === 'EXPLICIT') out.explicitPaddings = ints(a.explicitPaddings, `${where} attrs.explicitPaddings`, 4, 0, 1024);
  }
  if (CONV_OPS.has(op)) out.dilations = ints(a.dilations, `${where} attrs.dilations`, 2, 1, 1024);
  if (op === 'MaxPool' || op === 'AvgPool') {
    out.ksize = ints(a.ksize, `${where} attrs.ksize`, 2, 1, 1024);
    if (a.padding === 'EXPLICIT') bad(`${where}: pooling does not take EXPLICIT padding`);
  }
  if (FUSED.has(op)) {
    const f = a.fusedOps;
    if (!Array.isArray(f) || f.length === 0 || f.length > GRAPH_LIMITS.maxFusedOps) bad(`${where} attrs.fusedOps must be a non-empty array of at most ${GRAPH_LIMITS.maxFusedOps} names`);
    for (const x of f) if (!(FUSED_OPS as readonly unknown[]).includes(x)) bad(`${where}: unsupported fused op ${String(JSON.stringify(x))}; supported: ${FUSED_OPS.join(', ')}`);
    if (f[0] !== 'BiasAdd' || f.length > 2) bad(`${where}: fusedOps must be [BiasAdd] or [BiasAdd, <activation>], got ${JSON.stringify(f)}`);
    out.fusedOps = f.slice() as FusedOp[];
    if (f[1] === 'LeakyRelu') {
      if (typeof a.leakyAlpha !== 'number' || !Number.isFinite(a.leakyAlpha)) bad(`${where}: a fused LeakyRelu needs a finite attrs.leakyAlpha`);
      out.leakyAlpha = a.leakyAlpha;
    }
  }
  if (op === 'MatMul' || op === '_FusedMatMul') {
    out.transposeA = bool(a.transposeA, `${where} attrs.transposeA`);
    out.transposeB = bool(a.transposeB, `${where} attrs.transposeB`);
  }
  if (op === 'Mean' || op === 'Sum' || op === 'Max') out.keepDims = bool(a.keepDims, `${where} attrs.keepDims`);
  if (op === 'Squeeze') out.axes = ints(a.axes, `${where} attrs.axes`, null, -GRAPH_LIMITS.maxRank, GRAPH_LIMITS.maxRank - 1);
  if (op === 'StridedSlice') {
    for (const k of ['beginMask', 'endMask', 'shrinkAxisMask'] as const) {
      const v = a[k];
      if (!Number.isInteger(v) || (v as number) < 0 || (v as number) >= 1 << GRAPH_LIMITS.maxRank) bad(`${where} attrs.${k} must be an integer in 0..${(1 << GRAPH_LIMITS.maxRank) - 1}, got ${String(JSON.stringify(v))}`);
      out[k] = v as number;
    }
  }
  return out;
}

function parseNode(v: unknown, i: number, defined: Set<string>): GraphNode {
  if (!isRecord(v)) bad(`nodes[${i}] must be an object`);
  const n = name(v.name, `nodes[${i}].name`);
  const where = `node '${n}'`;
  if (defined.has(n)) bad(`${where} is defined twice`);
  if (typeof v.op !== 'string' || !(GRAPH_OPS as readonly string[]).includes(v.op)) {
    bad(`${where}: unknown op ${String(JSON.stringify(v.op)).slice(0, 80)}; supported ops: ${GRAPH_OPS.join(', ')}`);
  }
  const op = v.op as GraphOp;
  if (!Array.isArray(v.inputs) || v.inputs.length > GRAPH_LIMITS.maxInputsPerNode) bad(`${where}: inputs must be an array of at most ${GRAPH_LIMITS.maxInputsPerNode} names`);
  const [lo, hi] = ARITY[op];
  if (v.inputs.length < lo || v.inputs.length > hi) bad(`${where}: ${op} takes ${lo === hi ? lo : `${lo}..${hi}`} inputs, got ${v.inputs.length}`);
  const inputs = v.inputs.map((x, k) => {
    const s = name(x, `${where} inputs[${k}]`);
    if (!defined.has(s)) bad(`${where} reads '${s}', which is not defined before it (nodes must be in topological order)`);
    return s;
  });
  if (!isRecord(v.attrs)) bad(`${where}: attrs must be an object`);
  const attrs = parseAttrs(op, v.attrs, where);
  if (FUSED.has(op)) {
    const args = inputs.length - 2;
    if (args !== 1) bad(`${where}: fused ${op} with ${args} extra arguments is not supported (only BiasAdd's bias)`);
  }
  return { name: n, op, inputs, attrs };
}

/**
 * Parses and validates a graph description.
 * requires: nothing (any JSON value).
 * ensures: nodes in topological order with known ops, the right input counts and well-typed
 * attributes; inputs are Placeholder nodes, outputs existing nodes. Throws E_BAD_MODEL naming
 * the node and the bad value otherwise, and for an unknown format or version.
 */
export function parseGraph(json: unknown): GraphDesc {
  if (!isRecord(json)) bad('graph must be a JSON object');
  if (json.format !== GRAPH_FORMAT) bad(`format must be '${GRAPH_FORMAT}', got ${String(JSON.stringify(json.format)).slice(0, 80)}`);
  if (json.version !== GRAPH_VERSION) bad(`unsupported version ${String(JSON.stringify(json.version))}; this build reads version ${GRAPH_VERSION}`);
  const gname = name(json.name, 'name');
  if (!Array.isArray(json.nodes) || json.nodes.length > GRAPH_LIMITS.maxNodes) bad(`nodes must be an array of at most ${GRAPH_LIMITS.maxNodes} entries`);
  const defined = new Set<string>();
  const nodes: GraphNode[] = [];
  json.nodes.forEach((v, i) => {
    const node = parseNode(v, i, defined);
    defined.add(node.name);
    nodes.push(node);
  });
  const byName = new Map(nodes.map((n) => [n.name, n]));
  if (!Array.isArray(json.inputs) || json.inputs.length === 0 || json.inputs.length > 16) bad('inputs must be an array of 1..16 entries');
  const inputs: GraphInput[] = json.inputs.map((v, i) => {
    if (!isRecord(v)) bad(`inputs[${i}] must be {name, shape}`);
    const n = name(v.name, `inputs[${i}].name`);
    if (byName.get(n)?.op !== 'Placeholder') bad(`inputs[${i}] '${n}' is not a Placeholder node`);
    return { name: n, shape: ints(v.shape, `inputs[${i}].shape`, null, -1, GRAPH_LIMITS.maxDim) };
  });
  for (const n of nodes) {
    if (n.op === 'Placeholder' && !inputs.some((x) => x.name === n.name)) bad(`Placeholder '${n.name}' is not listed in inputs`);
  }
  if (!Array.isArray(json.outputs) || json.outputs.length === 0 || json.outputs.length > 64) bad('outputs must be an array of 1..64 node names');
  const outputs = json.outputs.map((v, i) => {
    const n = name(v, `outputs[${i}]`);
    if (!byName.has(n)) bad(`output '${n}' is not a node`);
    return n;
  });
  return { format: GRAPH_FORMAT, version: GRAPH_VERSION, name: gname, inputs, outputs, nodes };
}
