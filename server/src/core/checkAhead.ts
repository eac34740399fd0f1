/**
 * The check of every file of a loaded workspace with the parse workers' help: the files that let
 * their models go as they were indexed have them rebuilt from parses done ahead of their turn.
 */
import { PARSE_AHEAD, PARSE_BATCH, type ParseService } from './loader';
import { modelsHeld, primeParse, type TaxonomyFile } from './taxonomyFile';
import type { TaxonomyWorkspace } from './workspace';

/**
 * The files waiting for a check that let their models go at load (`releaseModels`), in the order
 * of their checks, in batches for a parse service.
 */
function releasedBatches(workspace: TaxonomyWorkspace): TaxonomyFile[][] {
  const batches: TaxonomyFile[][] = [];
  for (const uri of workspace.pending()) {
    const file = workspace.getFile(uri);
    if (!file || modelsHeld(file) || !workspace.checksInFull(uri)) continue;
    if (batches.length === 0 || batches[batches.length - 1].length === PARSE_BATCH) batches.push([]);
    batches[batches.length - 1].push(file);
  }
  return batches;
}

/** Has a parse service parse a batch and hands each file its parse; a failed service leaves them to their checks. */
function primeBatch(files: readonly TaxonomyFile[], parse: ParseService): Promise<void> {
  return parse(files.map((f) => f.text)).then(
    (results) => files.forEach((f, i) => results[i] && primeParse(f, results[i])),
    // Parsed here when its check reads it, as without a service.
    () => undefined,
  );
}

/**
 * Checks every file waiting for a check, as `workspace.flush()` does and with the same results,
 * having a parse service parse ahead of their turn the files that let their models go at load
 * (`releaseModels`), so that their checks rebuild the models without parsing on this thread.
 */
export async function checkParsingAhead(workspace: TaxonomyWorkspace, parse: ParseService): Promise<void> {
  const batches = releasedBatches(workspace);
  const batchOf = new Map<string, number>();
  batches.forEach((b, k) => b.forEach((f) => batchOf.set(f.uri, k)));
  const primed: Promise<void>[] = [];
  for (const uri of [...workspace.pending()]) {
    const k = batchOf.get(uri);
    if (k !== undefined) {
      while (primed.length < batches.length && primed.length <= k + PARSE_AHEAD)
        primed.push(primeBatch(batches[primed.length], parse));
      await primed[k];
    }
    workspace.flushFile(uri);
  }
  workspace.releaseRebuilt();
}
