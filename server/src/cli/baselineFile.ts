import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { diagnosticOrder } from '../core';
import { writeFileAtomic } from '../node/safeWrite';
import { UsageError } from './command';
import {
  applyBaseline,
  BASELINE_FILE_NAME,
  formatBaseline,
  parseBaseline,
  pruneBaseline,
  recordBaseline,
  totalCount,
  type Baseline,
  type BaselineInput,
} from './baseline';
import { reportPath, shownFolder, shownPath, slashPathBelow } from './render/paths';
import type { FileReport } from './report';
import type { LoadedTaxonomy } from './taxonomies';

/** The baseline options of `lint`. */
export interface BaselineOptions {
  /** `--suppress-all`: record every current finding of the files linted. */
  suppressAll?: boolean;
  /** `--suppress-rule <id>`: record the current findings of these rules only. */
  suppressRules?: readonly string[];
  /** `--prune-suppressions`: lower the counts to what is found now. */
  prune?: boolean;
  /** `--suppressions-location <file>`: one baseline file instead of one at each taxonomy's root. */
  location?: string;
}

/** Reads a baseline file; none is an empty baseline, a broken one a usage error (exit 2). */
async function readBaseline(file: string, shown: string): Promise<{ baseline: Baseline; text?: string }> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { baseline: {} };
    throw new UsageError(
      `Cannot read the suppressions file ${shown}: ${code === 'EISDIR' ? 'it is a folder' : (err as Error).message}.`,
    );
  }
  try {
    return { baseline: parseBaseline(text.replace(/^\uFEFF/, '')), text };
  } catch (err) {
    throw new UsageError(`Invalid suppressions file ${shown}: ${(err as Error).message}.`);
  }
}

/**
 * Applies each taxonomy's baseline to the reports (after recording or pruning it when asked) and
 * returns the reports with the findings it covers moved to `suppressed`. A baseline that allows
 * more than is found gets one warning line suggesting `--prune-suppressions`, as ESLint's; it
 * does not fail the run.
 */
export async function applyBaselines(
  reports: readonly FileReport[],
  taxonomies: readonly LoadedTaxonomy[],
  opts: BaselineOptions,
  cwd: string,
  warn: (line: string) => void,
): Promise<FileReport[]> {
  if (opts.location !== undefined && taxonomies.length > 1) {
    const roots = taxonomies.map((t) => shownFolder(t.root, cwd)).join(', ');
    throw new UsageError(
      `--suppressions-location names one file, but the run covers ${taxonomies.length} taxonomies (${roots}); lint them one at a time, or leave each its own ${BASELINE_FILE_NAME}.`,
    );
  }
  const byPath = new Map(reports.map((r) => [r.relativePath, r]));
  const replaced = new Map<FileReport, FileReport>();
  const recording = opts.suppressAll || (opts.suppressRules?.length ?? 0) > 0;
  for (const t of taxonomies) {
    const file = opts.location !== undefined ? path.resolve(cwd, opts.location) : path.join(t.root, BASELINE_FILE_NAME);
    const shown = shownPath(file, cwd);
    const read = await readBaseline(file, shown);
    let baseline = read.baseline;
    // The files linted, under the keys the baseline gives them: relative to the taxonomy root.
    const inputs: (BaselineInput & { report: FileReport })[] = [];
    for (const uri of t.inScope) {
      const report = byPath.get(reportPath(uri, cwd));
      if (report)
        inputs.push({
          key: slashPathBelow(t.root, uri),
          diagnostics: report.diagnostics,
          report,
        });
    }
    const exists = (key: string) => t.workspace.getFile(path.join(t.root, ...key.split('/'))) !== undefined;
    if (recording)
      baseline = recordBaseline(baseline, inputs, opts.suppressAll ? undefined : new Set(opts.suppressRules));
    if (opts.prune) baseline = pruneBaseline(baseline, applyBaseline(baseline, inputs, exists).unused);
    if (recording || opts.prune) {
      const text = formatBaseline(baseline);
      // No file is made for an empty baseline; one that exists is kept, emptied.
      if (text !== read.text && (read.text !== undefined || totalCount(baseline) > 0))
        await writeFileAtomic(file, text);
    }
    const applied = applyBaseline(baseline, inputs, exists);
    applied.files.forEach((f, i) => {
      const report = inputs[i].report;
      if (f.suppressed.length === 0) return;
      replaced.set(report, {
        ...report,
        diagnostics: f.diagnostics,
        suppressed: [...(report.suppressed ?? []), ...f.suppressed].sort(diagnosticOrder),
      });
    });
    const unused = totalCount(applied.unused);
    if (unused > 0)
      warn(
        `There are suppressions left that do not occur anymore (${unused} in ${shown.split(path.sep).join('/')}). Consider re-running the command with --prune-suppressions.`,
      );
  }
  return reports.map((r) => replaced.get(r) ?? r);
}
