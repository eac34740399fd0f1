import { RULE_IDS } from '../core';
import { parseCommandLine } from './args';
import { errorLine, EXIT_USAGE, UsageError, type CliIo, type Invocation } from './command';
import { CacheMiss } from './cache';
import { answerFromCache } from './cacheFirst';
import { runInWorker, useWorker, workerSide } from './thread';
import { cliReleaseAbove } from '../node/releaseModels';
import { capOldGenerationGrowth } from '../node/youngGeneration';

/**
 * Runs the CLI and returns its exit code: 0 no errors (and warnings within --max-warnings),
 * 1 problems found (or, for explain, no such term), 2 a usage or configuration error or a crash.
 * All output goes through `io`; a failure is one line on stderr, never a stack trace.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await parseCommandLine(argv, RULE_IDS).run(io);
  } catch (err) {
    if (err instanceof CacheMiss && io.cacheOnly) throw err;
    if (err instanceof UsageError) {
      io.stderr.write(`cx-taxonomy: ${errorLine(err)}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`cx-taxonomy: internal error: ${errorLine(err)} (please report it)\n`);
    return EXIT_USAGE;
  }
}

const worker = workerSide();
if (worker) {
  // This thread is the CLI's worker (see thread.ts): the main thread owns the process.
  run(worker.argv, { stdout: worker.stdout, stderr: worker.stderr, cwd: process.cwd(), env: process.env }).then(
    (code) => worker.done(code),
    (err) => {
      worker.stderr.write(`cx-taxonomy: internal error: ${errorLine(err)} (please report it)\n`);
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
    process.stderr.write(`cx-taxonomy: internal error: ${errorLine(err)} (please report it)\n`);
    process.exit(EXIT_USAGE);
  });
  const argv = process.argv.slice(2);
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
  const inThisThread = () => run(argv, io);
  // A worker that cannot be created (no worker_threads, resource limits) is no reason to fail.
  const inWorker = () => runInWorker(__filename, argv).catch(inThisThread);
  const invocation = invocationOf(argv);
  const loads = invocation?.loadsTaxonomies === true;
  // Letting models go lowers what lives; the cap is what lowers the peak with it (BENCHMARKS.md,
  // items 29 and 37). The lint lets them go by default, the other commands when asked.
  const releases = loads && cliReleaseAbove(invocation.findingsOnly, process.env) !== undefined;
  if (releases) capOldGenerationGrowth(process.execArgv);
  // A lint that checks each journey as it loads it and lets it go keeps little alive for long, and
  // the lint thread's larger young generation then cost ~70 MB of its peak for ~2% of its time
  // (BENCHMARKS.md, item 38): it runs here, with Node's own young generation.
  const lintInPlace = releases && invocation.findingsOnly;
  const started =
    loads && !lintInPlace && useWorker(process.execArgv, process.env)
      ? answerFromCache(argv, io, run).then((code) => code ?? inWorker())
      : inThisThread();
  started.then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`cx-taxonomy: internal error: ${errorLine(err)} (please report it)\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}

/** The command a command line runs; undefined for a usage error (help and version load nothing). */
function invocationOf(argv: readonly string[]): Invocation | undefined {
  try {
    return parseCommandLine(argv, RULE_IDS);
  } catch {
    return undefined;
  }
}
