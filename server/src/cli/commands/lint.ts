import { ALL_RULES } from '../../core';
import { SAFE_FIX_RULE_IDS } from '../../core/features';
import { applyBaselines } from '../baselineFile';
import { gitChanges, narrowToChanged } from '../changedSince';
import { useColor } from '../color';
import { defineCommand, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIo } from '../command';
import { emit, load, warner } from '../commandSteps';
import { fixOutputs, fixTaxonomies, writeFixes } from '../fix';
import { FORMATTERS } from '../formatters';
import { reportsOf } from '../lint';
import { guardOutput, isStdout, type OutputGuard } from '../output';
import { VERSION } from '../product';
import { shownPath } from '../render/paths';
import { errorsOnly, totalsOf, type FormatContext } from '../report';
import { parseLintOptions, type LintOptions } from './lintOptions';

/** The `--fix` rules, wrapped to the help's option column. */
function fixRulesText(): string {
  const lines: string[] = [];
  let line = '';
  for (const id of SAFE_FIX_RULE_IDS) {
    const next = line ? `${line}, ${id}` : id;
    if (next.length > 68 && line) {
      lines.push(line + ',');
      line = id;
    } else line = next;
  }
  lines.push(line);
  return lines.map((l) => `                           ${l}`).join('\n');
}

const help = () => `Usage: cx-taxonomy lint [paths...] [options]

Lints every taxonomy file under the paths (default: the current folder), each against its whole
taxonomy, and reports on those files only: a file's problems are the same whether it is linted
alone (a pre-commit hook), from a subfolder or with everything. The taxonomy's root is the
nearest folder at or above the path holding cx-taxonomy.config.yaml (or .yml), looking no higher
than the Git repository; else the repository's top folder (holding .git); else the folder given.
A folder with its own config below that root is a taxonomy of its own. Both config spellings in
one folder is an error.

Options:
  -f, --format <name>      stylish (default), json, sarif, junit, github or markdown
  -o, --output <file>      write the preceding --format to a file instead of stdout; repeat
                           --format/--output pairs for several reports in one run:
                           --format sarif --output cx.sarif --format github
  --max-warnings <n>       exit 1 when there are more than n warnings (-1: no limit)
  --rule <id=severity>     override a rule's severity (off, hint, info, warning, error; or as
                           ESLint writes it: warn, 0 off, 1 warning, 2 error); repeatable
  --fix                    apply each problem's one safe fix and write the files (atomically,
                           keeping line breaks and byte order mark; never a fix that would not
                           parse), repeated until none is left; report what remains. The rules
                           whose fixes are safe without a choice:
${fixRulesText()}
  --fix-dry-run            the same without writing: --format json shows each fixed file's new
                           text in "output"
  -c, --config <file>      use this config instead of each cx-taxonomy.config.yaml (or .yml)
  --today <YYYY-MM-DD>     the date sunsets are compared with (default: CX_TAXONOMY_TODAY, else
                           the machine's date), for reproducible CI
  -q, --quiet              errors only: warnings, info and hints are not reported or counted
  --report-unused-disable-directives
                           report cx-taxonomy-disable comments that silence nothing, as errors
  --report-unused-disable-directives-severity <severity>
                           the same at a severity (off, hint, info, warning, error; warn, 0-2)
  --suppress-all           record every error and warning found in the baseline,
                           cx-taxonomy-suppressions.json at the taxonomy's root: they stop
                           failing the run, and a new one still fails it
  --suppress-rule <id>     the same for one rule's findings only; repeatable
  --prune-suppressions     lower the baseline's counts to what is found now (after fixes)
  --suppressions-location <file>
                           the baseline file to use instead (its paths stay relative to the
                           taxonomy's root); give it on every run
  --changed-since <ref>    report only on the files changed since a Git ref (committed, staged,
                           unstaged or untracked) and the files whose problems depend on them
  --cache                  reuse the results of the last run when nothing changed (tool, rules, config, files)
  --cache-location <dir>   where --cache keeps them (default .cx-taxonomy-cache/); implies --cache
  --cache-strategy <metadata|content>
                           how --cache tells a file unchanged: metadata (default) trusts a file
                           whose size, times and inode are as they were and reads the others;
                           content reads and hashes every file
  --color, --no-color      force colours on or off (default: on for a terminal, off when
                           NO_COLOR is set; FORCE_COLOR forces them on)
  -h, --help               show this help

Exit codes: 0 no errors and no more warnings than --max-warnings; 1 errors, or too many
warnings; 2 a usage or configuration error (unknown option, rule or format, missing path,
broken config) or an internal error.
`;

