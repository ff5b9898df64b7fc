export * from './ops/index.js';
export * from './cascade/index.js';
export * from './hog/index.js';
