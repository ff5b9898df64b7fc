/**
 * loadHumanModel(name): the converted Human graph models (weights/human/) behind the common
 * model shape of DESIGN.md: { name, inputSize, run(input), activations(input) }.
 */
import { FacetsError } from '../../core/errors.js';
import { loadGraphModel, type GraphModel } from '../graph/model.js';
import type { Tensor } from '../tensor.js';
import { loadWeights } from '../weights/load.js';
import { readHumanFiles, type HumanFilesOptions } from './files.js';
import { humanNetInput, type HumanInput } from './preprocess.js';
import { HUMAN_MODEL_SPECS, findHumanSpec, type HumanModelName, type HumanModelSpec } from './specs.js';

/** What `run` returns per model (keys of faceres from HumanModelSpec.outputs). */
export interface HumanOutputs {
  emotion: Tensor;
  gender: Tensor;
  age: Tensor;
  faceres: { descriptor: Tensor; gender: Tensor; age: Tensor };
  mobilefacenet: Tensor;
}

export interface HumanModel<K extends HumanModelName = HumanModelName> {
  readonly name: K;
  readonly inputSize: number;
  readonly spec: HumanModelSpec;
  readonly graph: GraphModel;
  /**
   * Preprocesses a face crop as Human does and runs the net on the current backend.
   * requires: an Image (1, 3 or 4 channels) or an RGB float tensor [h,w,3] / [1,h,w,3] in 0..255.
   */
  run(input: HumanInput): Promise<HumanOutputs[K]>;
  /** Every node's activation of the same forward pass (node name -> tensor), outputs included. */
  activations(input: HumanInput): Promise<Record<string, Tensor>>;
}

/**
 * Builds a HumanModel from already read files (header JSON, binary, graph JSON).
 * ensures: E_BAD_WEIGHTS / E_BAD_MODEL from the weights and graph loaders; E_BAD_MODEL when the
 * graph lacks an output the spec names.
 */
export function buildHumanModel<K extends HumanModelName>(name: K, header: unknown, binary: Uint8Array, graphJson: unknown): HumanModel<K> {
  const spec = findHumanSpec(name) as HumanModelSpec;
  const graph = loadGraphModel(graphJson, loadWeights(header, binary));
  for (const o of Object.keys(spec.outputs)) {
    if (!graph.outputs.includes(o)) throw new FacetsError('E_BAD_MODEL', `loadHumanModel: graph '${graph.name}' has no output '${o}'`);
  }
  const forward = (input: HumanInput, keep?: 'all'): { outputs: Record<string, Tensor>; activations: Record<string, Tensor> } => {
    const x = humanNetInput(input, spec.inputSize, spec.preprocessing, `${name}.run`);
    const r = graph.run(x, { keep });
    for (const [node, t] of Object.entries(r.outputs)) {
      for (const v of t.data) if (!Number.isFinite(v)) throw new FacetsError('E_NUMERIC', `${name}.run: output '${node}' holds a non-finite value (${v})`);
    }
    return r;
  };
  const shape = (outs: Record<string, Tensor>): HumanOutputs[K] => {
    const keyed = Object.fromEntries(Object.entries(spec.outputs).map(([node, key]) => [key, outs[node]]));
    const keys = Object.keys(keyed);
    return (keys.length === 1 ? keyed[keys[0]] : keyed) as HumanOutputs[K];
  };
  return {
    name,
    inputSize: spec.inputSize,
    spec,
    graph,
    run: async (input) => shape(forward(input).outputs),
    activations: async (input) => {
      const r = forward(input, 'all');
      return { ...r.activations, ...r.outputs };
    },
  };
}

/**
 * Loads a converted Human graph model.
 * requires: name one of 'emotion' | 'gender' | 'age' | 'faceres' | 'mobilefacenet'.
 * ensures: E_BAD_ARGUMENT for another name; E_IO when files cannot be read; E_BAD_WEIGHTS /
 * E_BAD_MODEL when they are corrupt, mismatched or of an unknown version.
 */
export async function loadHumanModel<K extends HumanModelName>(name: K, opts: HumanFilesOptions = {}): Promise<HumanModel<K>> {
  if (!findHumanSpec(name)) {
    throw new FacetsError('E_BAD_ARGUMENT', `loadHumanModel: unknown model ${JSON.stringify(name)}; expected one of ${HUMAN_MODEL_SPECS.map((s) => s.name).join(', ')}`);
  }
  const { header, binary, graph } = await readHumanFiles(name, opts);
  return buildHumanModel(name, header, binary, graph);
}
