/** The steps the commands share: warn, load with progress, write what they make. */
import { CLEAR_LINE } from './color';
import { TRACE_CACHE_ENV } from './cache';
import { UsageError, type CliIo } from './command';
import { pinnedDateProblem, TODAY_ENV } from '../core/dates';
import { terminalText } from '../core/text/escape';
import { guardOutput, writeOutput, type OutputGuard } from './output';
import { createProgress } from './progress';
import { shownFolder } from './render/paths';
import { loadTaxonomies, type LoadedTaxonomy, type LoadOptions } from './taxonomies';

/** One warning line on stderr (a link not followed, a cache ignored); the run goes on. */
export function warner(io: CliIo): (line: string) => void {
  // On a terminal the progress line is cleared first; it redraws on the next file.
  const clear = io.stderr.isTTY ? CLEAR_LINE : '';
  return (line) => io.stderr.write(`${clear}cx-taxonomy: warning: ${terminalText(line)}\n`);
}

/** Refuses an output that would overwrite an input, then writes it (stdout for none or `-`). */
export async function emit(text: string, output: string | undefined, io: CliIo, guard: OutputGuard): Promise<void> {
  await guardOutput(output, guard);
  await writeOutput(text, output, io.cwd, io.stdout);
}

/** The date `CX_TAXONOMY_TODAY` pins, if any; a malformed one is a usage error, never ignored. */
export function pinnedToday(env: NodeJS.ProcessEnv): string | undefined {
  const value = env[TODAY_ENV];
  if (value === undefined || value === '') return undefined;
  const problem = pinnedDateProblem(TODAY_ENV, value);
  if (problem) throw new UsageError(problem);
  return value;
}

/** Loads with progress on a terminal stderr. */
export async function load(opts: LoadOptions, io: CliIo): Promise<LoadedTaxonomy[]> {
  const today = opts.today ?? pinnedToday(io.env);
  const progress = createProgress(io.stderr, { delayMs: io.progressDelayMs });
  try {
    const traceCache = io.env[TRACE_CACHE_ENV] ? (line: string) => io.stderr.write(`${line}\n`) : undefined;
    return await loadTaxonomies(
      { ...opts, today, warn: warner(io), traceCache, cacheOnly: io.cacheOnly },
      io.cwd,
      progress.update,
    );
  } finally {
    progress.done();
  }
}

/** Exports and reports read exactly one taxonomy: merging two would mix their ids. */
export async function oneTaxonomy(opts: LoadOptions, io: CliIo, what: string): Promise<LoadedTaxonomy> {
  const taxonomies = await load(opts, io);
  if (taxonomies.length > 1) {
    const roots = taxonomies.map((t) => shownFolder(t.root, io.cwd)).join(', ');
    throw new UsageError(
      `${opts.paths.join(', ')} holds ${taxonomies.length} taxonomies (${roots}); ${what} one at a time by naming its folder.`,
    );
  }
  return taxonomies[0];
}
