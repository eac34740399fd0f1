import * as path from 'node:path';
import { ALL_RULES, RULE_IDS } from '../core';
import {
  isStdout,
  parseArgs,
  UsageError,
  type ExplainOptions,
  type ExportGlossaryOptions,
  type LintOptions,
  type OwnershipReportOptions,
} from './args';
import { applyBaselines } from './baselineFile';
import { gitChanges, narrowToChanged } from './changedSince';
import { useColor } from './color';
import { explain } from './explain';
import { fixOutputs, fixTaxonomies, writeFixes } from './fix';
import { FORMATTERS } from './formatters';
import { exportGlossary } from './glossaryExport';
import { helpText } from './help';
import { reportsOf } from './lint';
import { guardOutput, writeOutput, type OutputGuard } from './output';
import { terminalText } from './escape';
import { ownershipReport } from './ownershipReport';
import { VERSION } from './product';
import { createProgress, type MaybeTTY } from './progress';
import { runInWorker, useWorker, workerSide } from './thread';
import { errorsOnly, totalsOf, type FormatContext } from './report';
import { loadTaxonomies, type LoadedTaxonomy, type LoadOptions } from './taxonomies';

/** The streams and surroundings of one CLI run; tests pass their own. */
export interface CliIo {
  stdout: MaybeTTY;
  stderr: MaybeTTY;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** How long a run must take before progress shows on a terminal stderr (tests set 0). */
  progressDelayMs?: number;
}

/** Exit codes, as ESLint documents them. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** One warning line on stderr (a link not followed, a cache ignored); the run goes on. */
function warner(io: CliIo): (line: string) => void {
  // On a terminal the progress line is cleared first; it redraws on the next file.
  const clear = io.stderr.isTTY ? '\r\u001b[2K' : '';
  return (line) => io.stderr.write(`${clear}cx-taxonomy: warning: ${terminalText(line)}\n`);
}

/** Refuses an output that would overwrite an input, then writes it (stdout for none or `-`). */
async function emit(text: string, output: string | undefined, io: CliIo, guard: OutputGuard): Promise<void> {
  await guardOutput(output, guard);
  await writeOutput(text, output, io.cwd, io.stdout);
}

/** Loads with progress on a terminal stderr. */
async function load(opts: LoadOptions, io: CliIo): Promise<LoadedTaxonomy[]> {
  const progress = createProgress(io.stderr, { delayMs: io.progressDelayMs });
  try {
    return await loadTaxonomies({ ...opts, warn: warner(io) }, io.cwd, progress.update);
  } finally {
    progress.done();
  }
}

