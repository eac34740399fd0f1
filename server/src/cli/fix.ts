// `lint --fix` and `--fix-dry-run`, as ESLint has them: each finding's one preferred fix of a rule
// marked `fixable: 'safe'`, applied pass after pass in memory, then written whole per file.
import { promises as fsp } from 'node:fs';
import { decodeText, type Fix, type TaxonomyDiagnostic, type TextEdit } from '../core';
import { applyTextEdits, chooseFixes, SAFE_FIX_RULE_IDS, safeFixes, safeFixOf } from '../core/features';
import { writeFileAtomic } from '../node/safeWrite';
import type { LoadedTaxonomy } from './taxonomies';

/** At most this many rounds of fixes: a fix may reveal another (ESLint stops at 10 as well). */
const MAX_FIX_PASSES = 10;

/**
 * Whether `--fix` would fix a finding. A finding restored from the cache (`--cache`) keeps its
 * fixes' titles but not edits the edit layer builds on demand: its one preferred fix of a safe
 * rule counts, as it did when it was found (`--fix` itself reads every file afresh).
 */
function isFixable(d: TaxonomyDiagnostic, uri: string): boolean {
  if (safeFixOf(d, uri)) return true;
  const preferred = (d.fixes ?? []).filter((f) => f.isPreferred);
  return SAFE_FIX_RULE_IDS.has(d.ruleId) && preferred.length === 1 && !Array.isArray(preferred[0].edits);
}

/** How many errors and warnings of a file `--fix` would fix (ESLint's `fixableErrorCount`/`fixableWarningCount`). */
export function fixableCounts(
  diagnostics: readonly TaxonomyDiagnostic[],
  uri: string,
): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity !== 'error' && d.severity !== 'warning') continue;
    if (!isFixable(d, uri)) continue;
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** One file `--fix` changed: its text as loaded and as fixed (both without a byte order mark). */
export interface FixedFile {
  uri: string;
  before: string;
  after: string;
}

/** A fix as it is remembered between passes: its edits, on the text it was found in. */
const fixKey = (f: Fix) => JSON.stringify(f.edits);

/**
 * Applies the safe fixes of the files each taxonomy reports on, in memory: pass after pass (at
 * most MAX_FIX_PASSES) until no fix is left to apply, each pass re-checking the files so the next
 * one sees the findings of the fixed text. The workspaces end holding the fixed text and what is
 * left to report. `wanted` narrows the findings fixed (`--quiet` fixes errors only, as ESLint 9
 * does not even run the other rules).
 */
export function fixTaxonomies(
  taxonomies: readonly LoadedTaxonomy[],
  wanted: (d: TaxonomyDiagnostic) => boolean = () => true,
): FixedFile[] {
  const fixed: FixedFile[] = [];
  for (const t of taxonomies) {
    const ws = t.workspace;
    const before = new Map<string, string>();
    // Fixes that failed the parse check together with others, per file, while its text stays the one they failed on.
    const refused = new Map<string, { text: string; keys: Set<string> }>();
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      // Every fix of the pass is chosen before any file changes, so each is built on the text it was found in.
      const plan: { uri: string; text: string; edits: TextEdit[] }[] = [];
      for (const uri of t.inScope) {
        const file = ws.getFile(uri);
        if (!file) continue;
        const r = refused.get(uri);
        const keys = r && r.text === file.text ? r.keys : new Set<string>();
        const { applied, refused: failed } = chooseFixes(
          file,
          safeFixes(ws, uri, wanted).filter((f) => !keys.has(fixKey(f))),
        );
        for (const f of failed) keys.add(fixKey(f));
        if (keys.size) refused.set(uri, { text: file.text, keys });
        if (applied.length) plan.push({ uri, text: file.text, edits: applied.flatMap((f) => f.edits) });
      }
      if (plan.length === 0) break;
      for (const { uri, text, edits } of plan) {
        const file = ws.getFile(uri)!;
        ws.setFile(uri, file.relativePath, applyTextEdits(file, edits));
        if (!before.has(uri)) before.set(uri, text);
      }
      for (const uri of t.inScope) ws.flushFile(uri);
    }
    for (const [uri, text] of before) {
      const after = ws.getFile(uri)!.text;
      if (after !== text) fixed.push({ uri, before: text, after });
    }
  }
  return fixed;
}

const BOM = '\uFEFF';
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hasBom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((b, i) => bytes[i] === b);
}

/** A fixed file as it is (or would be) written: with the byte order mark it had. */
export interface FixOutput {
  uri: string;
  /** The whole new content: ESLint's `output`. */
  output: string;
  /** The bytes on disk no longer hold the text that was fixed (changed while linting). */
  changedOnDisk: boolean;
}

/**
 * The new content of each fixed file, read back from disk to keep its byte order mark (the
 * decoder drops it) and to notice a file that changed after it was read. Line breaks need no
 * care: the text keeps them, and the edit layer writes the file's own.
 */
export async function fixOutputs(fixed: readonly FixedFile[]): Promise<FixOutput[]> {
  return Promise.all(
    fixed.map(async (f) => {
      let bytes: Uint8Array | undefined;
      try {
        bytes = await fsp.readFile(f.uri);
      } catch {
        bytes = undefined;
      }
      const decoded = bytes && decodeText(bytes);
      const same = decoded !== undefined && decoded.ok && decoded.text === f.before;
      return { uri: f.uri, output: (bytes && hasBom(bytes) ? BOM : '') + f.after, changedOnDisk: !same };
    }),
  );
}

/**
 * Writes the fixed files, each whole or not at all (a temporary file renamed over it, through a
 * symbolic link to where it points, with its permissions kept). A file that changed on disk since
 * it was read is not written. Returns one line per file not written.
 */
export async function writeFixes(outputs: readonly FixOutput[], shown: (uri: string) => string): Promise<string[]> {
  const failures: string[] = [];
  for (const o of outputs) {
    if (o.changedOnDisk) {
      failures.push(`${shown(o.uri)}: not fixed, it changed while being linted; run again.`);
      continue;
    }
    try {
      const target = await fsp.realpath(o.uri);
      const { mode } = await fsp.stat(target);
      await writeFileAtomic(target, o.output, { mode: mode & 0o7777 });
    } catch (err) {
      failures.push(
        `${shown(o.uri)}: not fixed, it cannot be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`,
      );
    }
  }
  return failures;
}