/** `--fix` or `--fix-dry-run`. */
function fixes(cmd: LintOptions): boolean {
  return cmd.fix === true || cmd.fixDryRun === true;
}

/** Whether the cache is used: fixes are built from the parsed files, which a restored taxonomy does not have. */
function usesCache(cmd: LintOptions): boolean {
  return cmd.cache === true && !fixes(cmd);
}

async function runLint(cmd: LintOptions, io: CliIo): Promise<number> {
  const fixing = fixes(cmd);
  // A bad ref fails before anything is read.
  const changes = cmd.changedSince !== undefined ? await gitChanges(cmd.changedSince, io.cwd, io.env) : undefined;
  let taxonomies = await load(
    {
      paths: cmd.paths,
      config: cmd.config,
      today: cmd.today,
      rules: cmd.rules,
      cache: usesCache(cmd),
      cacheLocation: cmd.cacheLocation,
      cacheStrategy: cmd.cacheStrategy,
      reportUnusedDisableDirectives: cmd.reportUnusedDisableDirectives,
      trackDependencies: changes !== undefined,
      findingsOnly: lintCommand.findingsOnly,
    },
    io,
  );
  if (changes) taxonomies = await narrowToChanged(taxonomies, changes);
  // --fix and --fix-dry-run fix in memory; what is reported is what remains (as ESLint).
  const fixed = fixing
    ? await fixOutputs(fixTaxonomies(taxonomies, cmd.quiet ? (d) => d.severity === 'error' : undefined))
    : [];
  let reports = reportsOf(taxonomies, io.cwd, new Map(fixed.map((f) => [f.uri, f.output])));
  reports = await applyBaselines(
    reports,
    taxonomies,
    {
      suppressAll: cmd.suppressAll,
      suppressRules: cmd.suppressRules,
      prune: cmd.pruneSuppressions,
      location: cmd.suppressionsLocation,
    },
    io.cwd,
    warner(io),
  );
  if (cmd.quiet) reports = errorsOnly(reports);
  // Every output is checked before any is written: a refused one leaves the others unwritten too.
  const guard: OutputGuard = { cwd: io.cwd, inputs: cmd.paths, taxonomies };
  for (const target of cmd.outputs) await guardOutput(target.output, guard);
  const notFixed = cmd.fix ? await writeFixes(fixed, (uri) => shownPath(uri, io.cwd)) : [];
  for (const line of notFixed) warner(io)(line);
  const base: Omit<FormatContext, 'color'> = { rules: ALL_RULES, version: VERSION, cwd: io.cwd, env: io.env };
  for (const target of cmd.outputs) {
    // Colour is for a terminal only: never in a file.
    const color =
      isStdout(target.output) && useColor({ flag: cmd.color, env: io.env, isTTY: io.stdout.isTTY === true });
    await emit(FORMATTERS[target.format](reports, { ...base, color }), target.output, io, guard);
  }
  // A fix that could not be written is a failed run, whatever is left to report.
  if (notFixed.length) return EXIT_USAGE;
  const t = totalsOf(reports);
  if (t.errors > 0) return EXIT_PROBLEMS;
  if (cmd.maxWarnings !== undefined && cmd.maxWarnings >= 0 && t.warnings > cmd.maxWarnings) {
    io.stderr.write(`cx-taxonomy found too many warnings (maximum: ${cmd.maxWarnings}).\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

/** `lint [paths...]`: report the problems of the taxonomy files under the paths. */
export const lintCommand = defineCommand<LintOptions>({
  names: ['lint'],
  usage: '  cx-taxonomy lint [paths...] [options]          report problems; exit 1 when there are errors',
  listedAs: 'lint',
  help,
  parse: (argv, ctx) => parseLintOptions(argv, ctx, help()),
  run: runLint,
  loadsTaxonomies: true,
  findingsOnly: true,
  readsCache: usesCache,
});
