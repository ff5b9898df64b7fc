import { fileURLToPath } from 'node:url';
import { packageFileUrl } from '../core/package-files.js';

/** Filesystem path of a file or folder shipped with the package (Node CLI only). */
export function packagePath(relativePath: string): string {
  return fileURLToPath(packageFileUrl(relativePath));
}
