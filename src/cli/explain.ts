import fs from 'node:fs';
import path from 'node:path';
import { readImage } from '../image/decode.js';
import { explain } from '../tasks/explain.js';
import { renderReportHtml } from '../tasks/report/html.js';
import { FacetsError } from '../core/errors.js';
import { optString, type Args } from './args.js';
import type { Command, Io } from './main.js';

/** `facets explain <img> [<img2>] --out <dir>`: writes <dir>/index.html. */
export const explainCommand: Command = {
  usage: '<img> [<img2>] --out <dir> [--json]   self-contained HTML step-through',
  async run(args: Args, io: Io): Promise<number> {
    const files = args.positional;
    if (files.length < 1 || files.length > 2) throw new FacetsError('E_BAD_ARGUMENT', 'explain needs one or two image paths');
    const out = optString(args, 'out');
    if (!out) throw new FacetsError('E_BAD_ARGUMENT', 'explain needs --out <dir>');
    const report = await explain(await readImage(files[0]!), files[1] ? await readImage(files[1]) : undefined);
    await writeReport(out, renderReportHtml(report));
    const file = path.join(out, 'index.html');
    if (args.options.has('json')) io.out(JSON.stringify({ report: file, stages: report.stages.map((s) => ({ id: s.id, title: s.title, facts: s.facts ?? {} })) }));
    else io.out(`wrote ${file} (${report.stages.length} stages)`);
    return 0;
  },
};

/** Writes index.html into `dir` (created if needed). */
export async function writeReport(dir: string, html: string): Promise<void> {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), html);
  } catch (e) {
    throw new FacetsError('E_IO', `cannot write the report to ${dir}: ${(e as Error).message}`, { cause: e });
  }
}
