import fs from 'node:fs';
import path from 'node:path';
import { readImage } from '../image/decode.js';
import type { Image } from '../image/image.js';
import { analyze } from '../tasks/analyze.js';
import { explain } from '../tasks/explain.js';
import { renderReportHtml } from '../tasks/report/html.js';
import { verify, type VerifyResult } from '../tasks/verify.js';
import { optString, type Args } from './args.js';
import { writeReport } from './explain.js';
import type { Command, Io } from './main.js';
import { table } from './table.js';
import { packagePath } from './paths.js';

/**
 * `facets demo`: the main job on the bundled LFW samples: verify same / different pairs with the
 * classic LBPH baseline and the CNN, analyze one face, write the step-through report.
 */
export const demo: Command = {
  usage: '[--out facets-report] [--json]   run the pipeline on the bundled samples',
  async run(args: Args, io: Io): Promise<number> {
    const outDir = path.resolve(optString(args, 'out', 'facets-report')!);
    const dir = packagePath('samples');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jpg')).sort();
    const images = new Map<string, Image>();
    for (const f of files) images.set(f, await readImage(path.join(dir, f)));
    const person = (f: string): string => f.replace(/_\d+\.jpg$/, '');
    const pairs: [string, string][] = [];
    for (let i = 0; i < files.length; i++) for (let j = i + 1; j < files.length; j++) pairs.push([files[i]!, files[j]!]);
    const say = (t: string): void => {
      if (!args.options.has('json')) io.out(t);
    };
    say(`facets demo: ${files.length} LFW images of ${new Set(files.map(person)).size} people, ${pairs.length} pairs\n`);
    const rows: { a: string; b: string; same: boolean; lbph: VerifyResult; cnn: VerifyResult }[] = [];
    for (const [a, b] of pairs) {
      const lbph = await verify(images.get(a)!, images.get(b)!, { model: 'lbph' });
      const cnn = await verify(images.get(a)!, images.get(b)!, { model: 'dlib-resnet' });
      rows.push({ a, b, same: person(a) === person(b), lbph, cnn });
    }
    const mark = (r: VerifyResult, same: boolean): string => `${r.distance.toFixed(r.model === 'lbph' ? 1 : 3)} ${r.verified === same ? 'ok' : 'WRONG'}`;
    say(table(['image A', 'image B', 'truth', 'LBPH chi-square', 'CNN euclidean'], rows.map((r) => [r.a, r.b, r.same ? 'same' : 'different', mark(r.lbph, r.same), mark(r.cnn, r.same)])));
    const correct = (k: 'lbph' | 'cnn'): number => rows.filter((r) => r[k].verified === r.same).length;
    say(`\ncorrect decisions: LBPH ${correct('lbph')}/${rows.length}, CNN ${correct('cnn')}/${rows.length} (thresholds ${rows[0]!.lbph.threshold} and ${rows[0]!.cnn.threshold})`);

    const first = files[0]!;
    const [analysis] = await analyze(images.get(first)!, { enforceDetection: false });
    if (analysis) {
      say(`\n${first}: ${analysis.emotion!.label} (${(analysis.emotion!.probabilities[analysis.emotion!.label] * 100).toFixed(0)}%), ` +
        `age ${analysis.age!.years.toFixed(0)} (group ${analysis.age!.group}), ${analysis.gender!.label} (${(analysis.gender!.probability * 100).toFixed(0)}%)`);
    }
    const same = pairs.find(([a, b]) => person(a) === person(b))!;
    const report = await explain(images.get(same[0])!, images.get(same[1])!);
    await writeReport(outDir, renderReportHtml(report));
    say(`\nstep-through report of ${same[0]} vs ${same[1]}: ${path.join(outDir, 'index.html')}`);
    if (args.options.has('json')) {
      io.out(JSON.stringify({
        pairs: rows.map((r) => ({ a: r.a, b: r.b, same: r.same, lbph: { distance: r.lbph.distance, verified: r.lbph.verified }, cnn: { distance: r.cnn.distance, verified: r.cnn.verified } })),
        correct: { lbph: correct('lbph'), cnn: correct('cnn'), of: rows.length },
        analysis, report: path.join(outDir, 'index.html'),
      }));
    }
    return 0;
  },
};
