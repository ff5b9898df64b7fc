import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's root (the folder whose package.json is named "facets"), found by
 * walking up from this module: works from src/ (tsx, vitest) and from dist/ alike.
 */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'facets') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('facets: cannot find the package root');
    dir = up;
  }
}
