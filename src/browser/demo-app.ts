/**
 * The demo page (demo/index.html): pick a bundled sample, a file or a webcam frame, pick a
 * backend, run the pipeline, then step through its stages with their timings. The pipeline runs
 * in a worker on every backend (pipeline-worker.ts; webgpu needs one, and the page stays
 * responsive during a slow software-GPU run); the page decodes and renders. Also exposes
 * `window.facetsDemo` so the Playwright test drives exactly what a person clicks.
 */
import { FacetsError } from '../core/errors.js';
import type { Image } from '../image/image.js';
import { browserImage } from './decode.js';
import { DEMO_BACKENDS, probeWebgpu, type DemoBackend, type WebgpuProbe } from './backend-choice.js';
import type { PipelineResult } from './pipeline.js';
import { startPipelineWorker, type PipelineWorker } from './pipeline-client.js';
import { drawImage, drawProbabilities, drawSignedBars } from './render.js';

/** What a run reports (plain JSON: what the test compares with Node). */
export interface DemoRun {
  backend: DemoBackend;
  mode: string;
  width: number;
  height: number;
  box: PipelineResult['box'];
  score: number;
  landmarkOutput: number[];
  landmarks: PipelineResult['landmarks'];
  descriptor: number[];
  emotion: PipelineResult['emotion'];
  timings: Record<string, number>;
  /** The webgpu bridge's counters since the page loaded (webgpu runs only). */
  webgpu?: { compiled: number; calls: number; firstRunMs: number; kernelMs: number };
}

export interface DemoApi {
  /** Runs on the given PNG/JPEG bytes (base64) or the selected input, and renders the stages. */
  run(opts: { backend: DemoBackend; imageBase64?: string; inputSize?: number }): Promise<DemoRun>;
  probeWebgpu(): Promise<WebgpuProbe>;
}

const $ = <T extends HTMLElement>(sel: string): T => {
  const el = document.querySelector<T>(sel);
  if (!el) throw new FacetsError('E_UNSUPPORTED', `demo: the page lacks ${sel}`);
  return el;
};

let worker: PipelineWorker | null = null;
let current: Image | null = null;
const STAGES = ['input', 'detect', 'crop', 'landmarks', 'chip', 'descriptor', 'emotion'] as const;
let step = STAGES.length - 1;

function status(text: string): void {
  $('#status').textContent = text;
}

function stageEl(name: string): HTMLElement {
  return $(`section.stage[data-stage="${name}"]`);
}

function showStep(i: number): void {
  step = Math.max(0, Math.min(STAGES.length - 1, i));
  STAGES.forEach((s, k) => stageEl(s).classList.toggle('hidden', k > step));
  $('#step-label').textContent = `stage ${step + 1}/${STAGES.length}: ${STAGES[step]}`;
}

