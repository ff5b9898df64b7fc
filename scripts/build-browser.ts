/**
 * Builds the browser bundles with esbuild (already a dependency of tsx and vite):
 *   dist/bundle/facets.js    the browser entry (src/browser/index.ts) as one ES module
 *   dist/bundle/demo.js      the demo page's script (src/browser/main.ts)
 *   dist/bundle/pipeline-worker.js   the worker the demo runs the pipeline in
 *   dist/bundle/samples.json   the bundled sample names the page offers
 * Serve the package root over HTTP and open /demo/index.html (weights/ and samples/ are
 * fetched by URL next to it). Usage: npx tsx scripts/build-browser.ts
 */
import { build } from 'esbuild';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/bundle');

/**
 * Bundles the entries (plus `extraEntries`, name -> path from the package root, e.g. a test's
 * worker); returns the output sizes in bytes.
 */
export async function buildBrowser(extraEntries: Record<string, string> = {}): Promise<Record<string, number>> {
  await mkdir(outdir, { recursive: true });
  const extra = Object.fromEntries(Object.entries(extraEntries).map(([name, file]) => [name, path.join(root, file)]));
  const result = await build({
    entryPoints: {
      facets: path.join(root, 'src/browser/index.ts'),
      demo: path.join(root, 'src/browser/main.ts'),
      'pipeline-worker': path.join(root, 'src/browser/pipeline-worker.ts'),
      ...extra,
    },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    metafile: true,
    // Node built-ins are only reached through `await import('node:...')` on file: URLs, which a
    // page never takes; leaving them external keeps them out of the bundle.
    external: ['node:*'],
    logLevel: 'warning',
  });
  const samples = (await readdir(path.join(root, 'samples'))).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
  await writeFile(path.join(outdir, 'samples.json'), JSON.stringify(samples));
  return Object.fromEntries(Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js')).map(([f, o]) => [path.relative(root, f), o.bytes]));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await buildBrowser()));
}
