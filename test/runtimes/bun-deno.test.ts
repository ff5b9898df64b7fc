/**
 * "Import in any JS runtime" (issue #11): the smoke pipeline (test/runtimes/smoke-pipeline.ts,
 * the package's own TypeScript run directly) under Bun and Deno must give Node's results.
 * Tolerances (parity issue): descriptor 1e-3 abs per component, landmark net output 1e-4
 * relative, probabilities 1e-4 abs, box 1e-2 px. A runtime whose binary is missing is skipped with
 * the reason printed (the npm packages `bun` and `deno` are devDependencies that ship them).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PipelineResult } from '../../src/browser/pipeline.js';
import { maxAbsDiff, maxRelDiff, nodeReference, SAMPLE, sampleImage, TOL } from './compare.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = 'test/runtimes/smoke-pipeline.ts';

interface RuntimeCase { name: string; bin: string; args: string[] }
const RUNTIMES: RuntimeCase[] = [
  { name: 'bun', bin: path.join(root, 'node_modules/.bin/bun'), args: [script, SAMPLE, 'reference'] },
  // --sloppy-imports: our sources import './x.js' for x.ts (NodeNext style); Deno needs the flag to map them.
  { name: 'deno', bin: path.join(root, 'node_modules/.bin/deno'), args: ['run', '--sloppy-imports', '--allow-read', '--allow-env', script, SAMPLE, 'reference'] },
];

interface SmokeOutput { runtime: string; box: PipelineResult['box']; score: number; landmarkOutput: number[]; descriptor: number[]; emotion: PipelineResult['emotion'] }

function runSmoke(rt: RuntimeCase): Promise<SmokeOutput> {
  return new Promise((resolve, reject) => {
    execFile(rt.bin, rt.args, { cwd: root, timeout: 60_000, maxBuffer: 8 << 20, env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${rt.name} failed: ${err.message}\n${stderr}`));
      const line = stdout.trim().split('\n').pop() ?? '';
      try { resolve(JSON.parse(line) as SmokeOutput); } catch { reject(new Error(`${rt.name} printed no JSON: ${stdout}\n${stderr}`)); }
    });
  });
}

describe('the smoke pipeline under other runtimes', () => {
  let node: PipelineResult;
  beforeAll(async () => { node = await nodeReference(await sampleImage()); });

  for (const rt of RUNTIMES) {
    const missing = existsSync(rt.bin) ? null : `${rt.bin} not found (npm ci installs the '${rt.name}' devDependency)`;
    if (missing) console.log(`skipping ${rt.name}: ${missing}`);
    it.skipIf(missing !== null)(`${rt.name} gives Node's box, landmarks, descriptor (1e-3 abs) and emotion (1e-4)`, async () => {
      const out = await runSmoke(rt);
      expect(out.runtime.startsWith(rt.name)).toBe(true);
      const d = {
        box: maxAbsDiff([out.box.x, out.box.y, out.box.width, out.box.height], [node.box.x, node.box.y, node.box.width, node.box.height]),
        landmarks: maxRelDiff(out.landmarkOutput, node.landmarkOutput),
        descriptor: maxAbsDiff(out.descriptor, node.descriptor),
        probabilities: maxAbsDiff(Object.values(out.emotion.probabilities), Object.values(node.emotion.probabilities)),
      };
      console.log(`${out.runtime} vs node ${process.versions.node}: ${JSON.stringify(d)}`);
      expect(out.descriptor).toHaveLength(128);
      expect(d.box).toBeLessThanOrEqual(TOL.boxPx);
      expect(d.landmarks).toBeLessThanOrEqual(TOL.landmarkRel);
      expect(d.descriptor).toBeLessThanOrEqual(TOL.descriptorAbs);
      expect(d.probabilities).toBeLessThanOrEqual(TOL.probabilityAbs);
      expect(Object.keys(out.emotion.probabilities)).toEqual(Object.keys(node.emotion.probabilities));
    });
  }
});
