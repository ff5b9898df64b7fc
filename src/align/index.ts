// Runtime-neutral alignment API. Node-only helpers (loading the shipped weights) live in ./node.js.
export * from './similarity.js';
export * from './shape-model.js';
export * from './dlib-dat.js';
export * from './ert-format.js';
export * from './shape-predictor.js';
export * from './load.js';
export * from './chip-details.js';
export * from './extract-chip.js';
export * from './pyramid-down.js';
export * from './face-chip.js';
export * from './box-adapter.js';
