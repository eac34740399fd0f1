import type { Severity } from '../core';
import { closest, SEVERITIES } from '../core';
import { helpText } from './help';

/** A usage or configuration error: one line for the user, exit code 2. */
export class UsageError extends Error {}

/** The report formats of `lint`. */
export type FormatName = 'stylish' | 'json' | 'sarif' | 'junit' | 'github' | 'markdown';
export const FORMATS: readonly FormatName[] = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'];

/** The formats of `export glossary`. */
export type GlossaryFormat = 'md' | 'html' | 'json';
export const GLOSSARY_FORMATS: readonly GlossaryFormat[] = ['md', 'html', 'json'];

/** The formats of `report ownership`. */
export type OwnershipFormat = 'md' | 'csv' | 'html';
export const OWNERSHIP_FORMATS: readonly OwnershipFormat[] = ['md', 'csv', 'html'];

/** `--output -` is standard output, as most command-line tools read it. */
export const STDOUT_NAME = '-';

/** Whether an `--output` value (or its absence) means standard output. */
export function isStdout(output: string | undefined): boolean {
  return output === undefined || output === STDOUT_NAME;
}

/** One report of a lint run: a format and where it goes (stdout when `output` is absent or `-`). */
export interface OutputTarget {
  format: FormatName;
  output?: string;
}

export interface LintOptions {
  command: 'lint';
  paths: string[];
  /** Every report to write; exactly one of them may go to stdout. */
  outputs: OutputTarget[];
  maxWarnings?: number;
  rules: Record<string, Severity>;
  config?: string;
  /** Errors only: warnings, info and hints are dropped before counting and reporting. */
  quiet: boolean;
  /** An explicit `--color` / `--no-color`; undefined leaves it to the environment. */
  color?: boolean;
  /** `--cache`: reuse the diagnostics of an unchanged taxonomy; `--cache-location DIR` keeps them. */
  cache?: boolean;
  cacheLocation?: string;
  /** `--report-unused-disable-directives[-severity]`: report directives that silence nothing. */
  reportUnusedDisableDirectives?: Severity;
  /** `--fix`: apply the safe fixes and write the files; `--fix-dry-run`: the same without writing. */
  fix?: boolean;
  fixDryRun?: boolean;
  /** `--suppress-all`: record every current finding in the baseline (cx-taxonomy-suppressions.json). */
  suppressAll?: boolean;
  /** `--suppress-rule <id>` (repeatable): record the current findings of these rules only. */
  suppressRules?: string[];
  /** `--prune-suppressions`: lower the baseline's counts to what is found now. */
  pruneSuppressions?: boolean;
  /** `--suppressions-location <file>`: the baseline file, instead of one at each taxonomy's root. */
  suppressionsLocation?: string;
  /** `--changed-since <git-ref>`: report on the files changed since the ref and the files that depend on them. */
  changedSince?: string;
}

export interface ExplainOptions {
  command: 'explain';
  term: string;
  paths: string[];
  config?: string;
  color?: boolean;
}

export interface ExportGlossaryOptions {
  command: 'export-glossary';
  format: GlossaryFormat;
  output?: string;
  paths: string[];
  config?: string;
}

export interface OwnershipReportOptions {
  command: 'report-ownership';
  format: OwnershipFormat;
  output?: string;
  paths: string[];
  config?: string;
}

export type HelpTopic = 'main' | 'lint' | 'explain' | 'export' | 'report';

export type CliCommand =
  | LintOptions
  | ExplainOptions
  | ExportGlossaryOptions
  | OwnershipReportOptions
  | { command: 'help'; topic: HelpTopic }
  | { command: 'version' };

/** One word of the command line: a flag (with a value written `--flag=value`) or a positional. */
interface Arg {
  flag?: string;
  inline?: string;
  positional?: string;
  raw: string;
}

