import fs from 'node:fs';
import path from 'node:path';
import { encodePng, equalizeHist, readImage, toGray } from '../image/index.js';
import { optString, type Args } from './args.js';
import type { Command, Io } from './main.js';
import { packagePath } from './paths.js';

/** `facets demo`: the main job on the bundled LFW samples; writes facets-report/. */
export const demo: Command = {
  usage: '[--out facets-report] [--json]   run the pipeline on the bundled samples',
  async run(args: Args, io: Io): Promise<number> {
    const outDir = path.resolve(optString(args, 'out', 'facets-report')!);
    const sampleDir = packagePath('samples');
    const files = fs.readdirSync(sampleDir).filter((f) => f.endsWith('.jpg')).sort();
    fs.mkdirSync(outDir, { recursive: true });
    const images = [];
    for (const f of files) {
      const img = await readImage(path.join(sampleDir, f));
      const gray = toGray(img);
      const eq = equalizeHist(gray);
      const stem = f.replace(/\.jpg$/, '');
      fs.writeFileSync(path.join(outDir, `${stem}.gray.png`), encodePng(gray));
      fs.writeFileSync(path.join(outDir, `${stem}.equalized.png`), encodePng(eq));
      let mean = 0;
      for (const v of gray.data) mean += v;
      images.push({ file: f, person: stem.replace(/_\d+$/, ''), width: img.width, height: img.height, channels: img.channels, meanGray: +(mean / gray.data.length).toFixed(1) });
    }
    if (args.options.has('json')) {
      io.out(JSON.stringify({ samples: images, report: outDir }, null, 2));
    } else {
      io.out('facets demo: bundled LFW samples');
      io.out(table(['file', 'person', 'size', 'mean grey'], images.map((r) => [r.file, r.person, `${r.width}x${r.height}x${r.channels}`, String(r.meanGray)])));
      io.out(`\nwrote grey and equalised images to ${outDir}`);
    }
    return 0;
  },
};

/** A plain-text table with aligned columns. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
