import { FacetsError } from '../core/errors.js';

/** Parsed command line: positional words and `--name value` / `--flag` options. */
export interface Args {
  positional: string[];
  options: Map<string, string | true>;
}

/**
 * Splits argv into positionals and options. `--x=v` and `--x v` both work; a `--x` followed
 * by another option or nothing is a boolean flag. Only names in `flags` may be boolean.
 */
export function parseArgs(argv: string[], flags: ReadonlySet<string>): Args {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (eq >= 0) options.set(name, a.slice(eq + 1));
    else if (flags.has(name)) options.set(name, true);
    else if (i + 1 < argv.length) options.set(name, argv[++i]!);
    else throw new FacetsError('E_BAD_ARGUMENT', `option --${name} needs a value`);
  }
  return { positional, options };
}

/** The string value of an option, or `fallback`. */
export function optString(args: Args, name: string, fallback?: string): string | undefined {
  const v = args.options.get(name);
  if (v === true) throw new FacetsError('E_BAD_ARGUMENT', `option --${name} needs a value`);
  return v ?? fallback;
}

/** A finite number option, or `fallback`. */
export function optNumber(args: Args, name: string, fallback?: number): number | undefined {
  const v = optString(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new FacetsError('E_BAD_ARGUMENT', `option --${name} must be a number, got ${v}`);
  return n;
}