/** Reads flags one at a time; `--flag=value` and `--flag value` are both accepted. */
class ArgReader {
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

/** The options a command's help lists: the one place every option of a command is written. */
function optionsOf(topic: HelpTopic): string[] {
  return [...new Set(helpText(topic).match(/(?<![\w-])--[a-z][a-z0-9-]*/g) ?? [])];
}

/** A misspelt option names the closest real one, as a misspelt id does. */
function didYouMean(flag: string, topic: HelpTopic): string {
  const guess = flag.startsWith('--') ? closest(flag, optionsOf(topic)) : undefined;
  return guess ? ` Did you mean ${guess}?` : '';
}

const unknownOption = (a: Arg, command: string, topic: HelpTopic): UsageError =>
  new UsageError(
    `Unknown option "${a.raw}" for ${command}.${didYouMean(a.flag ?? a.raw, topic)} Run cx-taxonomy ${command} --help for its options.`,
  );

function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v))
    throw new UsageError(`Unknown format "${v}" for ${flag}. Use one of: ${allowed.join(', ')}.`);
  return v as T;
}

const COMMANDS = ['lint', 'explain', 'export', 'report', 'help'];

/**
 * Parses argv (after `node cli.js`) strictly: an unknown flag, format, rule or severity is a usage
 * error (exit 2), never silently ignored.
 */
export function parseArgs(argv: readonly string[], knownRules: ReadonlySet<string>): CliCommand {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h') return { command: 'help', topic: 'main' };
  if (first === 'help') {
    const topic = argv[1];
    return {
      command: 'help',
      topic: topic === 'lint' || topic === 'explain' || topic === 'export' || topic === 'report' ? topic : 'main',
    };
  }
  if (first === '--version' || first === '-v') return { command: 'version' };
  const rest = argv.slice(1);
  switch (first) {
    case 'lint':
      return parseLint(rest, knownRules);
    case 'explain':
      return parseExplain(rest);
    case 'export':
      return parseExport(rest);
    case 'report':
      return parseReport(rest);
    default:
      if (first.startsWith('-'))
        throw new UsageError(
          `Unknown option "${first}".${didYouMean(first.split('=')[0], 'main')} Run cx-taxonomy --help for the commands and options.`,
        );
      {
        const guess = closest(first, COMMANDS);
        throw new UsageError(
          `Unknown command "${first}".${guess ? ` Did you mean ${guess}?` : ''} Commands: lint, explain, export glossary, report ownership.`,
        );
      }
  }
}

/**
 * The flags several commands share: --config, --help, and --color/--no-color for the commands
 * that print to the terminal. Returns 'help' for --help, true when the flag was one of these.
 */
