export * from './format.js';
export * from './load.js';
export * from './encode.js';
export { sha256Hex } from './sha256.js';
