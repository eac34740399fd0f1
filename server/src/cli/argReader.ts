import { closest } from '../core';
import { pinnedDateProblem } from '../core/dates';
import { UsageError } from './command';

/** One word of the command line: a flag (with a value written `--flag=value`) or a positional. */
export interface Arg {
  flag?: string;
  inline?: string;
  positional?: string;
  raw: string;
}

/** Reads flags one at a time; `--flag=value` and `--flag value` are both accepted. */
export class ArgReader {
  private readonly args: string[];

  constructor(argv: readonly string[]) {
    this.args = [...argv];
  }

  get done(): boolean {
    return this.args.length === 0;
  }

  next(): Arg {
    const raw = this.args.shift()!;
    // `--` ends the options: everything after it is a path (or the term of `explain`).
    if (raw === '--') {
      const rest = this.args.splice(0);
      this.args.push(...rest.map((r) => `\u0000${r}`));
      return this.next();
    }
    if (raw.startsWith('\u0000')) return { positional: raw.slice(1), raw: raw.slice(1) };
    if (!raw.startsWith('-') || raw === '-') return { positional: raw, raw };
    const eq = raw.indexOf('=');
    if (eq > 0 && raw.startsWith('--')) return { flag: raw.slice(0, eq), inline: raw.slice(eq + 1), raw };
    return { flag: raw, raw };
  }

  value(flag: string, inline?: string): string {
    if (inline !== undefined) {
      if (inline === '') throw new UsageError(`${flag} needs a value.`);
      return inline;
    }
    const v = this.args[0];
    // A negative number (`--max-warnings -1`) is a value, not a flag.
    if (v === undefined || (v.startsWith('-') && v !== '-' && !/^-\d/.test(v)) || v.startsWith('\u0000'))
      throw new UsageError(`${flag} needs a value.`);
    this.args.shift();
    return v;
  }
}

/** The options a help text lists: a command's help is the one place every option of it is written. */
function optionsIn(helpText: string): string[] {
  return [...new Set(helpText.match(/(?<![\w-])--[a-z][a-z0-9-]*/g) ?? [])];
}

/** A misspelt option names the closest real one of those a help text lists, as a misspelt id does. */
export function didYouMean(flag: string, helpText: string): string {
  const guess = flag.startsWith('--') ? closest(flag, optionsIn(helpText)) : undefined;
  return guess ? ` Did you mean ${guess}?` : '';
}

/** An option the command does not take; `helpText` is the command's help, whose options are suggested. */
export function unknownOption(a: Arg, command: string, helpText: string): UsageError {
  return new UsageError(
    `Unknown option "${a.raw}" for ${command}.${didYouMean(a.flag ?? a.raw, helpText)} Run cx-taxonomy ${command} --help for its options.`,
  );
}

/** A `--format` value, which must be one of the command's formats. */
export function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[], what = 'format'): T {
  if (!(allowed as readonly string[]).includes(v))
    throw new UsageError(`Unknown ${what} "${v}" for ${flag}. Use one of: ${allowed.join(', ')}.`);
  return v as T;
}

/**
 * The flags several commands share: --config, --help, and --color/--no-color for the commands
 * that print to the terminal. Returns 'help' for --help, true when the flag was one of these.
 */
export function sharedFlag(
  a: Arg,
  r: ArgReader,
  opts: { config?: string; color?: boolean; today?: string },
  takesColor: boolean,
): 'help' | boolean {
  switch (a.flag) {
    case '--config':
    case '-c':
      opts.config = r.value(a.flag, a.inline);
      return true;
    case '--today': {
      const day = r.value(a.flag, a.inline);
      const problem = pinnedDateProblem('--today', day);
      if (problem) throw new UsageError(problem);
      opts.today = day;
      return true;
    }
    case '--help':
    case '-h':
      return 'help';
    case '--color':
    case '--no-color':
      if (!takesColor) return false;
      opts.color = a.flag === '--color';
      return true;
    default:
      return false;
  }
}
