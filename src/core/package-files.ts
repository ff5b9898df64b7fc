import { FacetsError } from './errors.js';

/**
 * URL of a file shipped with the package (weights/, samples/). This module sits two folders
 * below the package root both as source (src/core) and built (dist/core), so one relative URL
 * serves tsx, vitest, the built package and bundlers that keep `new URL(..., import.meta.url)`.
 */
export function packageFileUrl(relativePath: string): URL {
  return new URL(`../../${relativePath}`, import.meta.url);
}

/**
 * Reads a URL: from disk for file: URLs (Node, Bun, Deno; node:fs is imported only then, so
 * browsers never load it), with fetch otherwise.
 * throws: E_IO naming `fn` and the URL when it cannot be read.
 */
export async function readUrl(url: URL, fn: string): Promise<Uint8Array> {
  try {
    if (url.protocol === 'file:') {
      const fs = await import('node:fs/promises');
      return new Uint8Array(await fs.readFile(url));
    }
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw new FacetsError('E_IO', `${fn}: cannot read ${url.href}: ${(e as Error).message}`, { cause: e });
  }
}

/** Reads a shipped file (see {@link packageFileUrl}). throws: E_IO naming the file. */
export function readPackageFile(relativePath: string): Promise<Uint8Array> {
  return readUrl(packageFileUrl(relativePath), `reading the shipped file ${relativePath}`);
}

/**
 * A folder given as a URL, a URL string or a file path (relative paths against the working
 * directory), as a URL ending in '/'; `fallback` when undefined.
 */
export function folderUrl(dir: string | URL | undefined, fallback: URL): URL {
  if (dir === undefined) return fallback;
  if (dir instanceof URL) return dir;
  const withSlash = dir.endsWith('/') ? dir : `${dir}/`;
  // A scheme (http:, file:) but not a Windows drive letter.
  if (/^[a-z][a-z0-9+.-]*:/i.test(withSlash) && !/^[a-z]:[\\/]/i.test(withSlash)) return new URL(withSlash);
  const abs = withSlash.startsWith('/') ? withSlash : `${globalThis.process?.cwd?.() ?? ''}/${withSlash}`;
  return new URL(`file://${abs.split('/').map(encodeURIComponent).join('/')}`);
}
