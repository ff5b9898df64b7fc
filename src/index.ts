export * from './core/errors.js';
export * from './image/index.js';
