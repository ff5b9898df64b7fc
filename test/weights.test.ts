import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/shared.js';

// weights/SHA256SUMS is what facets checks shipped files against at load time; a stale list
// would turn every load into E_BAD_WEIGHTS, so it must match the files exactly.
describe('weights/SHA256SUMS', () => {
  const lines = fs.readFileSync(path.join(REPO, 'weights/SHA256SUMS'), 'utf8').trim().split('\n');
  const listed = new Map(lines.map((l) => [l.slice(66), l.slice(0, 64)]));

  it('lists the right sha256 for every file', () => {
    for (const [file, sha] of listed) {
      expect(createHash('sha256').update(fs.readFileSync(path.join(REPO, file))).digest('hex'), file).toBe(sha);
    }
  });

  it('lists every shipped weights file (run scripts/update-checksums.ts after converting)', () => {
    const all: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
        if (e.isDirectory()) walk(`${dir}/${e.name}`);
        else if (!/\.md$|SHA256SUMS$|LICENSE/.test(e.name)) all.push(`${dir}/${e.name}`);
      }
    };
    walk('weights');
    expect(all.sort()).toEqual([...listed.keys()].sort());
  });
});
