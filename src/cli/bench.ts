/**
 * `facets bench`: speed of facets' nets (each backend) next to TF.js 4 cpu and wasm on the same
 * weights and input in the same process, plus the classic stages; see cli/bench/ for the parts.
 */
import os from 'node:os';
import { readImage } from '../image/decode.js';
import type { Image } from '../image/image.js';
import { toRgb } from '../image/gray.js';
import '../nn/ops/index.js';
import { backendByName, getBackend, setBackend, type BackendName } from '../nn/backend.js';
import { gpujsActiveMode } from '../nn/kernels/gpujs-runtime.js';
import { wasmKernelMode } from '../nn/kernels/wasm/runtime.js';
import { setCpuThreads } from '../nn/kernels/threads/node.js';
import type { Args } from './args.js';
import { prepareClassic } from './bench/classic.js';
import { countMacs } from './bench/macs.js';
import { benchInput, facetsForward, type BenchModel } from './bench/models.js';
import { benchOptions, type BenchOptions } from './bench/options.js';
import { timePeer, type PeerBackend } from './bench/peers.js';
import { formatBench, gflops, wasmRatios, type BenchDocument, type BenchResult, type PeerEntry } from './bench/report.js';
import { timeRuns } from './bench/runner.js';
import { loadTfjsPeers, type TfjsPeers } from './bench/tfjs.js';
import type { Command, Io } from './main.js';
import { packagePath } from './paths.js';
import { progressBar } from './progress.js';

/** The face every stage runs on (LFW, 250x250; samples/ATTRIBUTION.md). */
const SAMPLE = 'samples/Tony_Blair_0001.jpg';

/**
 * Starts facets' cpu threads when `threads` > 1 (worker_threads) and returns, per backend, why it
 * cannot run at that thread count (null: it can). Only the cpu backend has threads.
 */
async function facetsThreadsUnavailable(threads: number): Promise<(backend: BackendName) => string | null> {
  if (threads === 1) return () => null;
  try {
    await setCpuThreads(threads);
  } catch (e) {
    const why = `facets could not start ${threads} cpu threads: ${(e as Error).message}`;
    return () => why;
  }
  return (b) => (b === 'cpu' ? null : `only the cpu backend runs multi-thread kernels (--threads ${threads})`);
}

function kernelsOf(backend: BackendName): string {
  return backend === 'cpu' ? wasmKernelMode() : backend === 'gpujs' ? `gpu.js ${gpujsActiveMode()}` : backend;
}

