import type { TaxonomyWorkspace } from '../workspace';
import type { Range, TaxonomyDiagnostic, TextEdit } from '../types';

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
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

/**
 * The quick fixes for the diagnostics an editor shows at a range. Fixes are not computed here:
 * each rule recorded them with its diagnostic when the file was checked (as vscode-eslint
 * does), so this only looks them up. Only diagnostics that still exist with the same rule, range
 * and message are answered, so a fix computed for an older text is never offered. A fix the
 * edit layer refuses (it could not write it safely) is left out.
 */
export function quickFixes(workspace: TaxonomyWorkspace, uri: string, range: Range, shown: readonly DiagnosticRef[]): QuickFix[] {
  const current = workspace.diagnostics(uri).filter((d) => d.fixes && d.fixes.length);
  const wanted = shown.length
    ? current.filter((d) => shown.some((s) => s.ruleId === d.ruleId && sameRange(s.range, d.range) && (s.message === undefined || s.message === d.message)))
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
