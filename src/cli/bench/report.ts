/**
 * The document `facets bench --json` prints and the table it prints without --json.
 * Ratios are facets / TF.js-wasm: below 1 facets is faster. `ratioWasm` compares wall-clock
 * medians, `ratioWasmCpu` process-CPU-time medians (steadier on a shared machine); both are null
 * when either side is missing or the two sides ran different thread counts.
 */
import type { Timing } from './runner.js';
import { table } from '../table.js';

/** One peer's figures for a model, or why it could not run. */
export type PeerEntry = (Timing & { threads: number; gflops: number | null; note?: string }) | { unavailable: string };

/** One row: a model (or classic stage) on one facets backend, with its peers. */
export interface BenchResult {
  model: string;
  kind: 'cnn' | 'classic';
  /** What the stage ran on, e.g. '150x150 RGB'. */
  input: string;
  /** facets backend ('cpu', 'gpujs', 'reference'); 'ts' for the classic stages, which use none. */
  backend: string;
  /** Which kernels did the work (wasm-simd-fma, ts, a gpu.js mode, ...). */
  kernels: string;
  threads: number;
  runs: number;
  medianMs: number | null;
  minMs: number | null;
  cpuMedianMs: number | null;
  cpuMinMs: number | null;
  /** Multiply-accumulates of one forward pass (conv, depthwise, matmul), null for classic stages. */
  macs: number | null;
  /** 2 * macs / medianMs. */
  gflops: number | null;
  peers: Record<string, PeerEntry>;
  ratioWasm: number | null;
  ratioWasmCpu: number | null;
  /** Why facets did not run this row. */
  unavailable?: string;
}

export interface BenchDocument {
  machine: { cpus: number; cpuModel: string; node: string; simd: boolean; facetsKernels: string; loadAverage: number[] };
  date: string;
  runs: number;
  warmup: number;
  threads: number;
  results: BenchResult[];
  notes: string[];
}

/** GFLOP/s of `macs` multiply-accumulates done in `ms` milliseconds (FLOPs = 2 * MACs). */
export function gflops(macs: number | null, ms: number | null): number | null {
  return macs === null || ms === null || !(ms > 0) ? null : (2 * macs) / (ms * 1e6);
}

/** facets / TF.js-wasm for wall and CPU medians (see the module comment for when they are null). */
export function wasmRatios(r: Pick<BenchResult, 'medianMs' | 'cpuMedianMs' | 'threads'>, wasm: PeerEntry | undefined): { ratioWasm: number | null; ratioWasmCpu: number | null } {
  if (!wasm || 'unavailable' in wasm || r.medianMs === null || r.cpuMedianMs === null || wasm.threads !== r.threads) return { ratioWasm: null, ratioWasmCpu: null };
  return { ratioWasm: r.medianMs / wasm.medianMs, ratioWasmCpu: wasm.cpuMedianMs > 0 ? r.cpuMedianMs / wasm.cpuMedianMs : null };
}

const ms = (v: number | null | undefined): string => (v === null || v === undefined ? '-' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const num = (v: number | null, digits: number): string => (v === null ? '-' : v.toFixed(digits));

function peerCell(p: PeerEntry | undefined, threads: number, runs: number): string {
  if (!p) return '-';
  if ('unavailable' in p) return 'n/a';
  const notes = [p.threads !== threads ? `${p.threads} thread` : '', p.runs < runs ? `${p.runs} runs` : ''].filter((n) => n !== '');
  return `${ms(p.medianMs)} / ${ms(p.cpuMedianMs)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

/** The plain-text report: one table plus the machine line and the notes. */
export function formatBench(doc: BenchDocument): string {
  const head = ['model', 'input', 'backend', 'facets ms wall (min) / cpu', 'GFLOP/s', 'tfjs-wasm wall / cpu', 'tfjs-cpu wall / cpu', 'facets/wasm wall', 'cpu'];
  const rows = doc.results.map((r) => [
    r.model, r.input, `${r.backend} (${r.kernels})`,
    r.unavailable ? 'n/a' : `${ms(r.medianMs)} (${ms(r.minMs)}) / ${ms(r.cpuMedianMs)}${r.runs < doc.runs ? ` (${r.runs} runs)` : ''}`,
    num(r.gflops, 1), peerCell(r.peers['tfjs-wasm'], r.threads, doc.runs), peerCell(r.peers['tfjs-cpu'], r.threads, doc.runs), num(r.ratioWasm, 2), num(r.ratioWasmCpu, 2),
  ]);
  const m = doc.machine;
  return [
    `facets bench ${doc.date}: node ${m.node}, ${m.cpus} x ${m.cpuModel}, load ${m.loadAverage.map((l) => l.toFixed(1)).join(' ')}; ` +
      `medians of ${doc.runs} runs after ${doc.warmup} warm-up, ${doc.threads} thread(s); ms`,
    table(head, rows),
    ...doc.notes.map((n) => `note: ${n}`),
  ].join('\n');
}