async function runLint(cmd: LintOptions, io: CliIo): Promise<number> {
  // Fixes are built from the parsed files, which a taxonomy restored from the cache does not have.
  const fixing = cmd.fix === true || cmd.fixDryRun === true;
  // A bad ref fails before anything is read.
  const changes = cmd.changedSince !== undefined ? await gitChanges(cmd.changedSince, io.cwd, io.env) : undefined;
  let taxonomies = await load(
    {
      paths: cmd.paths,
      config: cmd.config,
      rules: cmd.rules,
      cache: cmd.cache && !fixing,
      cacheLocation: cmd.cacheLocation,
      reportUnusedDisableDirectives: cmd.reportUnusedDisableDirectives,
      trackDependencies: changes !== undefined,
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
  const notFixed = cmd.fix ? await writeFixes(fixed, (uri) => path.relative(io.cwd, uri) || uri) : [];
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

async function runExplain(cmd: ExplainOptions, io: CliIo): Promise<number> {
  const taxonomies = await load({ paths: cmd.paths, config: cmd.config }, io);
  const color = useColor({ flag: cmd.color, env: io.env, isTTY: io.stdout.isTTY === true });
  const result = explain(cmd.term, taxonomies, { cwd: io.cwd, color, width: io.stdout.columns });
  if (result.found) {
    io.stdout.write(result.text);
    return EXIT_OK;
  }
  io.stderr.write(result.text);
  return EXIT_PROBLEMS;
}

/** Exports and reports read exactly one taxonomy: merging two would mix their ids. */
async function oneTaxonomy(opts: LoadOptions, io: CliIo, what: string): Promise<LoadedTaxonomy> {
  const taxonomies = await load(opts, io);
  if (taxonomies.length > 1) {
    const roots = taxonomies.map((t) => path.relative(io.cwd, t.root) || '.').join(', ');
    throw new UsageError(
      `${opts.paths.join(', ')} holds ${taxonomies.length} taxonomies (${roots}); ${what} one at a time by naming its folder.`,
    );
  }
  return taxonomies[0];
}

async function runExportGlossary(cmd: ExportGlossaryOptions, io: CliIo): Promise<number> {
  const taxonomy = await oneTaxonomy({ paths: cmd.paths, config: cmd.config }, io, 'export');
  await emit(exportGlossary(taxonomy, cmd.format, { cwd: io.cwd, version: VERSION }), cmd.output, io, {
    cwd: io.cwd,
    inputs: cmd.paths,
    taxonomies: [taxonomy],
  });
  return EXIT_OK;
}

async function runOwnershipReport(cmd: OwnershipReportOptions, io: CliIo): Promise<number> {
  const taxonomy = await oneTaxonomy({ paths: cmd.paths, config: cmd.config }, io, 'report on');
  await emit(ownershipReport(taxonomy, cmd.format, { cwd: io.cwd, version: VERSION }), cmd.output, io, {
    cwd: io.cwd,
    inputs: cmd.paths,
    taxonomies: [taxonomy],
  });
  return EXIT_OK;
}

/** The first line of an error's message: the CLI never prints a stack trace. */
function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split(/\r?\n/)[0] || 'unknown error';
}

/**
 * Runs the CLI and returns its exit code: 0 no errors (and warnings within --max-warnings),
 * 1 problems found (or, for explain, no such term), 2 a usage or configuration error or a crash.
 * All output goes through `io`; a failure is one line on stderr, never a stack trace.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const cmd = parseArgs(argv, RULE_IDS);
    switch (cmd.command) {
      case 'help':
        io.stdout.write(helpText(cmd.topic));
        return EXIT_OK;
      case 'version':
        io.stdout.write(`${VERSION}\n`);
        return EXIT_OK;
      case 'lint':
        return await runLint(cmd, io);
      case 'explain':
        return await runExplain(cmd, io);
      case 'export-glossary':
        return await runExportGlossary(cmd, io);
      case 'report-ownership':
        return await runOwnershipReport(cmd, io);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`cx-taxonomy: ${oneLine(err)}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`cx-taxonomy: internal error: ${oneLine(err)} (please report it)\n`);
    return EXIT_USAGE;
  }
}

const worker = workerSide();
if (worker) {
  // This thread is the CLI's worker (see thread.ts): the main thread owns the process.
  run(worker.argv, { stdout: worker.stdout, stderr: worker.stderr, cwd: process.cwd(), env: process.env }).then(
    worker.done,
    (err) => {
      worker.stderr.write(`cx-taxonomy: internal error: ${oneLine(err)} (please report it)\n`);
      worker.done(EXIT_USAGE);
    },
  );
} else if (require.main === module) {
  // A closed pipe (`cx-taxonomy lint | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  process.on('uncaughtException', (err) => {
    process.stderr.write(`cx-taxonomy: internal error: ${oneLine(err)} (please report it)\n`);
    process.exit(EXIT_USAGE);
  });
  const argv = process.argv.slice(2);
  const inThisThread = () =>
    run(argv, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
  // A worker that cannot be created (no worker_threads, resource limits) is no reason to fail.
  const started =
    loadsTaxonomies(argv) && useWorker(process.execArgv, process.env)
      ? runInWorker(__filename, argv).catch(inThisThread)
      : inThisThread();
  started.then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`cx-taxonomy: internal error: ${oneLine(err)} (please report it)\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}

/** Whether a command line loads a taxonomy (help, version and usage errors do not). */
function loadsTaxonomies(argv: readonly string[]): boolean {
  try {
    const cmd = parseArgs(argv, RULE_IDS).command;
    return cmd !== 'help' && cmd !== 'version';
  } catch {
    return false;
  }
}
