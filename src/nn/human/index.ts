/** The Human graph models (emotion, gender, age, faceres, mobilefacenet) with their preprocessing. */
export * from './specs.js';
export { humanNetInput, type HumanInput } from './preprocess.js';
export { readHumanFiles, type HumanFilesOptions } from './files.js';
export { loadHumanModel, buildHumanModel, type HumanModel, type HumanOutputs } from './load.js';
export * from './decode.js';
