// Writes weights/SHA256SUMS (sha256sum format) for every shipped weights file except docs.
// Run after any converter: npx tsx scripts/update-checksums.ts
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files: string[] = [];
const walk = (dir: string): void => {
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) walk(rel);
    else if (!/\.md$|SHA256SUMS$|LICENSE/.test(e.name)) files.push(rel);
  }
};
walk('weights');
files.sort();
const lines = files.map((f) => `${createHash('sha256').update(fs.readFileSync(path.join(root, f))).digest('hex')}  ${f}`);
fs.writeFileSync(path.join(root, 'weights/SHA256SUMS'), lines.join('\n') + '\n');
console.log(`weights/SHA256SUMS: ${files.length} files`);
