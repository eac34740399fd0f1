import type { TaxonomyFile } from '../taxonomyFile';
import type { TaxonomyWorkspace } from '../workspace';
import type { Range, TaxonomyDiagnostic, TextEdit } from '../types';
import { disableEdits } from './disable';
import { combineFixes, ruleFixes } from './fixAll';

/** How an editor names a diagnostic it asks fixes for: its rule, its range and its message. */
export interface DiagnosticRef {
  ruleId: string;
  range: Range;
  message?: string;
}

/** A quick fix for one diagnostic. */
export interface QuickFix {
  title: string;
  isPreferred?: boolean;
  edits: TextEdit[];
  /** The diagnostic the fix resolves. */
  diagnostic: TaxonomyDiagnostic;
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) =>
    p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

/**
 * The quick fixes for the diagnostics an editor shows at a range. Fixes are not computed here:
 * each rule recorded them with its diagnostic when the file was checked (as vscode-eslint
 * does), so this only looks them up. Only diagnostics that still exist with the same rule, range
 * and message are answered, so a fix computed for an older text is never offered. A fix the
 * edit layer refuses (it could not write it safely) is left out.
 */
export function quickFixes(
  workspace: TaxonomyWorkspace,
  uri: string,
  range: Range,
  shown: readonly DiagnosticRef[],
): QuickFix[] {
  const current = workspace.diagnostics(uri).filter((d) => d.fixes && d.fixes.length);
  const wanted = shown.length
    ? current.filter((d) =>
        shown.some(
          (s) =>
            s.ruleId === d.ruleId &&
            sameRange(s.range, d.range) &&
            (s.message === undefined || s.message === d.message),
        ),
      )
    : current.filter((d) => overlaps(d.range, range));
  const out: QuickFix[] = [];
  for (const d of wanted) {
    for (const f of d.fixes ?? []) {
      // Edits are built (and proved) when first read; one the edit layer refused is not offered.
      const edits = f.edits;
      if (edits.length > 0) out.push({ title: f.title, isPreferred: f.isPreferred, edits, diagnostic: d });
    }
  }
  return out;
}

/**
 * The diagnostics an editor asks actions for: those it names that the current check still
 * reports (same rule, range and message), or, when it names none, those overlapping `range`.
 */
function diagnosticsAt(
  workspace: TaxonomyWorkspace,
  uri: string,
  range: Range,
  shown: readonly DiagnosticRef[],
): TaxonomyDiagnostic[] {
  const current = workspace.diagnostics(uri);
  return shown.length
    ? current.filter((d) =>
        shown.some(
          (s) =>
            s.ruleId === d.ruleId &&
            sameRange(s.range, d.range) &&
            (s.message === undefined || s.message === d.message),
        ),
      )
    : current.filter((d) => overlaps(d.range, range));
}

/** One code action, in the core's words; the LSP layer adds the kind's name and the command. */
export interface EditorAction {
  title: string;
  /** `quickfix` for everything answered about a diagnostic; `docs` opens a rule's page (no edits). */
  kind: 'quickfix' | 'docs';
  isPreferred?: boolean;
  edits: TextEdit[];
  /** The diagnostics the action is about. */
  diagnostics: TaxonomyDiagnostic[];
  /** The reason to select once the first edit is applied (offsets into its newText). */
  reason?: { start: number; end: number };
  /** The rule whose documentation a `docs` action opens. */
  ruleId?: string;
}

/**
 * Every action for the diagnostics at a range, in the order an editor lists them (as
 * vscode-eslint does): each diagnostic's own fixes; "Fix all `<rule>` problems in this file" when
 * two or more of that rule's findings have one fix to apply; then per rule the comments that
 * silence it for the line and for the file, and its documentation. `wanted` leaves out
 * diagnostics the editor does not show yet (cross-file ones while indexing).
 */
export function editorActions(
  workspace: TaxonomyWorkspace,
  file: TaxonomyFile,
  range: Range,
  shown: readonly DiagnosticRef[],
  wanted: (d: TaxonomyDiagnostic) => boolean = () => true,
): EditorAction[] {
  const at = diagnosticsAt(workspace, file.uri, range, shown).filter(wanted);
  const out: EditorAction[] = [];
  for (const fix of quickFixes(workspace, file.uri, range, shown)) {
    if (!wanted(fix.diagnostic)) continue;
    out.push({
      title: fix.title,
      kind: 'quickfix',
      isPreferred: fix.isPreferred,
      edits: fix.edits,
      diagnostics: [fix.diagnostic],
    });
  }
  const rules = [...new Set(at.map((d) => d.ruleId))];
  for (const ruleId of rules) {
    if (!out.some((a) => a.diagnostics.some((d) => d.ruleId === ruleId))) continue;
    const fixes = ruleFixes(workspace, file, ruleId, wanted);
    if (fixes.length < 2) continue;
    const edits = combineFixes(file, fixes);
    if (edits.length === 0) continue;
    out.push({
      title: `Fix all \`${ruleId}\` problems in this file`,
      kind: 'quickfix',
      edits,
      diagnostics: at.filter((d) => d.ruleId === ruleId),
    });
  }
  for (const ruleId of rules) {
    const mine = at.filter((d) => d.ruleId === ruleId);
    const lines = [...new Set(mine.map((d) => d.range.start.line))];
    // One "for this line" action per line the rule's findings start on; "for this file" once.
    lines.forEach((line, i) => {
      for (const e of disableEdits(file, ruleId, line)) {
        const forFile = e.title.endsWith('this file');
        if (i > 0 && forFile) continue;
        const title = lines.length > 1 && !forFile ? `${e.title} (line ${line + 1})` : e.title;
        out.push({
          title,
          kind: 'quickfix',
          edits: [e.edit],
          diagnostics: forFile ? mine : mine.filter((d) => d.range.start.line === line),
          reason: e.reason,
        });
      }
    });
    out.push({ title: `Show documentation for \`${ruleId}\``, kind: 'docs', edits: [], diagnostics: mine, ruleId });
  }
  return out;
}
