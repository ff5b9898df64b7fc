/**
 * The demo page in a real browser (Debian's chromium via playwright-core, SwiftShader GPU):
 * builds the bundles, serves the package root on 127.0.0.1 (cross-origin isolated), runs the
 * pipeline (in the page's worker) on the gpujs backend on webgl2 and on webgpu (through the
 * synchronous webgpu bridge) and on the cpu backend, and compares with Node's reference backend;
 * checks every gpujs kernel body on webgpu against the reference backend in a worker.
 * Tolerances (parity issue): descriptor 1e-3 abs per component, landmark net output 1e-4
 * relative, probabilities 1e-4 abs; the box 1e-2 px. Input: the sample re-encoded as PNG by Node,
 * so the browser's decoder sees the very pixels Node used (JPEG decoders differ slightly).
 * Skips with a printed reason when chromium is not installed (`apt-get install -y chromium`).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildBrowser } from '../../scripts/build-browser.js';
import type { DemoRun } from '../../src/browser/demo-app.js';
import type { PipelineResult } from '../../src/browser/pipeline.js';
import type * as FacetsBrowser from '../../src/browser/index.js';
import type { OpReport } from './webgpu-ops.worker.js';
import { encodePng } from '../../src/image/encode.js';
import { decodeImage } from '../../src/image/decode.js';
import { maxAbsDiff, maxRelDiff, nodeReference, sampleImage, TOL } from '../runtimes/compare.js';
import { serveStatic } from './server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.FACETS_CHROMIUM ?? '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? null : `${CHROMIUM} not found (apt-get install -y chromium, or set FACETS_CHROMIUM)`;
if (missing) console.log(`skipping the browser test: ${missing}`);

const FLAGS = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function diffs(run: DemoRun, node: PipelineResult) {
  return {
    box: maxAbsDiff([run.box.x, run.box.y, run.box.width, run.box.height], [node.box.x, node.box.y, node.box.width, node.box.height]),
    landmarks: maxRelDiff(run.landmarkOutput, node.landmarkOutput),
    descriptor: maxAbsDiff(run.descriptor, node.descriptor),
    probabilities: maxAbsDiff(Object.values(run.emotion.probabilities), Object.values(node.emotion.probabilities)),
  };
}

describe.skipIf(missing !== null)('the demo page in chromium', () => {
  let browser: Browser;
  let page: Page;
  let server: { url: string; close: () => Promise<void> };
  let node: PipelineResult;
  let pngBase64: string;
  let tmp: string;
  const errors: string[] = [];

  beforeAll(async () => {
    const sizes = await buildBrowser({ 'webgpu-ops-check': 'test/browser/webgpu-ops.worker.ts' });
    console.log(`bundles: ${JSON.stringify(sizes)}`);
    const img = await sampleImage();
    const png = encodePng(img);
    expect(decodeImage(png).data).toEqual(img.data);
    pngBase64 = Buffer.from(png).toString('base64');
    node = await nodeReference(img);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'facets-browser-'));
    server = await serveStatic(root);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/demo/index.html`);
    await page.waitForFunction(() => window.facetsDemo !== undefined);
    await page.evaluate(() => window.facetsDemo);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function runAndCompare(backend: 'gpujs-webgl2' | 'gpujs-webgpu' | 'cpu', mode: string): Promise<DemoRun> {
    const run = await page.evaluate(async ([b, png]) => (await window.facetsDemo!).run({ backend: b, imageBase64: png }), [backend, pngBase64] as const);
    const d = diffs(run, node);
    const ms = Object.fromEntries(Object.entries(run.timings).map(([k, v]) => [k, Math.round(v)]));
    console.log(`${backend} (mode ${run.mode}) vs node reference: ${JSON.stringify(d)}; stage ms ${JSON.stringify(ms)}${run.webgpu ? `; bridge ${JSON.stringify(run.webgpu)}` : ''}`);
    expect(run.mode).toBe(mode);
    expect([run.width, run.height]).toEqual([250, 250]);
    expect(run.descriptor).toHaveLength(128);
    expect(run.emotion.label).toBe(node.emotion.label);
    expect(d.box).toBeLessThanOrEqual(TOL.boxPx);
    expect(d.landmarks).toBeLessThanOrEqual(TOL.landmarkRel);
    expect(d.descriptor).toBeLessThanOrEqual(TOL.descriptorAbs);
    expect(d.probabilities).toBeLessThanOrEqual(TOL.probabilityAbs);
    return run;
  }

  it("runs the pipeline on gpujs (webgl2) and matches Node's reference backend (descriptor 1e-3, landmarks 1e-4 rel, probabilities 1e-4)", async () => {
    await runAndCompare('gpujs-webgl2', 'webgl2');
  });

  /** Screenshots the page and checks every stage is shown with a picture, a timing and its texts. */
  async function expectStagesShown(file: string): Promise<void> {
    const shot = path.join(tmp, file);
    await page.screenshot({ path: shot, fullPage: true });
    const shotImg = decodeImage(new Uint8Array(await readFile(shot)));
    expect(shotImg.width).toBeGreaterThanOrEqual(1200);
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
    console.log(`screenshot: ${shot}`);
    const stages = await page.$$eval('section.stage', (els) => els.map((el) => {
      const c = el.querySelector('canvas')!;
      const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const distinct = new Set<number>();
      for (let i = 0; i < px.length && distinct.size < 64; i += 4) distinct.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
      const r = el.getBoundingClientRect();
      return { stage: el.getAttribute('data-stage'), visible: r.width > 0 && r.height > 0, w: c.width, h: c.height, colours: distinct.size, ms: el.querySelector('.ms')!.textContent ?? '' };
    }));
    expect(stages.map((s) => s.stage)).toEqual(['input', 'detect', 'crop', 'landmarks', 'chip', 'descriptor', 'emotion']);
    for (const s of stages) {
      expect(s.visible, `${s.stage} visible`).toBe(true);
      expect(s.w * s.h, `${s.stage} canvas size`).toBeGreaterThan(0);
      expect(s.colours, `${s.stage} canvas has a picture`).toBeGreaterThan(8);
      if (s.stage !== 'input') expect(s.ms, `${s.stage} timing`).toMatch(/^\d+(\.\d+)? ms$/);
    }
    expect(errors).toEqual([]);
  }

  // Runs right after the webgl2 run: the page still shows its stages.
  it('shows every stage of the webgl2 run: a screenshot with non-empty canvases, timings and texts', async () => {
    await expectStagesShown('demo-webgl2.png');
  });

  it("runs the pipeline on the cpu backend in the page and matches Node's reference backend (same tolerances)", async () => {
    await runAndCompare('cpu', 'cpu');
  });

  it("runs the pipeline on gpujs (webgpu, through the worker's synchronous bridge) and matches Node's reference backend (same tolerances as webgl2)", async () => {
    const probe = await page.evaluate(async () => (await window.facetsDemo!).probeWebgpu());
    console.log(`webgpu probe: ${JSON.stringify(probe)}`);
    expect(probe.ok).toBe(true);
    const run = await runAndCompare('gpujs-webgpu', 'webgpu');
    // The kernels really went over the bridge to gpu.js webgpu kernels on the page.
    expect(run.webgpu?.calls).toBeGreaterThan(100);
    expect(run.webgpu?.compiled).toBeGreaterThan(10);
  });

  it('shows every stage of the webgpu run the same way', async () => {
    await expectStagesShown('demo-webgpu.png');
  });

  // Exact for data movement (concat, pad, stridedSlice), 1e-4 relative otherwise, as test/nn/ops.
  it('runs every gpujs kernel body on webgpu (WGSL) and matches the reference backend on seeded random shapes (1e-4 relative; data movement exact)', async () => {
    // The browser entry, loaded as a module script (a dynamic import() here would be rewritten by vitest).
    await page.addScriptTag({ type: 'module', content: "import * as facets from '../dist/bundle/facets.js'; window.facetsBrowser = facets;" });
    await page.waitForFunction(() => (window as { facetsBrowser?: unknown }).facetsBrowser !== undefined);
    const { reply, stats } = await page.evaluate(async ({ seed, numRuns, tolerance }) => {
      const facets = (window as { facetsBrowser?: typeof FacetsBrowser }).facetsBrowser!;
      const host = facets.hostWebgpuKernels();
      const worker = new Worker(new URL('../dist/bundle/webgpu-ops-check.js', document.baseURI), { type: 'module' });
      try {
        const answer = await new Promise<{ ok: boolean; reports?: OpReport[]; broken?: { code: string; message: string } | null; error?: string }>((resolve, reject) => {
          worker.onmessage = (e) => resolve(e.data);
          worker.onerror = (e) => reject(new Error(e.message));
          worker.postMessage({ endpoint: host.endpoint, seed, numRuns, tolerance }, [host.endpoint.port]);
        });
        return { reply: answer, stats: host.stats() };
      } finally {
        worker.terminate();
        host.close();
      }
    }, { seed: 20261129, numRuns: 3, tolerance: 1e-4 });
    expect(reply.error).toBeUndefined();
    // A kernel that fails on the page comes back to the worker as a FacetsError with its code.
    console.log(`webgpu broken kernel: ${JSON.stringify(reply.broken).slice(0, 300)}`);
    expect(reply.broken?.code).toBe('E_BACKEND');
    expect(reply.broken?.message).toMatch(/kernel 'broken'/);
    const reports = reply.reports!;
    for (const r of reports) console.log(`webgpu ${r.kernel}: ${r.cases} cases, max error ${r.maxError}${r.failures.length ? `; FAILED: ${r.failures.join(' | ')}` : ''}`);
    console.log(`webgpu op check bridge: ${JSON.stringify(stats)}`);
    expect([...new Set(reports.map((r) => r.kernel.split('/')[0]))].sort()).toEqual(['binary', 'concat', 'conv2d', 'depthwiseConv2d', 'matMul', 'pad', 'pool', 'reduce', 'resizeBilinear', 'softmax', 'stridedSlice', 'unary']);
    for (const r of reports) {
      expect(r.failures, r.kernel).toEqual([]);
      expect(r.cases, r.kernel).toBeGreaterThan(0);
      if (['concat', 'pad', 'stridedSlice'].includes(r.kernel)) expect(r.maxError, r.kernel).toBe(0);
    }
  });

  it('refuses gpujs-webgpu with E_UNSUPPORTED on a page served without COOP/COEP, where the worker still runs the cpu backend', async () => {
    const plain = await serveStatic(root, { isolated: false });
    const other = await browser.newPage();
    try {
      await other.goto(`${plain.url}/demo/index.html`);
      await other.waitForFunction(() => window.facetsDemo !== undefined);
      const refused = await other.evaluate(async (png) => (await window.facetsDemo!).run({ backend: 'gpujs-webgpu', imageBase64: png })
        .then(() => 'ran', (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`), pngBase64);
      console.log(`without isolation: ${refused}`);
      expect(refused).toMatch(/^E_UNSUPPORTED: .*Cross-Origin-Embedder-Policy/);
      const run = await other.evaluate(async (png) => (await window.facetsDemo!).run({ backend: 'cpu', imageBase64: png }), pngBase64);
      expect(maxAbsDiff(run.descriptor, node.descriptor)).toBeLessThanOrEqual(TOL.descriptorAbs);
    } finally {
      await other.close();
      await plain.close();
    }
  });
});
