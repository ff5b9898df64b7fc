/** Registers the built-in backends (imported for its effect by ops/index.ts). */
import { registerBackend } from '../backend.js';
import { createCpuBackend } from './cpu.js';
import { createGpujsBackend } from './gpujs.js';
import { createReferenceBackend } from './reference.js';

registerBackend('reference', createReferenceBackend);
registerBackend('cpu', createCpuBackend);
registerBackend('gpujs', createGpujsBackend);
