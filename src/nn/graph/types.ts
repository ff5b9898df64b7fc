/**
 * facets graph description, version 1: a compact, normalised form of a TF.js graph model
 * (tfjs-converter `model.json` `modelTopology`, a TensorFlow GraphDef as JSON). Nodes are in
 * topological order; attributes are plain JSON (no base64, no `{list: {i: [...]}}` wrappers);
 * weights live in a facets weights file whose tensor names equal the Const node names.
 */

export const GRAPH_FORMAT = 'facets-graph';
export const GRAPH_VERSION = 1;

/** Parser limits: a description outside them is rejected before any work is done. */
export const GRAPH_LIMITS = {
  maxNodes: 20000,
  maxInputsPerNode: 64,
  maxNameLength: 512,
  maxRank: 8,
  maxDim: 1 << 20,
  maxFusedOps: 4,
} as const;

/** The TensorFlow ops the interpreter runs (names as in the GraphDef). */
export const GRAPH_OPS = [
  'Placeholder', 'Const', 'Identity',
  'Conv2D', '_FusedConv2D', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative',
  'MatMul', '_FusedMatMul', 'MaxPool', 'AvgPool',
  'Add', 'AddV2', 'Sub', 'Mul', 'RealDiv', 'Maximum', 'Minimum',
  'Relu', 'Relu6', 'Tanh', 'Sigmoid', 'Abs', 'Rsqrt', 'Sqrt', 'Square', 'Exp', 'Neg',
  'Softmax', 'Mean', 'Sum', 'Max',
  'Reshape', 'ExpandDims', 'Squeeze', 'StridedSlice',
] as const;
export type GraphOp = (typeof GRAPH_OPS)[number];

/** Epilogues TF's grappler remapper fuses into _FusedConv2D / _FusedMatMul / FusedDepthwise. */
export const FUSED_OPS = ['BiasAdd', 'Relu', 'Relu6', 'Sigmoid', 'Tanh', 'LeakyRelu'] as const;
export type FusedOp = (typeof FUSED_OPS)[number];

export type PaddingMode = 'SAME' | 'VALID' | 'EXPLICIT';

/** Normalised attributes; which fields an op reads is listed in GRAPH_OP_ATTRS (parse.ts). */
export interface GraphAttrs {
  /** Const: stored shape and dtype (checked against the weights at load). */
  shape?: number[];
  dtype?: 'float32' | 'int32';
  /** Conv / pool: [strideH, strideW] (NHWC entries 1 and 2 of the TF list). */
  strides?: number[];
  /** Conv: [dilationH, dilationW]. */
  dilations?: number[];
  /** Pool: [windowH, windowW]. */
  ksize?: number[];
  padding?: PaddingMode;
  /** EXPLICIT padding as [top, bottom, left, right]. */
  explicitPaddings?: number[];
  fusedOps?: FusedOp[];
  /** LeakyRelu slope for a fused LeakyRelu. */
  leakyAlpha?: number;
  transposeA?: boolean;
  transposeB?: boolean;
  keepDims?: boolean;
  /** Squeeze axes (empty = every size-1 axis). */
  axes?: number[];
  beginMask?: number;
  endMask?: number;
  shrinkAxisMask?: number;
}

export interface GraphNode {
  name: string;
  op: GraphOp;
  /** Names of producing nodes (output 0 of each). */
  inputs: string[];
  attrs: GraphAttrs;
}

/** A model input; -1 marks a free dimension (the batch). */
export interface GraphInput {
  name: string;
  shape: number[];
}

export interface GraphDesc {
  format: typeof GRAPH_FORMAT;
  version: typeof GRAPH_VERSION;
  name: string;
  inputs: GraphInput[];
  outputs: string[];
  nodes: GraphNode[];
}
