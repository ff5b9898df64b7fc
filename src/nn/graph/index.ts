/** TF.js graph models on facets ops: description format, TF.js conversion, interpreter. */
export * from './types.js';
export { parseGraph } from './parse.js';
export { graphFromTfjs, type GraphModelJson } from './from-tfjs.js';
export { graphWeightsToStored } from './tfjs-weights.js';
export { halfToFloat, decodeHalves } from './half.js';
export { loadGraphModel, type GraphModel, type GraphRunOptions, type GraphRunResult } from './model.js';
