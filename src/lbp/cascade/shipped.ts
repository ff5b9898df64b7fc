import { FacetsError } from '../../core/errors.js';
import { readPackageFile } from '../../core/package-files.js';
import { CascadeClassifier, loadCascade } from './classifier.js';

/** Cascades shipped in `weights/cascades/` (see its README for licences). */
export const SHIPPED_CASCADES = {
  'lbp-frontalface-improved': 'lbpcascade_frontalface_improved.xml',
  'haar-frontalface-default': 'haarcascade_frontalface_default.xml',
} as const;

export type ShippedCascadeName = keyof typeof SHIPPED_CASCADES;

/**
 * Loads a cascade shipped with facets (`weights/cascades/`): from disk in Node, Bun and Deno,
 * with fetch in browsers. `read` lets a caller supply its own (e.g. checksum-verifying) reader.
 * ensures: E_BAD_ARGUMENT for an unknown name, E_IO when the file cannot be read.
 */
export async function loadShippedCascade(
  name: ShippedCascadeName,
  read: (relativePath: string) => Promise<Uint8Array> = readPackageFile,
): Promise<CascadeClassifier> {
  const file = (SHIPPED_CASCADES as Record<string, string>)[name];
  if (file === undefined) {
    throw new FacetsError('E_BAD_ARGUMENT', `loadShippedCascade: unknown cascade "${String(name)}", expected one of ${Object.keys(SHIPPED_CASCADES).join(', ')}`);
  }
  return loadCascade(new TextDecoder().decode(await read(`weights/cascades/${file}`)));
}