function sharedFlag(
  a: Arg,
  r: ArgReader,
  opts: { config?: string; color?: boolean },
  takesColor: boolean,
): 'help' | boolean {
  switch (a.flag) {
    case '--config':
    case '-c':
      opts.config = r.value(a.flag, a.inline);
      return true;
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

/** A severity as ESLint writes it on its command line (`warn`, `0`-`2`) or as the config does. */
function eslintSeverity(flag: string, v: string): Severity {
  const eslint: Record<string, Severity> = { '0': 'off', '1': 'warning', '2': 'error', warn: 'warning' };
  const sev = eslint[v] ?? v;
  if (!(SEVERITIES as readonly string[]).includes(sev))
    throw new UsageError(
      `Unknown severity "${v}" for ${flag}. Use one of: ${SEVERITIES.join(', ')} (or warn, 0, 1, 2).`,
    );
  return sev as Severity;
}

function parseLint(argv: readonly string[], knownRules: ReadonlySet<string>): CliCommand {
  const r = new ArgReader(argv);
  const opts: LintOptions = { command: 'lint', paths: [], outputs: [], rules: {}, quiet: false };
  // An --output binds to the --format before it; written first, it waits for the next --format.
  let waiting: string | undefined;
  let lastFormat: OutputTarget | undefined;
  let unusedFlag: string | undefined;
  while (!r.done) {
    const a = r.next();
    if (a.positional !== undefined) {
      opts.paths.push(a.positional);
      continue;
    }
    switch (a.flag) {
      case '--format':
      case '-f': {
        const target: OutputTarget = { format: oneOf(a.flag, r.value(a.flag, a.inline), FORMATS) };
        if (waiting !== undefined) {
          target.output = waiting;
          waiting = undefined;
        }
        opts.outputs.push(target);
        lastFormat = target;
        break;
      }
      case '--output':
      case '-o': {
        const file = r.value(a.flag, a.inline);
        if (lastFormat && lastFormat.output === undefined) lastFormat.output = file;
        else if (waiting === undefined) waiting = file;
        else
          throw new UsageError(
            `--output ${file} follows --output ${waiting} with no --format between them; give each --output its own --format.`,
          );
        break;
      }
      case '--max-warnings': {
        const v = r.value(a.flag, a.inline);
        if (!/^(-1|\d+)$/.test(v))
          throw new UsageError(`--max-warnings needs a whole number of 0 or more (or -1 for no limit), not "${v}".`);
        opts.maxWarnings = Number(v);
        break;
      }
      case '--rule': {
        const v = r.value(a.flag, a.inline);
        const m = /^([^=:]+)[=:](.+)$/.exec(v);
        if (!m) throw new UsageError(`--rule needs id=severity, like --rule touchpoint-owner=warning (got "${v}").`);
        const id = m[1].trim();
        const sev = m[2].trim();
        if (!knownRules.has(id)) {
          const guess = closest(id, knownRules);
          throw new UsageError(
            `Unknown rule "${id}" in --rule.${guess ? ` Did you mean ${guess}?` : ''} Known rules: ${[...knownRules].join(', ')}.`,
          );
        }
        // As on ESLint's command line: `warn` and 0, 1, 2 (off, warning, error) as well.
        opts.rules[id] = eslintSeverity(`${id} in --rule`, sev);
        break;
      }
      case '--fix':
        opts.fix = true;
        break;
      case '--fix-dry-run':
        opts.fixDryRun = true;
        break;
      case '--report-unused-disable-directives':
      case '--report-unused-disable-directives-severity': {
        // As ESLint: the flag alone reports errors; the other names the severity; not both.
        const other =
          a.flag === '--report-unused-disable-directives'
            ? '--report-unused-disable-directives-severity'
            : '--report-unused-disable-directives';
        if (unusedFlag === other) throw new UsageError(`${a.flag} and ${other} cannot be used together.`);
        unusedFlag = a.flag;
        opts.reportUnusedDisableDirectives =
          a.flag === '--report-unused-disable-directives' ? 'error' : eslintSeverity(a.flag, r.value(a.flag, a.inline));
        break;
      }
      case '--suppress-all':
        opts.suppressAll = true;
        break;
      case '--suppress-rule': {
        const id = r.value(a.flag, a.inline);
        if (!knownRules.has(id))
          throw new UsageError(`Unknown rule "${id}" in --suppress-rule. Known rules: ${[...knownRules].join(', ')}.`);
        (opts.suppressRules ??= []).push(id);
        break;
      }
      case '--prune-suppressions':
        opts.pruneSuppressions = true;
        break;
      case '--suppressions-location':
        opts.suppressionsLocation = r.value(a.flag, a.inline);
        break;
      case '--changed-since':
        opts.changedSince = r.value(a.flag, a.inline);
        break;
      case '--cache':
        opts.cache = true;
        break;
      case '--cache-location':
        opts.cacheLocation = r.value(a.flag, a.inline);
        opts.cache = true;
        break;
      case '--quiet':
      case '-q':
        opts.quiet = true;
        break;
      default: {
        const shared = sharedFlag(a, r, opts, true);
        if (shared === 'help') return { command: 'help', topic: 'lint' };
        if (!shared) throw unknownOption(a, 'lint', 'lint');
      }
    }
  }
  if (waiting !== undefined) {
    if (opts.outputs.length)
      throw new UsageError(`--output ${waiting} has no --format after it to write; put it right after its --format.`);
    opts.outputs.push({ format: 'stylish', output: waiting });
  }
  if (opts.outputs.length === 0) opts.outputs.push({ format: 'stylish' });
  const toStdout = opts.outputs.filter((o) => isStdout(o.output));
  if (toStdout.length > 1)
    throw new UsageError(
      `Only one format can go to the terminal, but ${toStdout.map((o) => o.format).join(' and ')} have no --output; give all but one an --output FILE.`,
    );
  const files = new Set<string>();
  for (const o of opts.outputs) {
    if (o.output === undefined || isStdout(o.output)) continue;
    if (files.has(o.output))
      throw new UsageError(`--output ${o.output} is given twice; give each format its own file.`);
    files.add(o.output);
  }
  if (opts.fix && opts.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together.');
  // As ESLint: recording and pruning the baseline are separate runs.
  if (opts.suppressAll && opts.suppressRules)
    throw new UsageError('--suppress-all and --suppress-rule cannot be used together.');
  if (opts.pruneSuppressions && (opts.suppressAll || opts.suppressRules))
    throw new UsageError(
      `--prune-suppressions and ${opts.suppressAll ? '--suppress-all' : '--suppress-rule'} cannot be used together.`,
    );
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}

function parseExplain(argv: readonly string[]): CliCommand {
  const r = new ArgReader(argv);
  const positionals: string[] = [];
  const opts: ExplainOptions = { command: 'explain', term: '', paths: [] };
  while (!r.done) {
    const a = r.next();
    if (a.positional !== undefined) {
      positionals.push(a.positional);
      continue;
    }
    const shared = sharedFlag(a, r, opts, true);
    if (shared === 'help') return { command: 'help', topic: 'explain' };
    if (!shared) throw unknownOption(a, 'explain', 'explain');
  }
  const [term, ...paths] = positionals;
  if (term === undefined || term.trim() === '')
    throw new UsageError('explain needs a term, like: cx-taxonomy explain "customer journey"');
  opts.term = term;
  opts.paths = paths.length ? paths : ['.'];
  return opts;
}

/** What differs between `export glossary` and `report ownership`: their names and formats. */
interface DocumentCommandSpec<F extends string> {
  topic: 'export' | 'report';
  /** The one thing the command makes (`glossary`, `ownership`). */
  what: string;
  formats: readonly F[];
  missing: string;
  unknown: (what: string) => string;
}

/** Parses `<command> <what> [paths] [--format F] [--output FILE] [--config FILE]`. */
function parseDocumentCommand<F extends string>(
  argv: readonly string[],
  spec: DocumentCommandSpec<F>,
): { format: F; paths: string[]; output?: string; config?: string } | CliCommand {
  const what = argv[0];
  if (what === '--help' || what === '-h') return { command: 'help', topic: spec.topic };
  if (what !== spec.what) throw new UsageError(what === undefined ? spec.missing : spec.unknown(what));
  const r = new ArgReader(argv.slice(1));
  const opts: { format: F; paths: string[]; output?: string; config?: string } = { format: spec.formats[0], paths: [] };
  while (!r.done) {
    const a = r.next();
    if (a.positional !== undefined) {
      opts.paths.push(a.positional);
      continue;
    }
    switch (a.flag) {
      case '--format':
      case '-f':
        opts.format = oneOf(a.flag, r.value(a.flag, a.inline), spec.formats);
        break;
      case '--output':
      case '-o':
        opts.output = r.value(a.flag, a.inline);
        break;
      default: {
        const shared = sharedFlag(a, r, opts, false);
        if (shared === 'help') return { command: 'help', topic: spec.topic };
        if (!shared) throw unknownOption(a, `${spec.topic} ${spec.what}`, spec.topic);
      }
    }
  }
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}

function parseExport(argv: readonly string[]): CliCommand {
  const opts = parseDocumentCommand(argv, {
    topic: 'export',
    what: 'glossary',
    formats: GLOSSARY_FORMATS,
    missing: 'export needs what to export: cx-taxonomy export glossary',
    unknown: (what) => `Cannot export "${what}"; only the glossary can be exported: cx-taxonomy export glossary`,
  });
  return 'command' in opts ? opts : { command: 'export-glossary', ...opts };
}

function parseReport(argv: readonly string[]): CliCommand {
  const opts = parseDocumentCommand(argv, {
    topic: 'report',
    what: 'ownership',
    formats: OWNERSHIP_FORMATS,
    missing: 'report needs a report name: cx-taxonomy report ownership',
    unknown: (what) => `Unknown report "${what}"; the report is: cx-taxonomy report ownership`,
  });
  return 'command' in opts ? opts : { command: 'report-ownership', ...opts };
}
