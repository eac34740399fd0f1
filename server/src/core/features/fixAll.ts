/**
 * Fixes applied together to one file: the editor's "fix all" (`source.fixAll.cxTaxonomy`, run on
 * save) and "Fix all `<rule>` problems in this file". One pass over the file's current findings,
 * as ESLint's fix-all code action does: the edits are computed on the text the editor holds, so a
 * fix that another fix's edit would move waits for the next save. The CLI's `lint --fix` applies
 * the same choice pass after pass (server/src/cli/fix.ts).
 */
import { parseYaml } from '../yaml';
import { ALL_RULES } from '../rules/registry';
import type { TaxonomyFile } from '../taxonomyFile';
import type { Fix, TaxonomyDiagnostic, TextEdit } from '../types';
import type { TaxonomyWorkspace } from '../workspace';

/** The rules whose preferred fix needs no choice from a person (`Rule.fixable`), in registry order; the CLI's `--fix` applies the same. */
export const SAFE_FIX_RULE_IDS: ReadonlySet<string> = new Set(
  ALL_RULES.filter((r) => r.fixable === 'safe').map((r) => r.id),
);

/**
 * The one fix of a finding that may be applied without asking: its preferred fix when it has
 * exactly one (or its only fix when none is marked), built by the edit layer (a refused fix has
 * no edits) and editing the file `uri` only. Undefined otherwise.
 */
function soleFixOf(d: TaxonomyDiagnostic, uri: string): Fix | undefined {
  const fixes = d.fixes ?? [];
  const preferred = fixes.filter((f) => f.isPreferred);
  const fix =
    preferred.length === 1 ? preferred[0] : preferred.length === 0 && fixes.length === 1 ? fixes[0] : undefined;
  if (!fix) return undefined;
  // A fix restored from the CLI's cache has no edits to read.
  const edits = Array.isArray(fix.edits) ? fix.edits : [];
  if (edits.length === 0 || edits.some((e) => e.uri !== uri)) return undefined;
  return fix;
}

/** The fix `lint --fix` and fix-all apply to a finding: a safely fixable rule's one preferred fix, in this file. */
export function safeFixOf(d: TaxonomyDiagnostic, uri: string): Fix | undefined {
  if (!SAFE_FIX_RULE_IDS.has(d.ruleId)) return undefined;
  if ((d.fixes ?? []).filter((f) => f.isPreferred).length !== 1) return undefined;
  return soleFixOf(d, uri);
}

interface Span {
  start: number;
  end: number;
  fix: Fix;
}

/** Which of a text's fixes are applied together (see `chooseFixes`). */
export interface ChosenFixes {
  /** Applied: they neither overlap nor, together, add a YAML problem. */
  applied: Fix[];
  /** Left out because the text would not parse with them: they stay out while the text is the same. */
  refused: Fix[];
}

/**
 * The fixes that can be applied together to one text: in order of position, each one that starts
 * after the previous one ends (touching counts as overlapping: two insertions at one place would
 * depend on their order); the others wait for a text where they no longer overlap, neither applied
 * nor refused. Then the text with all of them must parse with no more YAML problems than before
 * (each fix was proved alone by the edit layer; this proves them together); when it does not, they
 * are taken one by one and each is kept only if the text still parses. A Markdown file has no YAML
 * to check.
 */
export function chooseFixes(file: TaxonomyFile, fixes: readonly Fix[]): ChosenFixes {
  const spans: Span[] = fixes
    .map((fix) => {
      const offsets = fix.edits.map((e) => [file.lines.offsetAt(e.range.start), file.lines.offsetAt(e.range.end)]);
      return { start: Math.min(...offsets.map((o) => o[0])), end: Math.max(...offsets.map((o) => o[1])), fix };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const chosen: Fix[] = [];
  let last = -1;
  for (const s of spans) {
    if (s.start <= last) continue;
    chosen.push(s.fix);
    last = s.end;
  }
  if (chosen.length === 0 || file.kind === 'markdown') return { applied: chosen, refused: [] };
  const before = parseYaml(file.text).problems.length;
  const parses = (list: readonly Fix[]) =>
    parseYaml(
      applyTextEdits(
        file,
        list.flatMap((f) => f.edits),
      ),
    ).problems.length <= before;
  if (parses(chosen)) return { applied: chosen, refused: [] };
  const applied: Fix[] = [];
  const refused: Fix[] = [];
  for (const fix of chosen) {
    if (parses([...applied, fix])) applied.push(fix);
    else refused.push(fix);
  }
  return { applied, refused };
}

/** The edits of the fixes that can be applied together to one text (see `chooseFixes`). */
export function combineFixes(file: TaxonomyFile, fixes: readonly Fix[]): TextEdit[] {
  return chooseFixes(file, fixes).applied.flatMap((f) => f.edits);
}

/** A file's text with non-overlapping edits applied. */
export function applyTextEdits(file: TaxonomyFile, edits: readonly TextEdit[]): string {
  const offsets = edits
    .map((e) => ({
      start: file.lines.offsetAt(e.range.start),
      end: file.lines.offsetAt(e.range.end),
      newText: e.newText,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = file.text;
  for (const e of offsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * The edits of "fix all" for a file: every safe fix of its current findings (see `safeFixOf`)
 * that can be applied together. `wanted` narrows the findings (the editor leaves out cross-file
 * findings while the taxonomy is still being indexed).
 */
export function fixAllEdits(
  workspace: TaxonomyWorkspace,
  file: TaxonomyFile,
  wanted: (d: TaxonomyDiagnostic) => boolean = () => true,
): TextEdit[] {
  return combineFixes(file, safeFixes(workspace, file.uri, wanted));
}

/** The safe fix (see `safeFixOf`) of each current finding of a file that `wanted` keeps, overlapping or not. */
export function safeFixes(
  workspace: TaxonomyWorkspace,
  uri: string,
  wanted: (d: TaxonomyDiagnostic) => boolean = () => true,
): Fix[] {
  const fixes: Fix[] = [];
  for (const d of workspace.diagnostics(uri)) {
    if (!wanted(d)) continue;
    const fix = safeFixOf(d, uri);
    if (fix) fixes.push(fix);
  }
  return fixes;
}

/**
 * The findings of one rule in a file that "Fix all `<rule>` problems" would fix: those with one
 * fix to apply without choosing (see `soleFixOf`), whatever the rule. The action is offered when
 * there are two or more.
 */
export function ruleFixes(
  workspace: TaxonomyWorkspace,
  file: TaxonomyFile,
  ruleId: string,
  wanted: (d: TaxonomyDiagnostic) => boolean = () => true,
): Fix[] {
  const out: Fix[] = [];
  for (const d of workspace.diagnostics(file.uri)) {
    if (d.ruleId !== ruleId || !wanted(d)) continue;
    const fix = soleFixOf(d, file.uri);
    if (fix) out.push(fix);
  }
  return out;
}
