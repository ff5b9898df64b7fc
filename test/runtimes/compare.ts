/**
 * Shared by the runtime tests: the Node result of the smoke pipeline (reference backend, the
 * oracle) and the tolerances of the parity issue.
 */
import { readPackageFile } from '../../src/core/package-files.js';
import { decodeImage } from '../../src/image/decode.js';
import type { Image } from '../../src/image/image.js';
import { setBackend } from '../../src/nn/backend.js';
import '../../src/nn/ops/index.js';
import { loadPipelineModels, runPipeline, type PipelineResult } from '../../src/browser/pipeline.js';

/** The sample every runtime runs: its face scores ~0.79 with the tiny detector at 224. */
export const SAMPLE = 'Tony_Blair_0002.jpg';

export async function sampleImage(): Promise<Image> {
  return decodeImage(await readPackageFile(`samples/${SAMPLE}`));
}

/** Node's result on the reference backend (plain loops: the definition of the right answer). */
export async function nodeReference(img: Image): Promise<PipelineResult> {
  setBackend('reference');
  return runPipeline(img, await loadPipelineModels());
}

/** Largest |a[i] - b[i]|; Infinity when the lengths differ. */
export function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

/** Largest |a[i] - b[i]| / max(|b[i]|, 1e-6). */
export function maxRelDiff(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]) / Math.max(Math.abs(b[i]), 1e-6)), 0);
}

/** Parity-issue tolerances: descriptor abs per component, landmark net output relative, probabilities abs. */
export const TOL = { descriptorAbs: 1e-3, landmarkRel: 1e-4, probabilityAbs: 1e-4, boxPx: 1e-2 } as const;
