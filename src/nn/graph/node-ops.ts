/**
 * One graph node evaluated on src/nn ops, with TensorFlow semantics (the op definitions in
 * tensorflow/core/ops/*.cc and their TF.js 4.22 executors in tfjs-converter
 * src/operations/executors). Inputs a node needs at load time (shapes, axes, slice bounds) are
 * "static": they must come from Const nodes; STATIC_INPUTS lists their positions.
 */
import { FacetsError } from '../../core/errors.js';
import {
  abs, add, avgPool, conv2d, depthwiseConv2d, div, exp, expandDims, matMul, max, maximum, maxPool, mean, minimum, mul, neg,
  relu, relu6, reshape, rsqrt, sigmoid, softmax, sqrt, square, squeeze, stridedSlice, sub, sum, tanh,
  type Activation, type Padding,
} from '../ops/index.js';
import { depthwisePointwise } from '../ops/depthwise/depthwise.js';
import type { Tensor } from '../tensor.js';
import type { FusedConv } from './fuse.js';
import type { GraphAttrs, GraphNode, GraphOp } from './types.js';

/** Input positions that must be Const (read at load), per op. */
export const STATIC_INPUTS: Partial<Record<GraphOp, readonly number[]>> = {
  Mean: [1], Sum: [1], Max: [1], Reshape: [1], ExpandDims: [1], StridedSlice: [1, 2, 3],
};

/** Integer values of a static (Const) input; TF stores these as int32, we hold them as floats. */
function staticInts(t: Tensor, node: GraphNode, what: string): number[] {
  const v = Array.from(t.data);
  if (t.shape.length > 1 || v.length > 8 || !v.every((x) => Number.isInteger(x))) {
    throw new FacetsError('E_BAD_MODEL', `graph node '${node.name}' (${node.op}): ${what} must be at most 8 integers, got shape [${t.shape.join(', ')}]`);
  }
  return v;
}

/** Strides, dilations and padding of a conv node as src/nn conv options. */
export function convGeometry(a: GraphAttrs): { strides: [number, number]; dilations: [number, number]; pad: Padding } {
  return { strides: a.strides as [number, number], dilations: a.dilations as [number, number], pad: padding(a) };
}

function padding(a: GraphAttrs): Padding {
  if (a.padding === 'EXPLICIT') {
    const [top, bottom, left, right] = a.explicitPaddings as number[];
    return { top, bottom, left, right };
  }
  return a.padding === 'SAME' ? 'same' : 'valid';
}

/** The fused epilogue after BiasAdd (tfjs-converter executors/convolution_executor.ts). */
function activation(a: GraphAttrs): Activation {
  switch (a.fusedOps?.[1]) {
    case undefined: return { kind: 'linear' };
    case 'Relu': return { kind: 'relu' };
    case 'Relu6': return { kind: 'relu6' };
    case 'Sigmoid': return { kind: 'sigmoid' };
    case 'Tanh': return { kind: 'tanh' };
    case 'LeakyRelu': return { kind: 'leakyrelu', alpha: a.leakyAlpha ?? 0.2 };
    default: throw new FacetsError('E_BAD_MODEL', `graph: fused op ${String(a.fusedOps?.[1])} is not supported`);
  }
}

const UNARY: Partial<Record<GraphOp, (x: Tensor) => Tensor>> = {
  Relu: relu, Relu6: relu6, Tanh: tanh, Sigmoid: sigmoid, Abs: abs, Rsqrt: rsqrt, Sqrt: sqrt, Square: square, Exp: exp, Neg: neg, Softmax: softmax,
};
const BINARY: Partial<Record<GraphOp, (a: Tensor, b: Tensor) => Tensor>> = {
  Add: add, AddV2: add, Sub: sub, Mul: mul, RealDiv: div, Maximum: maximum, Minimum: minimum,
};

/**
 * Evaluates `node` on its input values (Const inputs included, in node order).
 * requires: node validated by parseGraph; static inputs are the Const values.
 * ensures: the op's result; op argument errors surface as FacetsError from src/nn/ops.
 */
export function evalNode(node: GraphNode, x: readonly Tensor[]): Tensor {
  const a = node.attrs;
  const u = UNARY[node.op];
  if (u) return u(x[0]);
  const b = BINARY[node.op];
  if (b) return b(x[0], x[1]);
  switch (node.op) {
    case 'Identity': return x[0];
    case 'Conv2D':
    case '_FusedConv2D':
      return conv2d(x[0], x[1], { ...convGeometry(a), bias: x[2], activation: activation(a) });
    case 'DepthwiseConv2dNative':
    case 'FusedDepthwiseConv2dNative':
      return depthwiseConv2d(x[0], x[1], { ...convGeometry(a), bias: x[2], activation: activation(a) });
    case 'MatMul':
    case '_FusedMatMul':
      return matMul(x[0], x[1], { transposeA: a.transposeA, transposeB: a.transposeB, bias: x[2], activation: activation(a) });
    case 'MaxPool': return maxPool(x[0], { filterSize: a.ksize as [number, number], strides: a.strides as [number, number], pad: padding(a) });
    case 'AvgPool': return avgPool(x[0], { filterSize: a.ksize as [number, number], strides: a.strides as [number, number], pad: padding(a) });
    case 'Mean': return mean(x[0], staticInts(x[1], node, 'axes'), a.keepDims);
    case 'Sum': return sum(x[0], staticInts(x[1], node, 'axes'), a.keepDims);
    case 'Max': return max(x[0], staticInts(x[1], node, 'axes'), a.keepDims);
    case 'Reshape': return reshape(x[0], staticInts(x[1], node, 'shape'));
    case 'ExpandDims': {
      const ax = staticInts(x[1], node, 'axis');
      if (ax.length !== 1) throw new FacetsError('E_BAD_MODEL', `graph node '${node.name}' (ExpandDims): axis must be one integer`);
      return expandDims(x[0], ax[0]);
    }
    case 'Squeeze': return squeeze(x[0], a.axes && a.axes.length > 0 ? a.axes : undefined);
    case 'StridedSlice':
      return stridedSlice(x[0], staticInts(x[1], node, 'begin'), staticInts(x[2], node, 'end'), staticInts(x[3], node, 'strides'), {
        beginMask: a.beginMask, endMask: a.endMask, shrinkAxisMask: a.shrinkAxisMask,
      });
    default:
      throw new FacetsError('E_BAD_MODEL', `graph node '${node.name}': op ${node.op} cannot be evaluated here`);
  }
}

const fusedOptions = (c: FusedConv): { bias?: Tensor; activation: Activation } => ({ bias: c.bias ?? undefined, activation: c.activation });

/** A fused conv of fuse.ts on input x: the conv with its folded bias and fused activation. */
export function evalFusedConv(c: FusedConv, x: Tensor): Tensor {
  const opts = { ...convGeometry(c.attrs), ...fusedOptions(c) };
  return c.depthwise ? depthwiseConv2d(x, c.filter, opts) : conv2d(x, c.filter, opts);
}

/** A fused depthwise conv feeding a fused 1x1 conv (fuse.ts) as one depthwisePointwise. */
export function evalFusedSeparable(dw: FusedConv, pw: FusedConv, x: Tensor): Tensor {
  return depthwisePointwise(x, dw.filter, pw.filter, { ...convGeometry(dw.attrs), ...fusedOptions(dw) }, fusedOptions(pw));
}
