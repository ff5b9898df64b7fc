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
 * Reads a shipped file: from disk under Node/Bun/Deno (file: URLs), with fetch elsewhere.
 * throws: E_IO naming the file when it cannot be read.
 */
export async function readPackageFile(relativePath: string): Promise<Uint8Array> {
  const url = packageFileUrl(relativePath);
  try {
    if (url.protocol === 'file:') {
      const fs = await import('node:fs/promises');
      return new Uint8Array(await fs.readFile(url));
    }
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw new FacetsError('E_IO', `cannot read the shipped file ${relativePath} (${url.href}): ${(e as Error).message}`, { cause: e });
  }
}