function render(img: Image, r: PipelineResult): void {
  drawImage($<HTMLCanvasElement>('[data-stage="input"] canvas'), img);
  drawImage($<HTMLCanvasElement>('[data-stage="detect"] canvas'), img, { box: r.box });
  const crop = r.stages.find((s) => s.name === 'crop')?.image;
  const chip = r.stages.find((s) => s.name === 'chip')?.image;
  if (crop) drawImage($<HTMLCanvasElement>('[data-stage="crop"] canvas'), crop);
  drawImage($<HTMLCanvasElement>('[data-stage="landmarks"] canvas'), img, { points: r.landmarks });
  if (chip) drawImage($<HTMLCanvasElement>('[data-stage="chip"] canvas'), chip);
  drawSignedBars($<HTMLCanvasElement>('[data-stage="descriptor"] canvas'), r.descriptor);
  drawProbabilities($<HTMLCanvasElement>('[data-stage="emotion"] canvas'), r.emotion.probabilities);
  $('[data-stage="input"] .info').textContent = `${img.width}x${img.height}, ${img.channels} channels`;
  $('[data-stage="detect"] .info').textContent = `score ${r.score.toFixed(3)}; box ${[r.box.x, r.box.y, r.box.width, r.box.height].map((v) => v.toFixed(1)).join(', ')}`;
  $('[data-stage="emotion"] .info').textContent = `label: ${r.emotion.label}`;
  $('[data-stage="descriptor"] .info').textContent = `128-D, |d| = ${Math.hypot(...r.descriptor).toFixed(3)}`;
  for (const s of r.stages) $(`[data-stage="${s.name}"] .ms`).textContent = `${s.ms.toFixed(1)} ms`;
  showStep(STAGES.length - 1);
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function run(opts: { backend: DemoBackend; imageBase64?: string; inputSize?: number }): Promise<DemoRun> {
  status(`running on ${opts.backend}...`);
  // A scripted run shows which backend it used the way a click would.
  $<HTMLSelectElement>('#backend').value = opts.backend;
  try {
    if (opts.imageBase64 !== undefined) {
      current = await browserImage(fromBase64(opts.imageBase64));
      $<HTMLSelectElement>('#sample').selectedIndex = -1;
    }
    if (!current) throw new FacetsError('E_BAD_ARGUMENT', 'demo: pick a sample, a file or a webcam frame first');
    const img = current;
    worker ??= startPipelineWorker(new URL('../dist/bundle/pipeline-worker.js', document.baseURI), new URL('../weights/', document.baseURI));
    const { mode, result: r } = await worker.run(img, opts.backend, { inputSize: opts.inputSize });
    render(img, r);
    const timings = Object.fromEntries(r.stages.map((s) => [s.name, s.ms]));
    const webgpu = opts.backend === 'gpujs-webgpu' ? worker.webgpuStats() : null;
    const bridge = webgpu ? `; webgpu bridge: ${webgpu.calls} kernel calls, ${webgpu.compiled} kernels compiled, ${webgpu.kernelMs.toFixed(0)} ms on the GPU side` : '';
    status(`done on ${opts.backend} (${mode}) in ${Object.values(timings).reduce((a, b) => a + b, 0).toFixed(0)} ms${bridge}`);
    const { box, score, landmarkOutput, landmarks, descriptor, emotion } = r;
    const run: DemoRun = { backend: opts.backend, mode, width: img.width, height: img.height, box, score, landmarkOutput, landmarks, descriptor, emotion, timings };
    return webgpu ? { ...run, webgpu } : run;
  } catch (e) {
    status(`error: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
}

async function pick(src: Blob | HTMLVideoElement): Promise<void> {
  current = await browserImage(src);
  drawImage($<HTMLCanvasElement>('[data-stage="input"] canvas'), current);
  showStep(0);
  status(`input ${current.width}x${current.height} ready`);
}

async function startWebcam(): Promise<void> {
  const video = $<HTMLVideoElement>('#webcam');
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: true });
  video.classList.remove('hidden');
  await video.play();
  $<HTMLButtonElement>('#grab').disabled = false;
}

/** Wires the page's controls; called once by the bundle's entry. */
export async function startDemo(): Promise<DemoApi> {
  const backendSel = $<HTMLSelectElement>('#backend');
  for (const b of DEMO_BACKENDS) backendSel.add(new Option(b, b));
  const sampleSel = $<HTMLSelectElement>('#sample');
  const samples = (await (await fetch(new URL('../dist/bundle/samples.json', document.baseURI))).json()) as string[];
  for (const s of samples) sampleSel.add(new Option(s, s));
  const guard = (f: () => Promise<unknown>) => () => { f().catch((e: unknown) => status(`error: ${e instanceof Error ? e.message : String(e)}`)); };
  sampleSel.onchange = guard(async () => pick(await (await fetch(new URL(`../samples/${sampleSel.value}`, document.baseURI))).blob()));
  $<HTMLInputElement>('#file').onchange = guard(async () => { const f = $<HTMLInputElement>('#file').files?.[0]; if (f) await pick(f); });
  $('#webcam-on').onclick = guard(startWebcam);
  $('#grab').onclick = guard(() => pick($<HTMLVideoElement>('#webcam')));
  $('#run').onclick = guard(() => run({ backend: backendSel.value as DemoBackend }));
  $('#prev').onclick = () => showStep(step - 1);
  $('#next').onclick = () => showStep(step + 1);
  $('#all').onclick = () => showStep(STAGES.length - 1);
  $('#probe').onclick = guard(async () => { const p = await probeWebgpu(); status(`webgpu probe: ${p.ok ? 'ok' : 'failed'} (max error ${p.maxError}${p.reason ? `; ${p.reason}` : ''})`); });
  if (samples.length > 0) await pick(await (await fetch(new URL(`../samples/${samples[0]}`, document.baseURI))).blob());
  return { run, probeWebgpu };
}
