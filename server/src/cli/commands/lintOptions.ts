import type { Severity } from '../../core';
import { closest, SEVERITIES } from '../../core';
import { ArgReader, sharedFlag, oneOf, unknownOption } from '../argReader';
import { UsageError, type HelpRequest, type ParseContext } from '../command';
import { CACHE_STRATEGIES, type CacheStrategy } from '../cache';
import { FORMATS, type FormatName } from '../formatters';
import { isStdout } from '../output';

/** The options of `lint` and how its command line is read into them. */

/** One report of a lint run: a format and where it goes (stdout when `output` is absent or `-`). */
interface OutputTarget {
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
  /** `--today YYYY-MM-DD`: the date the sunset rules compare with. */
  today?: string;
  /** Errors only: warnings, info and hints are dropped before counting and reporting. */
  quiet: boolean;
  /** An explicit `--color` / `--no-color`; undefined leaves it to the environment. */
  color?: boolean;
  /** `--cache`: reuse the diagnostics of an unchanged taxonomy; `--cache-location DIR` keeps them. */
  cache?: boolean;
  cacheLocation?: string;
  /** `--cache-strategy`: how the cache tells a file unchanged (metadata by default). */
  cacheStrategy?: CacheStrategy;
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

/** A severity as ESLint writes it on its command line (`warn`, `0`-`2`) or as the config does. */
function eslintSeverity(flag: string, v: string): Severity {
  const eslint: Record<string, Severity> = { '0': 'off', '1': 'warning', '2': 'error', warn: 'warning' };
  const sev = eslint[v] ?? v;
  if (!(SEVERITIES as readonly string[]).includes(sev))
    throw new UsageError(
      `Unknown severity "${v}" for ${flag}. Use one of: ${SEVERITIES.join(', ')} (or warn, 0, 1, 2).`,
    );
  return sev;
}

/**
 * Parses the words after `lint` strictly: an unknown flag, format, rule or severity is a usage
 * error (exit 2), never silently ignored. `helpText` is lint's help, whose options a misspelt
 * flag is matched against.
 */
export function parseLintOptions(
  argv: readonly string[],
  { knownRules }: ParseContext,
  helpText: string,
): LintOptions | HelpRequest {
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
      case '--cache-strategy':
        opts.cacheStrategy = oneOf(a.flag, r.value(a.flag, a.inline), CACHE_STRATEGIES, 'strategy');
        break;
      case '--quiet':
      case '-q':
        opts.quiet = true;
        break;
      default: {
        const shared = sharedFlag(a, r, opts, true);
        if (shared === 'help') return { command: 'help', topic: 'lint' };
        if (!shared) throw unknownOption(a, 'lint', helpText);
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
