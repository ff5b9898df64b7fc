import { FacetsError } from '../core/errors.js';
import { parseArgs, type Args } from './args.js';
import { demo } from './demo.js';
import { detect } from './detect.js';
import { explainCommand } from './explain.js';
import { analyzeCommand, representCommand, verifyCommand } from './face-commands.js';
import { findCommand } from './find.js';
import { evalCommand } from './eval.js';
import { benchCommand } from './bench.js';

/** Exit codes of the CLI (DESIGN.md): 0 ok, 1 no face / not verified, 2 usage, 3 bad input. */
export const EXIT = { ok: 0, negative: 1, usage: 2, badInput: 3 } as const;

/** One CLI command: its help line and its implementation, which returns an exit code. */
export interface Command {
  usage: string;
  flags?: string[];
  run(args: Args, io: Io): Promise<number>;
}

/** Where commands write: plain text for people, one JSON document with --json. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
}

const COMMANDS: Record<string, Command> = {
  demo,
  detect,
  verify: verifyCommand,
  analyze: analyzeCommand,
  represent: representCommand,
  find: findCommand,
  explain: explainCommand,
  eval: evalCommand,
  bench: benchCommand,
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  facets ${name} ${c.usage}`);
  return ['usage:', ...lines, '', 'Every command takes --json and then prints one JSON document.'].join('\n');
}

/** Runs the CLI on argv (without node and the script) and returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`facets: unknown command '${name}'\n${usage()}`);
    return EXIT.usage;
  }
  try {
    const args = parseArgs(rest, new Set(['json', 'help', ...(command.flags ?? [])]));
    if (args.options.has('help')) {
      io.out(`facets ${name} ${command.usage}`);
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof FacetsError) {
      const json = rest.includes('--json');
      if (json) io.out(JSON.stringify({ error: { code: e.code, message: e.message } }));
      else io.err(`facets ${name}: ${e.message} (${e.code})`);
      return e.code === 'E_BAD_ARGUMENT' ? EXIT.usage : e.code === 'E_NO_FACE' ? EXIT.negative : EXIT.badInput;
    }
    throw e;
  }
}

function defaultIo(): Io {
  return {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    isTty: Boolean(process.stdout.isTTY),
  };
}
