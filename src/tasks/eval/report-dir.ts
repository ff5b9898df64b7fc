import { FacetsError } from '../../core/errors.js';
import { evalReportFiles, mergeResults, type EvalResult } from '../report/plots-report.js';

/**
 * Adds `result` to `<dir>/results.json` (replacing an earlier result of the same method) and
 * rewrites the report's charts and index.html from all results there, so several runs into one
 * folder share their charts. Returns the paths written. Node only.
 * throws: E_IO when the folder cannot be written or results.json is not a JSON array.
 */
export async function writeReportDir(dir: string, result: EvalResult): Promise<string[]> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const store = path.join(dir, 'results.json');
  let earlier: EvalResult[] = [];
  try {
    earlier = JSON.parse(await fs.readFile(store, 'utf8')) as EvalResult[];
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw new FacetsError('E_IO', `report: cannot read ${store}: ${(e as Error).message}`);
  }
  if (!Array.isArray(earlier)) throw new FacetsError('E_IO', `report: ${store} is not a JSON array of results`);
  const all = mergeResults(earlier, result);
  const files = [{ path: 'results.json', data: JSON.stringify(all) }, ...evalReportFiles(all)];
  try {
    await fs.mkdir(dir, { recursive: true });
    for (const f of files) await fs.writeFile(path.join(dir, f.path), f.data);
  } catch (e) {
    throw new FacetsError('E_IO', `report: cannot write to ${dir}: ${(e as Error).message}`);
  }
  return files.map((f) => path.join(dir, f.path));
}
