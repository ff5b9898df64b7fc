import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './run-cli.js';
import { REPO } from '../helpers/shared.js';

const sample = (f: string): string => path.join(REPO, 'samples', f);

describe('facets CLI', () => {
  it('verify --json: exit 0 and verified for one person, exit 1 for two people', async () => {
    const same = await run('verify', sample('Tony_Blair_0001.jpg'), sample('Tony_Blair_0003.jpg'), '--json');
    expect(same.code).toBe(0);
    expect(JSON.parse(same.out)).toMatchObject({ verified: true, model: 'dlib-resnet', metric: 'euclidean' });
    const diff = await run('verify', sample('Tony_Blair_0001.jpg'), sample('Laura_Bush_0002.jpg'), '--json');
    expect(diff.code).toBe(1);
    expect(JSON.parse(diff.out).verified).toBe(false);
  });

  it('usage errors exit 2, bad input exits 3, both with a typed error in --json', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('verify', sample('Tony_Blair_0001.jpg'))).code).toBe(2);
    expect((await run('verify', 'a.jpg', 'b.jpg', '--metric', 'manhattan')).code).toBe(2);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facets-cli-'));
    const junk = path.join(dir, 'junk.jpg');
    fs.writeFileSync(junk, 'not an image');
    const bad = await run('analyze', junk, '--json');
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.out).error.code).toBe('E_DECODE');
    const missing = await run('detect', path.join(dir, 'missing.png'));
    expect(missing.code).toBe(3);
    expect(missing.err).toMatch(/E_IO/);
  });

  it('analyze --json prints one document per face with emotion, age and gender', async () => {
    const r = await run('analyze', sample('Laura_Bush_0002.jpg'), '--json');
    expect(r.code).toBe(0);
    const [face] = JSON.parse(r.out);
    expect(face).toHaveProperty('emotion.label');
    expect(face).toHaveProperty('age.group');
    expect(face).toHaveProperty('gender.label');
  });

  it('explain writes a self-contained page with every stage filled', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facets-explain-'));
    const r = await run('explain', sample('Tony_Blair_0001.jpg'), sample('Tony_Blair_0002.jpg'), '--out', dir, '--json');
    expect(r.code).toBe(0);
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    const ids = ['input', 'cascade', 'detect', 'landmarks', 'align', 'lbp', 'features', 'embedding', 'analyze'].flatMap((s) => [`${s}-A`, `${s}-B`]).concat('verify');
    for (const id of ids) {
      const m = new RegExp(`<section class="stage" id="stage-${id}">([\\s\\S]*?)</section>`).exec(html);
      expect(m, `stage ${id}`).not.toBeNull();
      expect(m![1]).toMatch(/<img|<svg/);
    }
    // The page must open in a real browser without errors; headless Chromium when installed.
    const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
    if (!chromium) {
      console.log('[skip] explain page in Chromium: no chromium installed');
      return;
    }
    const shot = path.join(dir, 'shot.png');
    const dom = execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom', `file://${path.join(dir, 'index.html')}`], { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'ignore'] });
    for (const id of ids) expect(dom).toContain(`id="stage-${id}"`);
    execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', `--screenshot=${shot}`, '--window-size=1200,3000', `file://${path.join(dir, 'index.html')}`], { timeout: 120_000, stdio: 'ignore' });
    expect(fs.statSync(shot).size).toBeGreaterThan(50_000);
  });
});
