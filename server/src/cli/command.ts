import type { MaybeTTY } from './progress';

/** The streams and surroundings of one CLI run; tests pass their own. */
export interface CliIo {
  stdout: MaybeTTY;
  stderr: MaybeTTY;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** How long a run must take before progress shows on a terminal stderr (tests set 0). */
  progressDelayMs?: number;
  /**
   * Answer only from the lint cache: a load the cache cannot answer throws `CacheMiss` before
   * anything is written (main.ts tries this on the main thread before starting the lint thread).
   */
  cacheOnly?: boolean;
}

/** Exit codes, as ESLint documents them. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** A usage or configuration error: one line for the user, exit code 2. */
export class UsageError extends Error {}

/** The first line of an error's message: the CLI never prints a stack trace. */
export function errorLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split(/\r?\n/)[0] || 'unknown error';
}

/** What a command's argument parser needs beyond the words: the rule ids `--rule` may name. */
export interface ParseContext {
  knownRules: ReadonlySet<string>;
}

/**
 * A request for help: `help <topic>`, or `--help` given to a command (its parser answers with
 * its topic instead of options). The topic is a command's name, or `main` for the CLI's own help.
 */
export interface HelpRequest {
  command: 'help';
  topic: string;
}

/**
 * One command of the CLI as its module writes it: how it is named and shown, its help, how its
 * words are parsed into options `O`, and how those options are run. The table in
 * commands/index.ts lists every command; main.ts, the help and the argument parser read it.
 */
export interface CommandSpec<O extends { command: string }> {
  /** The first word that names it on the command line (`lint`, `export`), or its flags (`--version`). */
  names: readonly string[];
  /** Its line under "Usage:" in the main help. */
  usage: string;
  /** How it is named in the list of commands of an error message (`export glossary`); absent for help and version. */
  listedAs?: string;
  /** Its own help (`cx-taxonomy help <name>`); absent for a command with no options. */
  help?: () => string;
  /** Parses the words after the command's name; a usage error throws {@link UsageError}. */
  parse(argv: readonly string[], ctx: ParseContext): O | HelpRequest;
  run(options: O, io: CliIo): Promise<number>;
  /** Whether running it loads a taxonomy (then the CLI does the work in a worker thread). */
  loadsTaxonomies: boolean;
  /**
   * Whether it reads the files' findings and texts only, never their models (the lint): it then
   * lets journeys' models go as it checks them (`LoadOptions.findingsOnly`).
   */
  findingsOnly?: boolean;
  /** Whether a run with these options may be answered from the lint cache alone (see cacheFirst.ts). */
  readsCache?: (options: O) => boolean;
}

/** A parsed command line, ready to run. */
export interface Invocation {
  /** The options as parsed (tests compare them). */
  options: { command: string };
  run(io: CliIo): Promise<number>;
  loadsTaxonomies: boolean;
  findingsOnly: boolean;
  readsCache: boolean;
}

/** A command of the table: its spec with the options type erased, so one table holds them all. */
export interface Command {
  names: readonly string[];
  usage: string;
  listedAs?: string;
  help?: () => string;
  /** See `CommandSpec.findingsOnly`. */
  findingsOnly?: boolean;
  /** Parses the words after the name: the command's own invocation, or a request for help. */
  parse(argv: readonly string[], ctx: ParseContext): Invocation | HelpRequest;
}

/** Turns a command's spec into a table row; the options stay typed between its parse and run. */
export function defineCommand<O extends { command: string }>(spec: CommandSpec<O>): Command {
  return {
    names: spec.names,
    usage: spec.usage,
    listedAs: spec.listedAs,
    help: spec.help,
    findingsOnly: spec.findingsOnly === true,
    parse(argv, ctx) {
      const options = spec.parse(argv, ctx);
      if (isHelpRequest(options)) return options;
      return {
        options,
        run: (io) => spec.run(options, io),
        loadsTaxonomies: spec.loadsTaxonomies,
        findingsOnly: spec.findingsOnly === true,
        readsCache: spec.readsCache?.(options) ?? false,
      };
    },
  };
}

/** Whether a command's parser answered with a request for help instead of options. */
function isHelpRequest(o: { command: string }): o is HelpRequest {
  return o.command === 'help';
}
