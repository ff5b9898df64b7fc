/**
 * Loads the peers of `facets bench` from the user's node_modules at run time: TF.js 4 (core,
 * cpu and wasm backends, converter) and @vladmandic/face-api's node-wasm build. They are
 * devDependencies of facets, never dependencies: when one is missing the bench says why and
 * carries on with the facets side. Only the few TF.js calls the bench makes are typed here.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { registerChainedOps } from './tfjs-chained.js';
import { registerWasmThreads, type TfjsBackendRegistry, type WasmModule, type WasmThreads } from './tfjs-wasm-threads.js';

/** The part of a TF.js tensor the bench touches. */
export interface TfTensor {
  data(): Promise<unknown>;
  dispose(): void;
}

/** A TF.js GraphModel (tfjs-converter). */
export interface TfGraphModel {
  execute(x: TfTensor): TfTensor | TfTensor[];
  dispose(): void;
}

/** The TF.js calls the bench makes. */
export interface Tfjs {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  tensor(values: Float32Array, shape: number[]): TfTensor;
  dispose(x: unknown): void;
  loadGraphModel(handler: { load(): Promise<unknown> }): Promise<TfGraphModel>;
}

/** One face-api.js net: weights from its model/ folder, then `forward` on a [h, w, 3] tensor. */
export interface FaceApiNet {
  loadFromDisk(dir: string): Promise<void>;
  forward(input: TfTensor, inputSize?: number): Promise<unknown>;
  dispose(): void;
}

/** TF.js with face-api.js on top, as the bench uses them. */
export interface TfjsPeers {
  tf: Tfjs;
  /** face-api.js nets by key (faceRecognitionNet, ...), or why they could not be loaded. */
  faceApi: { nets: Record<string, FaceApiNet | undefined>; modelDir: string } | { unavailable: string };
  /** Threads the wasm backend really runs (its getThreadsCount, known after it initialised; 1 before). */
  wasmThreads(): number;
  /** Why `wasm` cannot run here, or null. */
  wasmUnavailable: string | null;
  /** Why the wasm backend's last initialisation failed, or null. */
  wasmInitError(): string | null;
  /** Disposes the wasm backend, ending its pthread workers (they never keep Node alive either way). */
  dispose(): void;
}

interface NodeModule {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  new (id: string): { exports: unknown; loaded: boolean };
}

/** Checks the TF.js functions the bench calls are there (a different major version may lack them). */
function isTfjs(x: unknown): x is Tfjs & TfjsBackendRegistry {
  const o = x as Record<string, unknown>;
  return ['setBackend', 'ready', 'tensor', 'dispose', 'loadGraphModel', 'env', 'findBackendFactory', 'registerBackend', 'removeBackend'].every((n) => typeof o[n] === 'function');
}

const message = (e: unknown): string => (e instanceof Error ? e.message.split('\n')[0]! : String(e));

/**
 * Loads TF.js and face-api.js with the wasm backend set to run `threads` threads.
 * requires: threads >= 1 integer.
 * ensures: TfjsPeers, or { unavailable } naming the missing package; never throws for a missing
 * peer. Patches Node's module resolution while face-api.js loads (see loadFaceApi); re-registers
 * TF.js's 'wasm' backend, disposing one that already ran (see registerWasmThreads).
 */
export function loadTfjsPeers(threads: number): TfjsPeers | { unavailable: string } {
  const require = createRequire(import.meta.url);
  let core: Record<string, unknown>;
  let converter: Record<string, unknown>;
  try {
    core = require('@tensorflow/tfjs-core') as Record<string, unknown>;
    require('@tensorflow/tfjs-backend-cpu');
    converter = require('@tensorflow/tfjs-converter') as Record<string, unknown>;
  } catch (e) {
    return { unavailable: `TF.js is not installed (${message(e)}); npm i -D @tensorflow/tfjs-core @tensorflow/tfjs-backend-cpu @tensorflow/tfjs-converter @tensorflow/tfjs-backend-wasm` };
  }
  // face-api.js calls chained ops (t.as3D, t.div, ...) that tfjs-core 4 only adds on request.
  registerChainedOps(core);
  const tf: unknown = { ...core, ...converter };
  if (!isTfjs(tf)) return { unavailable: 'the installed TF.js lacks setBackend / tensor / loadGraphModel (TF.js 4 expected)' };
  const wasm = loadWasm(require, tf, threads);
  return {
    tf,
    faceApi: loadFaceApi(require, { ...core, ...converter }),
    wasmThreads: () => ('threads' in wasm ? wasm.threads() : 1),
    wasmUnavailable: 'unavailable' in wasm ? wasm.unavailable : null,
    wasmInitError: () => ('failure' in wasm ? wasm.failure() : null),
    dispose: () => ('dispose' in wasm ? wasm.dispose() : undefined),
  };
}

/** tfjs-backend-wasm, registered to start with `threads` threads, or why it cannot run. */
function loadWasm(require: NodeJS.Require, tf: TfjsBackendRegistry, threads: number): WasmThreads | { unavailable: string } {
  let wasm: WasmModule;
  try {
    wasm = require('@tensorflow/tfjs-backend-wasm') as WasmModule;
  } catch (e) {
    return { unavailable: `@tensorflow/tfjs-backend-wasm is not installed (${message(e)})` };
  }
  try {
    wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep);
    return registerWasmThreads(tf, wasm, threads, require.resolve('@tensorflow/tfjs-backend-wasm'));
  } catch (e) {
    return { unavailable: `cannot register the TF.js wasm backend for ${threads} thread(s) (${message(e)})` };
  }
}

/**
 * face-api.js's node-wasm build requires the '@tensorflow/tfjs' umbrella package, of which
 * facets has only the parts; this serves that name from a module made of those parts (what the
 * umbrella re-exports: core + converter), so face-api.js runs on the very TF.js the bench times.
 */
function loadFaceApi(require: NodeJS.Require, umbrella: Record<string, unknown>): TfjsPeers['faceApi'] {
  let modelDir: string;
  try {
    modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  } catch (e) {
    return { unavailable: `@vladmandic/face-api is not installed (${message(e)})` };
  }
  const Module = require('node:module') as NodeModule;
  const id = path.join(modelDir, '..', 'facets-bench-tfjs-umbrella.cjs');
  const m = new Module(id);
  m.exports = umbrella;
  m.loaded = true;
  require.cache[id] = m as NodeJS.Module;
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request: string, ...rest: unknown[]): string {
    return request === '@tensorflow/tfjs' ? id : resolve.call(this, request, ...rest);
  };
  try {
    const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as { nets: Record<string, FaceApiNet | undefined> };
    return { nets: faceapi.nets, modelDir };
  } catch (e) {
    return { unavailable: `@vladmandic/face-api failed to load (${message(e)})` };
  } finally {
    Module._resolveFilename = resolve;
  }
}
