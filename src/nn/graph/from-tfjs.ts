/**
 * Converts a TF.js graph model's `modelTopology` (a TensorFlow GraphDef as JSON: tensorflow
 * core/framework/node_def.proto + attr_value.proto, bytes base64-encoded, int64 as strings)
 * into a facets graph description: attributes normalised, nodes pruned to what the outputs
 * need and sorted topologically. Pure; scripts/convert-graph-models.ts does the I/O.
 */
import { FacetsError } from '../../core/errors.js';
import { parseGraph } from './parse.js';
import { GRAPH_FORMAT, GRAPH_LIMITS, GRAPH_OPS, GRAPH_VERSION, type GraphAttrs, type GraphDesc, type GraphNode, type GraphOp } from './types.js';

function bad(message: string): never {
  throw new FacetsError('E_BAD_MODEL', `graphFromTfjs: ${message}`);
}

type AttrValue = { s?: string; i?: string | number; f?: number; b?: boolean; type?: string; list?: { i?: (string | number)[]; s?: string[] }; shape?: { dim?: { size?: string | number }[]; unknownRank?: boolean }; tensor?: { dtype?: string; tensorShape?: { dim?: { size?: string | number }[] } } };
interface TfNode { name?: unknown; op?: unknown; input?: unknown; attr?: Record<string, AttrValue> }

/** GraphDef `bytes` attributes (strings) arrive base64-encoded in model.json. */
const b64 = (s: string): string => atob(s);

function str(a: AttrValue | undefined): string | undefined {
  return a?.s === undefined ? undefined : b64(a.s);
}

function intList(a: AttrValue | undefined): number[] | undefined {
  return a?.list?.i === undefined ? (a?.list ? [] : undefined) : a.list.i.map((x) => Number(x));
}

/** NHWC [1, h, w, 1] lists (strides, dilations, ksize) -> [h, w]. */
function hw(a: AttrValue | undefined, what: string, where: string, dflt: number[] | undefined): number[] {
  const l = intList(a);
  if (l === undefined || l.length === 0) {
    if (dflt) return dflt;
    bad(`${where}: missing ${what}`);
  }
  if (l.length !== 4 || l[0] !== 1 || l[3] !== 1) bad(`${where}: ${what} ${JSON.stringify(l)} must be [1, h, w, 1] (NHWC, no batch/channel stride)`);
  return [l[1], l[2]];
}

/** Translates the TF attributes `op` reads into GraphAttrs. */
function normaliseAttrs(op: GraphOp, attr: Record<string, AttrValue>, where: string): GraphAttrs {
  const out: GraphAttrs = {};
  const fmt = str(attr.data_format);
  if (fmt !== undefined && fmt !== 'NHWC') bad(`${where}: data_format ${fmt} is not supported (only NHWC)`);
  const conv = op === 'Conv2D' || op === '_FusedConv2D' || op === 'DepthwiseConv2dNative' || op === 'FusedDepthwiseConv2dNative';
  if (conv || op === 'MaxPool' || op === 'AvgPool') {
    out.strides = hw(attr.strides, 'strides', where, undefined);
    const p = str(attr.padding);
    if (p !== 'SAME' && p !== 'VALID' && p !== 'EXPLICIT') bad(`${where}: padding ${String(p)} is not SAME, VALID or EXPLICIT`);
    out.padding = p;
    if (p === 'EXPLICIT') {
      // explicit_paddings: [before, after] per NHWC dim (tensorflow conv_ops.cc); batch/channel must be 0.
      const e = intList(attr.explicit_paddings) ?? [];
      if (e.length !== 8 || e[0] || e[1] || e[6] || e[7]) bad(`${where}: explicit_paddings ${JSON.stringify(e)} must pad only height and width`);
      out.explicitPaddings = [e[2], e[3], e[4], e[5]];
    }
  }
  if (conv) out.dilations = hw(attr.dilations, 'dilations', where, [1, 1]);
  if (op === 'MaxPool' || op === 'AvgPool') out.ksize = hw(attr.ksize, 'ksize', where, undefined);
  if (op === '_FusedConv2D' || op === 'FusedDepthwiseConv2dNative' || op === '_FusedMatMul') {
    out.fusedOps = (attr.fused_ops?.list?.s ?? []).map(b64) as GraphAttrs['fusedOps'];
    if (attr.leakyrelu_alpha?.f !== undefined) out.leakyAlpha = attr.leakyrelu_alpha.f;
    else if (out.fusedOps?.includes('LeakyRelu')) out.leakyAlpha = 0.2; // TF default for LeakyRelu alpha
  }
  if (op === 'MatMul' || op === '_FusedMatMul') {
    out.transposeA = attr.transpose_a?.b === true;
    out.transposeB = attr.transpose_b?.b === true;
  }
  if (op === 'Mean' || op === 'Sum' || op === 'Max') out.keepDims = attr.keep_dims?.b === true;
  if (op === 'Squeeze') out.axes = intList(attr.squeeze_dims) ?? [];
  if (op === 'StridedSlice') {
    const mask = (k: string): number => Number(attr[k]?.i ?? 0);
    if (mask('ellipsis_mask') !== 0 || mask('new_axis_mask') !== 0) bad(`${where}: StridedSlice with ellipsis_mask or new_axis_mask is not supported`);
    out.beginMask = mask('begin_mask');
    out.endMask = mask('end_mask');
    out.shrinkAxisMask = mask('shrink_axis_mask');
  }
  if (op === 'Const') {
    const t = attr.dtype?.type;
    if (t !== 'DT_FLOAT' && t !== 'DT_INT32') bad(`${where}: Const dtype ${String(t)} is not supported (DT_FLOAT, DT_INT32)`);
    out.dtype = t === 'DT_FLOAT' ? 'float32' : 'int32';
    out.shape = (attr.value?.tensor?.tensorShape?.dim ?? []).map((d) => Number(d.size ?? 0));
  }
  return out;
}