/** Runs the bench and returns the document (also used by the tests through the command). */
async function runBench(o: BenchOptions, onRow: () => void): Promise<BenchDocument> {
  const face: Image = toRgb(await readImage(packagePath(SAMPLE)));
  const notes: string[] = [];
  const results: BenchResult[] = [];
  const peers: TfjsPeers | { unavailable: string } | null = o.peers.length && o.models.length ? loadTfjsPeers(o.threads) : null;
  const previous = getBackend();
  const facetsWhy = o.models.length ? await facetsThreadsUnavailable(o.threads) : () => null;
  try {
    for (const m of o.models) {
      const input = benchInput(m, face);
      const inputText = input.kind === 'image' ? `${m.size}x${m.size} RGB` : `[${input.tensor.shape.join(',')}] tensor`;
      const rows: BenchResult[] = [];
      let macs: number | null = null;
      for (const b of o.backends) {
        const why = facetsWhy(b) ?? backendByName(b).unavailableReason();
        const row: BenchResult = {
          model: m.id, kind: 'cnn', input: inputText, backend: b, kernels: kernelsOf(b), threads: o.threads, runs: o.runs,
          medianMs: null, minMs: null, cpuMedianMs: null, cpuMinMs: null, macs, gflops: null, peers: {}, ratioWasm: null, ratioWasmCpu: null,
        };
        if (why !== null) {
          row.unavailable = why;
        } else {
          setBackend(b);
          const forward = await facetsForward(m, input);
          macs ??= await countMacs(forward);
          Object.assign(row, await timeRuns(forward, o.runs, o.warmup, o.budgetMs), { macs, kernels: kernelsOf(b) });
          row.gflops = gflops(macs, row.medianMs);
        }
        rows.push(row);
        onRow();
      }
      const entries: Record<string, PeerEntry> = {};
      for (const p of o.peers) {
        entries[`tfjs-${p}`] = peers === null || 'unavailable' in peers ? { unavailable: peers?.unavailable ?? 'not loaded' } : await peerEntry(peers, m, input, p, o, macs);
      }
      for (const r of rows) Object.assign(r, { peers: entries, macs: r.macs ?? macs }, wasmRatios(r, entries['tfjs-wasm']));
      results.push(...rows);
    }
  } finally {
    setBackend(previous);
    if (o.threads > 1) await setCpuThreads(1);
    // Ends TF.js's pthread workers (they do not keep Node alive, but in-process callers such as tests live on).
    if (peers && !('unavailable' in peers)) peers.dispose();
  }
  for (const stage of o.classic) {
    const c = await prepareClassic(stage, face);
    const t = await timeRuns(c.run, o.runs, o.warmup, o.budgetMs);
    results.push({ model: stage, kind: 'classic', input: c.input, backend: 'ts', kernels: 'ts', threads: 1, ...t, macs: null, gflops: null, peers: {}, ratioWasm: null, ratioWasmCpu: null });
    onRow();
  }
  const threadNote = facetsWhy('cpu');
  if (threadNote) notes.push(threadNote);
  if (o.classic.length) notes.push('classic stages: no peer in this process (OpenCV and dlib are native); see the timings beside the parity fixtures');
  notes.push(...peerNotes(results));
  const m = os.cpus();
  return {
    machine: { cpus: m.length, cpuModel: m[0]?.model.trim() ?? 'unknown', node: process.version, simd: wasmKernelMode() !== 'ts', facetsKernels: wasmKernelMode(), loadAverage: os.loadavg() },
    date: new Date().toISOString(), runs: o.runs, warmup: o.warmup, threads: o.threads, results, notes,
  };
}

/** One note per distinct peer problem or caveat, naming the models it applies to. */
function peerNotes(results: readonly BenchResult[]): string[] {
  const byText = new Map<string, Set<string>>();
  for (const r of results) {
    for (const [k, e] of Object.entries(r.peers)) {
      const text = 'unavailable' in e ? `peer unavailable: ${k}: ${e.unavailable}` : e.note === undefined ? null : `${k}: ${e.note}`;
      if (text === null) continue;
      const models = byText.get(text) ?? new Set<string>();
      byText.set(text, models.add(r.model));
    }
  }
  return [...byText].map(([text, models]) => `${text} (${[...models].join(', ')})`);
}

async function peerEntry(peers: TfjsPeers, m: BenchModel, input: ReturnType<typeof benchInput>, p: PeerBackend, o: BenchOptions, macs: number | null): Promise<PeerEntry> {
  const t = await timePeer(peers, m, input, p, { runs: o.runs, warmup: o.warmup, humanModelsDir: o.humanModelsDir, budgetMs: o.budgetMs });
  if ('unavailable' in t) return t;
  const threads = p === 'wasm' ? peers.wasmThreads() : 1;
  const why = p === 'wasm'
    ? 'tfjs-backend-wasm started fewer XNNPACK threads than asked'
    : 'the TF.js cpu backend is single-threaded JavaScript';
  const note = threads < o.threads ? `asked for ${o.threads} threads, ran ${threads} (${why})` : undefined;
  return { ...t, threads, gflops: gflops(macs, t.medianMs), ...(note ? { note } : {}) };
}

/** `facets bench [--models a,b] [--backends cpu,gpujs,reference] [--peers wasm,cpu|none] ...`. */
export const benchCommand: Command = {
  usage: '[--models a,b,...] [--backends cpu,gpujs,reference] [--peers wasm,cpu|none] [--runs 20] [--warmup 2] [--threads 1|2] [--classic] [--max-seconds S] [--human-models <dir>] [--json]',
  flags: ['classic'],
  async run(args: Args, io: Io): Promise<number> {
    const o = benchOptions(args);
    const total = o.models.length * o.backends.length + o.classic.length;
    const bar = progressBar('bench', io.isTty && !args.options.has('json'));
    let done = 0;
    const doc = await runBench(o, () => bar(++done, total));
    io.out(args.options.has('json') ? JSON.stringify(doc) : formatBench(doc));
    return 0;
  },
};
