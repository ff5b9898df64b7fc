/**
 * Reads the converted files of a Human model (weights/human/<name>.json, .bin, .graph.json).
 * Node built-ins are imported lazily and only for file: URLs, so this runs in any JS runtime.
 */
import { FacetsError } from '../../core/errors.js';
import { folderUrl, readUrl } from '../../core/package-files.js';

export interface HumanFilesOptions {
  /** Folder (URL or path) holding the converted files; default: the package's weights/human/. */
  dir?: string | URL;
  /** Custom reader (bundlers, tests); gets the file URL. */
  readFile?: (url: URL) => Promise<Uint8Array>;
}

const DEFAULT_DIR = new URL('../../../weights/human/', import.meta.url);

const defaultRead = (url: URL): Promise<Uint8Array> => readUrl(url, 'loadHumanModel');
const dirUrl = (dir: string | URL | undefined): URL => folderUrl(dir, DEFAULT_DIR);

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