/** A node input reference 'name', 'name:0' or '^control' -> the producing node (null for control). */
function producer(ref: string, where: string): string | null {
  if (ref.startsWith('^')) return null; // control dependency: no data flows, order is kept anyway
  const m = /^(.*?)(?::(\d+))?$/.exec(ref) as RegExpExecArray;
  if (m[2] !== undefined && m[2] !== '0') bad(`${where}: reads output ${m[2]} of '${m[1]}'; only single-output ops are supported`);
  return m[1];
}

export interface GraphModelJson {
  modelTopology?: { node?: unknown };
  signature?: { outputs?: Record<string, { name?: string }> };
  userDefinedMetadata?: { signature?: { outputs?: Record<string, { name?: string }> } };
}

/**
 * The facets graph description of a TF.js graph model.
 * requires: `model` is a parsed tfjs-converter model.json of format 'graph-model'.
 * ensures: the result passes parseGraph; only nodes the outputs depend on are kept; throws
 * E_BAD_MODEL naming the node for an unknown op, a non-NHWC layout, a multi-output reference
 * or a cycle.
 */
export function graphFromTfjs(name: string, model: GraphModelJson): GraphDesc {
  const raw = model.modelTopology?.node;
  if (!Array.isArray(raw) || raw.length > GRAPH_LIMITS.maxNodes) bad(`modelTopology.node must be an array of at most ${GRAPH_LIMITS.maxNodes} nodes`);
  const byName = new Map<string, { node: GraphNode; index: number }>();
  (raw as TfNode[]).forEach((n, index) => {
    if (typeof n.name !== 'string' || typeof n.op !== 'string') bad(`node ${index} has no name or op`);
    const where = `node '${n.name}'`;
    if (!(GRAPH_OPS as readonly string[]).includes(n.op)) bad(`${where}: unknown op ${n.op}`);
    const op = n.op as GraphOp;
    const refs = Array.isArray(n.input) ? (n.input as unknown[]) : [];
    const inputs = refs.map((r) => producer(String(r), where)).filter((r): r is string => r !== null);
    byName.set(n.name, { node: { name: n.name, op, inputs, attrs: normaliseAttrs(op, n.attr ?? {}, where) }, index });
  });
  const sig = model.signature?.outputs ?? model.userDefinedMetadata?.signature?.outputs;
  let outputs = sig ? Object.entries(sig).map(([k, v]) => (v.name ?? k).replace(/:0$/, '')) : [];
  if (outputs.length === 0) {
    const consumed = new Set([...byName.values()].flatMap((e) => e.node.inputs));
    outputs = [...byName.keys()].filter((k) => !consumed.has(k));
  }
  // Depth-first post-order from the outputs: a topological order of exactly the needed nodes.
  const order: GraphNode[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (root: string): void => {
    const stack: { n: string; i: number }[] = [{ n: root, i: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const e = byName.get(top.n);
      if (!e) bad(`'${top.n}' is read but not defined`);
      if (top.i === 0) {
        if (state.get(top.n) === 'done') { stack.pop(); continue; }
        state.set(top.n, 'open');
      }
      if (top.i < e.node.inputs.length) {
        const next = e.node.inputs[top.i++];
        const s = state.get(next);
        if (s === 'open') bad(`cycle through '${next}'`);
        if (s !== 'done') stack.push({ n: next, i: 0 });
        continue;
      }
      state.set(top.n, 'done');
      order.push(e.node);
      stack.pop();
    }
  };
  outputs.forEach(visit);
  const inputs = order.filter((n) => n.op === 'Placeholder').map((n) => {
    const dims = (raw as TfNode[])[byName.get(n.name)!.index].attr?.shape?.shape?.dim ?? [];
    return { name: n.name, shape: dims.map((d) => Number(d.size ?? -1)) };
  });
  const desc = { format: GRAPH_FORMAT, version: GRAPH_VERSION, name, inputs, outputs, nodes: order };
  return parseGraph(JSON.parse(JSON.stringify(desc)));
}
