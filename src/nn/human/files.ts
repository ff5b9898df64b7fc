/**
 * Reads the converted files of a Human model (weights/human/<name>.json, .bin, .graph.json).
 * Node built-ins are imported lazily and only for file: URLs, so this runs in any JS runtime.
 */
import { FacetsError } from '../../core/errors.js';

export interface HumanFilesOptions {
  /** Folder (URL or path) holding the converted files; default: the package's weights/human/. */
  dir?: string | URL;
  /** Custom reader (bundlers, tests); gets the file URL. */
  readFile?: (url: URL) => Promise<Uint8Array>;
}

const DEFAULT_DIR = new URL('../../../weights/human/', import.meta.url);

async function defaultRead(url: URL): Promise<Uint8Array> {
  try {
    if (url.protocol === 'file:') {
      const fs = await import('node:fs/promises');
      return new Uint8Array(await fs.readFile(url));
    }
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw new FacetsError('E_IO', `loadHumanModel: cannot read ${url.href}: ${(e as Error).message}`, { cause: e });
  }
}

function dirUrl(dir: string | URL | undefined): URL {
  if (dir === undefined) return DEFAULT_DIR;
  if (dir instanceof URL) return dir;
  const withSlash = dir.endsWith('/') ? dir : `${dir}/`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(withSlash) && !/^[a-z]:[\\/]/i.test(withSlash)) return new URL(withSlash);
  const abs = withSlash.startsWith('/') ? withSlash : `${globalThis.process?.cwd?.() ?? ''}/${withSlash}`;
  return new URL(`file://${abs.split('/').map(encodeURIComponent).join('/')}`);
}

function parseJson(bytes: Uint8Array, what: string, code: 'E_BAD_MODEL' | 'E_BAD_WEIGHTS'): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new FacetsError(code, `loadHumanModel: ${what} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The three files of model `name`.
 * ensures: parsed JSON of header and graph, raw binary bytes; E_IO when a file cannot be read,
 * E_BAD_WEIGHTS / E_BAD_MODEL when the JSON does not parse.
 */
export async function readHumanFiles(name: string, opts: HumanFilesOptions = {}): Promise<{ header: unknown; binary: Uint8Array; graph: unknown }> {
  const base = dirUrl(opts.dir);
  const read = opts.readFile ?? defaultRead;
  const header = parseJson(await read(new URL(`${name}.json`, base)), `${name}.json`, 'E_BAD_WEIGHTS');
  const graph = parseJson(await read(new URL(`${name}.graph.json`, base)), `${name}.graph.json`, 'E_BAD_MODEL');
  const file = (header as { binary?: { file?: unknown } } | null)?.binary?.file;
  const bin = typeof file === 'string' ? file : `${name}.bin`;
  if (bin.includes('/') || bin.includes('\\')) throw new FacetsError('E_BAD_WEIGHTS', `loadHumanModel: binary file name ${JSON.stringify(bin)} must not contain a path`);
  return { header, binary: await read(new URL(bin, base)), graph };
}
