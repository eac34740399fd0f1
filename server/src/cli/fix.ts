// `lint --fix` and `--fix-dry-run`, as ESLint has them: each finding's one preferred fix of a rule
// marked `fixable: 'safe'`, applied pass after pass in memory, then written whole per file.
import { promises as fsp } from 'node:fs';
import { ALL_RULES, decodeText, type Fix, type TaxonomyDiagnostic, type TaxonomyWorkspace } from '../core';
import { writeFileAtomic } from '../node/safeWrite';
import type { LoadedTaxonomy } from './taxonomies';

/** The rules whose preferred fix `--fix` applies (see `Rule.fixable`), in registry order. */
export const SAFELY_FIXABLE_RULES: readonly string[] = ALL_RULES.filter((r) => r.fixable === 'safe').map((r) => r.id);
const SAFE = new Set(SAFELY_FIXABLE_RULES);

/** At most this many rounds of fixes: a fix may reveal another (ESLint stops at 10 as well). */
export const MAX_FIX_PASSES = 10;

/**
 * The fix `--fix` would apply to a finding of the file `uri`, or undefined: the rule is safely
 * fixable, the finding has exactly one preferred fix, the edit layer built its edits (a refused
 * fix has none) and they all stay in this file. A fix that edits another file (asymmetric-link's
 * back-reference) is never applied: ESLint's fixes edit the file linted only, and a file not
 * named on the command line is not written.
 */
export function safeFixOf(d: TaxonomyDiagnostic, uri: string): Fix | undefined {
  if (!SAFE.has(d.ruleId)) return undefined;
  const preferred = (d.fixes ?? []).filter((f) => f.isPreferred);
  if (preferred.length !== 1) return undefined;
  // A fix restored from the cache has no edits to read: it cannot be applied, so it does not count.
  const edits = Array.isArray(preferred[0].edits) ? preferred[0].edits : [];
  if (edits.length === 0 || edits.some((e) => e.uri !== uri)) return undefined;
  return preferred[0];
}

/**
 * Whether `--fix` would fix a finding. A finding restored from the cache (`--cache`) keeps its
 * fixes' titles but not edits the edit layer builds on demand: its one preferred fix of a safe
 * rule counts, as it did when it was found (`--fix` itself reads every file afresh).
 */
function isFixable(d: TaxonomyDiagnostic, uri: string): boolean {
  if (safeFixOf(d, uri)) return true;
  const preferred = (d.fixes ?? []).filter((f) => f.isPreferred);
  return SAFE.has(d.ruleId) && preferred.length === 1 && !Array.isArray(preferred[0].edits);
}

/** How many errors and warnings of a file `--fix` would fix (ESLint's `fixableErrorCount`/`fixableWarningCount`). */
export function fixableCounts(diagnostics: readonly TaxonomyDiagnostic[], uri: string): { errors: number; warnings: number } {
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

interface Span {
  start: number;
  end: number;
  edits: { start: number; end: number; newText: string }[];
}

/** The fixes of one file as offset spans, sorted; each fix's span covers all its edits. */
function spansOf(ws: TaxonomyWorkspace, uri: string, wanted: (d: TaxonomyDiagnostic) => boolean): Span[] {
  const file = ws.getFile(uri);
  if (!file) return [];
  const spans: Span[] = [];
  for (const d of ws.diagnostics(uri)) {
    if (!wanted(d)) continue;
    const fix = safeFixOf(d, uri);
    if (!fix) continue;
    const edits = fix.edits.map((e) => ({ start: file.lines.offsetAt(e.range.start), end: file.lines.offsetAt(e.range.end), newText: e.newText }));
    spans.push({ start: Math.min(...edits.map((e) => e.start)), end: Math.max(...edits.map((e) => e.end)), edits });
  }
  return spans.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The fixes of one pass, as ESLint picks them: in order, each that starts after the previous one
 * ends (touching counts as overlapping: two insertions at one place would depend on their order).
 * The rest wait for the next pass, when they are computed again on the new text.
 */
function nonOverlapping(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  let last = -1;
  for (const s of spans) {
    if (s.start <= last) continue;
    out.push(s);
    last = s.end;
  }
  return out;
}

function applySpans(text: string, spans: readonly Span[]): string {
  const edits = spans.flatMap((s) => s.edits).sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** YAML problems of a text as the workspace parses it: a fix may never add one. */
function syntaxProblems(ws: TaxonomyWorkspace, uri: string): number {
  return ws.getFile(uri)?.yaml?.problems.length ?? 0;
}

const spanKey = (s: Span) => JSON.stringify(s.edits);

/**
 * Sets a file's new text, keeping it only if it parses with no more YAML problems than before.
 * Every fix is proved by the edit layer on its own; fixes applied together are checked here once
 * more, and when they fail together they are tried one by one. Returns the spans applied; those
 * that failed are added to `refused`.
 */
function trySpans(ws: TaxonomyWorkspace, uri: string, spans: readonly Span[], refused: Set<string>): number {
  const file = ws.getFile(uri)!;
  const before = file.text;
  const problems = syntaxProblems(ws, uri);
  const attempt = (chosen: readonly Span[]) => {
    ws.setFile(uri, file.relativePath, applySpans(before, chosen));
    if (syntaxProblems(ws, uri) <= problems) return true;
    ws.setFile(uri, file.relativePath, before);
    return false;
  };
  if (attempt(spans)) return spans.length;
  const kept: Span[] = [];
  for (const s of spans) {
    if (attempt([...kept, s])) kept.push(s);
    else refused.add(spanKey(s));
  }
  // The last attempt may have failed and put the text back: apply what passed.
  return kept.length > 0 && attempt(kept) ? kept.length : 0;
}

/**
 * Applies the safe fixes of the files each taxonomy reports on, in memory: pass after pass (at
 * most MAX_FIX_PASSES) until no fix is left to apply, each pass re-checking the files so the next
 * one sees the findings of the fixed text. The workspaces end holding the fixed text and what is
 * left to report. `wanted` narrows the findings fixed (`--quiet` fixes errors only, as ESLint 9
 * does not even run the other rules).
 */
export function fixTaxonomies(taxonomies: readonly LoadedTaxonomy[], wanted: (d: TaxonomyDiagnostic) => boolean = () => true): FixedFile[] {
  const fixed: FixedFile[] = [];
  for (const t of taxonomies) {
    const ws = t.workspace;
    const before = new Map<string, string>();
    // Fixes that failed the parse check, per file, while its text stays the one they failed on.
    const refused = new Map<string, { text: string; keys: Set<string> }>();
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      // Every fix of the pass is read before any file changes, so each is built on the text it was found in.
      const plan: { uri: string; spans: Span[] }[] = [];
      for (const uri of t.inScope) {
        const text = ws.getFile(uri)?.text;
        const r = refused.get(uri);
        const keys = r && r.text === text ? r.keys : undefined;
        const spans = nonOverlapping(spansOf(ws, uri, wanted).filter((s) => !keys?.has(spanKey(s))));
        if (spans.length) plan.push({ uri, spans });
      }
      let applied = 0;
      for (const { uri, spans } of plan) {
        const text = ws.getFile(uri)!.text;
        const r = refused.get(uri);
        const keys = r && r.text === text ? r.keys : new Set<string>();
        const n = trySpans(ws, uri, spans, keys);
        if (keys.size) refused.set(uri, { text, keys });
        if (n > 0 && !before.has(uri)) before.set(uri, text);
        applied += n;
      }
      if (applied === 0) break;
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
      failures.push(`${shown(o.uri)}: not fixed, it cannot be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
    }
  }
  return failures;
}
