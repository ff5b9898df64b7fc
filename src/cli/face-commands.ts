import { readImage } from '../image/decode.js';
import { analyze, ACTIONS, type Action } from '../tasks/analyze.js';
import { represent } from '../tasks/represent.js';
import { verify } from '../tasks/verify.js';
import { FacetsError } from '../core/errors.js';
import { optNumber, optString, type Args } from './args.js';
import { table } from './table.js';
import type { Command, Io } from './main.js';
import { optChoice, pipelineOptions, positionals } from './options.js';

const json = (args: Args): boolean => args.options.has('json');
const enforce = (args: Args): boolean => !args.options.has('no-enforce');

/** `facets verify <img1> <img2>`: exit 0 when verified, 1 when not. */
export const verifyCommand: Command = {
  usage: '<img1> <img2> [--model dlib-resnet|lbph] [--detector D] [--align ert|faceapi|none] [--metric X] [--threshold T] [--no-enforce] [--json]',
  flags: ['no-enforce'],
  async run(args: Args, io: Io): Promise<number> {
    const [a, b] = positionals(args, 2, 'verify', 'two image paths');
    // Options are checked before any file is read, so a typo is a usage error (exit 2).
    const opts = { ...pipelineOptions(args), threshold: optNumber(args, 'threshold'), enforceDetection: enforce(args) };
    const r = await verify(await readImage(a!), await readImage(b!), opts);
    if (json(args)) io.out(JSON.stringify(r));
    else io.out(`${r.verified ? 'same person' : 'different people'}: ${r.model} ${r.metric} distance ${r.distance.toFixed(4)} ${r.verified ? '<' : '>='} threshold ${r.threshold} (${r.timeMs.toFixed(0)} ms)`);
    return r.verified ? 0 : 1;
  },
};

/** `facets analyze <img>`. */
export const analyzeCommand: Command = {
  usage: '<img> [--actions emotion,age,gender] [--detector D] [--emotion-model fer2013|face-expression] [--no-enforce] [--json]',
  flags: ['no-enforce'],
  async run(args: Args, io: Io): Promise<number> {
    const [file] = positionals(args, 1, 'analyze', 'one image path');
    const actions = (optString(args, 'actions', ACTIONS.join(','))!.split(',').map((s) => s.trim()) as Action[]);
    const pipe = pipelineOptions(args);
    const results = await analyze(await readImage(file!), {
      actions, detector: pipe.detector, enforceDetection: enforce(args),
      emotionModel: optChoice(args, 'emotion-model', ['fer2013', 'face-expression'] as const),
      ageModel: optChoice(args, 'age-model', ['age-gender', 'ssrnet', 'faceres'] as const),
      genderModel: optChoice(args, 'gender-model', ['age-gender', 'gender', 'faceres'] as const),
    });
    if (json(args)) {
      io.out(JSON.stringify(results));
    } else {
      io.out(table(['face', 'box', 'emotion', 'age', 'gender'], results.map((r, i) => [
        String(i),
        `${r.face.box.x.toFixed(0)},${r.face.box.y.toFixed(0)} ${r.face.box.width.toFixed(0)}x${r.face.box.height.toFixed(0)}`,
        r.emotion ? `${r.emotion.label} ${(r.emotion.probabilities[r.emotion.label] * 100).toFixed(0)}%` : '',
        r.age ? `${r.age.years.toFixed(1)} (${r.age.group})` : '',
        r.gender ? `${r.gender.label} ${(r.gender.probability * 100).toFixed(0)}%` : '',
      ])));
    }
    return 0;
  },
};

/** `facets represent <img>`. */
export const representCommand: Command = {
  usage: '<img> [--model dlib-resnet|lbph] [--detector D] [--align ert|faceapi|none] [--no-enforce] [--json]',
  flags: ['no-enforce'],
  async run(args: Args, io: Io): Promise<number> {
    const [file] = positionals(args, 1, 'represent', 'one image path');
    const { metric, ...pipe } = pipelineOptions(args);
    if (metric) throw new FacetsError('E_BAD_ARGUMENT', 'represent takes no --metric');
    const reps = await represent(await readImage(file!), { ...pipe, enforceDetection: enforce(args) });
    if (json(args)) io.out(JSON.stringify(reps));
    else for (const r of reps) io.out(`${r.model} (${r.embedding.length} values) for the face at ${JSON.stringify(r.face.box)}:\n${r.embedding.slice(0, 8).map((v) => v.toFixed(4)).join(' ')} ...`);
    return 0;
  },
};
