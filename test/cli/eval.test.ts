import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/image/index.js';
import { runCli as run } from './run-cli.js';
import { sharedPath } from '../helpers/shared.js';


describe('facets eval utkface / --report', () => {
  it('prints the documented JSON keys and writes charts + index.html into the report folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facets-eval-report-'));
    try {
      const r = await run('eval', 'utkface', '--root', sharedPath('data/utkface'), '--labels', sharedPath('data/utkface/labels.csv'),
        '--model', 'ssrnet', '--detector', 'none', '--limit', '3', '--report', dir, '--json');
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.out);
      expect(doc).toMatchObject({ task: 'utkface', model: 'ssrnet', detector: 'none', n: 3, failedDetections: 0 });
      for (const k of ['mae', 'groupExact', 'groupOneOff', 'timeMs']) expect(Number.isFinite(doc[k])).toBe(true);
      expect(doc.accuracy).toBeUndefined(); // SSR-Net has no gender output
      expect(doc.ageErrors.counts.reduce((a: number, b: number) => a + b, 0)).toBe(3);
      const files = fs.readdirSync(dir).sort();
      expect(files).toEqual(['index.html', 'results.json', 'utkface-age-error-ssrnet-none.png', 'utkface-age-error-ssrnet-none.svg']);
      const png = decodeImage(fs.readFileSync(path.join(dir, 'utkface-age-error-ssrnet-none.png')));
      expect([png.width, png.height]).toEqual([520, 300]);
      expect(fs.readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('id="stage-utkface"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad options with a usage error', async () => {
    const base = ['eval', 'utkface', '--root', sharedPath('data/utkface'), '--labels', sharedPath('data/utkface/labels.csv')];
    expect((await run(...base, '--model', 'vgg')).code).toBe(2);
    expect((await run(...base, '--limit', '0')).code).toBe(2);
    expect((await run('eval', 'lfw', '--root', 'x', '--pairs', 'y', '--lbph', 'u2')).code).toBe(2); // --lbph needs --model lbph
    expect((await run('eval', 'lfw', '--root', 'x', '--pairs', 'y', '--model', 'lbph', '--lbph', 'radius=0')).code).toBe(2);
    expect((await run('eval', 'fer2013', '--root', 'x', '--labels', 'y', '--classifier', 'svm')).code).toBe(2);
  });
});
