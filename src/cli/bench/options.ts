/**
 * The options of `facets bench`, checked: unknown model, backend or peer names are usage errors
 * (E_BAD_ARGUMENT, exit 2) that list what is available.
 */
import { FacetsError } from '../../core/errors.js';
import { listBackends, type BackendName } from '../../nn/backend.js';
import { optNumber, optString, type Args } from '../args.js';
import { CLASSIC_STAGES, type ClassicStage } from './classic.js';
import { BENCH_MODELS, type BenchModel } from './models.js';
import { PEER_BACKENDS, type PeerBackend } from './peers.js';

export interface BenchOptions {
  models: BenchModel[];
  classic: ClassicStage[];
  backends: BackendName[];
  peers: PeerBackend[];
  runs: number;
  warmup: number;
  threads: 1 | 2;
  humanModelsDir?: string;
  /** Wall-time budget per measurement in ms (see timeRuns); Infinity without --max-seconds. */
  budgetMs: number;
}

function list(args: Args, name: string): string[] | undefined {
  const v = optString(args, name);
  return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function integer(args: Args, name: string, fallback: number, min: number): number {
  const v = optNumber(args, name, fallback)!;
  if (!Number.isInteger(v) || v < min) throw new FacetsError('E_BAD_ARGUMENT', `bench: --${name} must be an integer >= ${min}, got ${v}`);
  return v;
}

function seconds(args: Args, name: string): number {
  const v = optNumber(args, name);
  if (v === undefined) return Infinity;
  if (!(v > 0)) throw new FacetsError('E_BAD_ARGUMENT', `bench: --${name} must be a positive number of seconds, got ${v}`);
  return v * 1000;
}

/**
 * Reads and checks the options. Defaults: every CNN, backend cpu, peers wasm and cpu, 20 runs
 * after 2 warm-up runs, 1 thread; --classic adds the classic stages when --models is not given.
 */
export function benchOptions(args: Args): BenchOptions {
  const ids = BENCH_MODELS.map((m) => m.id);
  const names = list(args, 'models');
  const models: BenchModel[] = [];
  const classic: ClassicStage[] = [];
  for (const n of names ?? ids) {
    const hit = BENCH_MODELS.filter((m) => m.id === n || m.net === n);
    if (hit.length) models.push(...hit.filter((m) => !models.includes(m)));
    else if ((CLASSIC_STAGES as readonly string[]).includes(n)) classic.push(n as ClassicStage);
    else throw new FacetsError('E_BAD_ARGUMENT', `bench: unknown model '${n}'; available: ${[...ids, ...CLASSIC_STAGES].join(', ')}`);
  }
  if (args.options.has('classic') && names === undefined) classic.push(...CLASSIC_STAGES);
  const backends = list(args, 'backends') ?? ['cpu'];
  const known = listBackends();
  for (const b of backends) if (!(known as string[]).includes(b)) throw new FacetsError('E_BAD_ARGUMENT', `bench: unknown backend '${b}'; available: ${known.join(', ')}`);
  const peerNames = list(args, 'peers') ?? [...PEER_BACKENDS];
  const peers = peerNames.length === 1 && peerNames[0] === 'none' ? [] : peerNames;
  for (const p of peers) if (!(PEER_BACKENDS as readonly string[]).includes(p)) throw new FacetsError('E_BAD_ARGUMENT', `bench: unknown peer '${p}'; available: ${PEER_BACKENDS.join(', ')}, none`);
  const threads = integer(args, 'threads', 1, 1);
  if (threads > 2) throw new FacetsError('E_BAD_ARGUMENT', `bench: --threads must be 1 or 2, got ${threads}`);
  return {
    models, classic, backends: backends as BackendName[], peers: peers as PeerBackend[],
    runs: integer(args, 'runs', 20, 1), warmup: integer(args, 'warmup', 2, 0), threads: threads as 1 | 2,
    humanModelsDir: optString(args, 'human-models'),
    budgetMs: seconds(args, 'max-seconds'),
  };
}
