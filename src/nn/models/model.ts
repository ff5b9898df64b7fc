/**
 * The shape every converted net shares (DESIGN.md `loadModel`): a name, the square input size,
 * `run` for the outputs and `activations` for the step-through report (every named stage).
 */
import { FacetsError } from '../../core/errors.js';
import type { Tensor } from '../tensor.js';
import { takeWeight, type WeightMap } from '../weights/load.js';
import type { NetInput } from './input.js';
import type { ModelName } from './specs.js';

/** Receives each named intermediate tensor of a forward pass (in order). */
export type Tap = (stage: string, t: Tensor) => void;

/** One intermediate tensor of a forward pass. */
export interface Stage {
  name: string;
  tensor: Tensor;
}

export type NetOutput = Tensor | Record<string, Tensor>;

export interface NetModel<O extends NetOutput = NetOutput> {
  readonly name: ModelName;
  /** Side of the square net input in pixels. */
  readonly inputSize: number;
  /**
   * Runs the net on the current backend (setBackend).
   * requires: an Image, or a float RGB tensor [h, w, 3] / [1, h, w, 3] in 0..255; it is padded
   * to a square and resized to inputSize as face-api.js does.
   */
  run(input: NetInput): Promise<O>;
  /** The same forward pass, returning every named stage followed by the outputs. */
  activations(input: NetInput): Promise<Stage[]>;
}

/** Builds a NetModel from a forward function that reports stages through `tap`. */
export function makeModel<O extends NetOutput>(
  name: ModelName,
  inputSize: number,
  forward: (input: NetInput, tap?: Tap) => O,
): NetModel<O> {
  return {
    name,
    inputSize,
    run: async (input) => assertFinite(name, forward(input)),
    activations: async (input) => {
      const stages: Stage[] = [];
      forward(input, (stage, tensor) => stages.push({ name: stage, tensor }));
      return stages;
    },
  };
}

/** Throws E_NUMERIC when an output holds NaN or Infinity, so a bad value never passes silently. */
function assertFinite<O extends NetOutput>(name: string, out: O): O {
  const parts: Array<[string, Tensor]> = isTensor(out) ? [['output', out]] : Object.entries(out);
  for (const [key, t] of parts) {
    const i = t.data.findIndex((v) => !Number.isFinite(v));
    if (i >= 0) throw new FacetsError('E_NUMERIC', `${name}: ${key} holds ${t.data[i]} at index ${i}`);
  }
  return out;
}

function isTensor(o: NetOutput): o is Tensor {
  return (o as Tensor).data instanceof Float32Array && Array.isArray((o as Tensor).shape);
}

/** A weight as a runtime tensor (shares the loaded Float32Array). */
export function weight(map: WeightMap, name: string, shape: readonly number[]): Tensor {
  const w = takeWeight(map, name, shape);
  if (!(w.data instanceof Float32Array)) throw new FacetsError('E_BAD_WEIGHTS', `weight: tensor '${name}' is ${w.dtype}, the model needs float32`);
  return { shape: w.shape, data: w.data };
}
