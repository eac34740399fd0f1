import * as assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { LineIndex, type TaxonomyDiagnostic, type TaxonomyWorkspace, type TextEdit } from '../../../server/src/core';
import { quickFixes, type QuickFix } from '../../../server/src/core/features';
import { uriOf } from '../../support/workspace';

/** Applies one file's edits (LSP ranges) to its text, last first, the way an editor does. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const li = new LineIndex(text);
  const byOffset = edits
    .map((e) => ({ start: li.offsetAt(e.range.start), end: li.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  for (let k = 1; k < byOffset.length; k++) assert.ok(byOffset[k].end <= byOffset[k - 1].start, 'edits overlap');
  let out = text;
  for (const e of byOffset) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The quick fixes an editor is offered for each diagnostic of a rule in a file. */
export function offered(
  ws: TaxonomyWorkspace,
  path: string,
  ruleId: string,
): { diagnostic: TaxonomyDiagnostic; fixes: QuickFix[] }[] {
  const uri = uriOf(path);
  return ws
    .diagnostics(uri)
    .filter((d) => d.ruleId === ruleId)
    .map((d) => ({
      diagnostic: d,
      fixes: quickFixes(ws, uri, d.range, [{ ruleId: d.ruleId, range: d.range, message: d.message }]),
    }));
}

/** Applies edits to the workspace's files, re-checks, and returns the new texts by relative path. */
export function applyToWorkspace(ws: TaxonomyWorkspace, edits: readonly TextEdit[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const uri of new Set(edits.map((e) => e.uri))) {
    const file = ws.getFile(uri)!;
    const text = applyTextEdits(
      file.text,
      edits.filter((e) => e.uri === uri),
    );
    ws.setFile(uri, file.relativePath, text);
    out[file.relativePath] = text;
  }
  ws.flush();
  return out;
}

/** The plain values of every document of a YAML text, asserting that it parses without errors. */
export function readYaml(text: string): unknown[] {
  const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list)
    assert.deepEqual(
      d.errors.map((e) => e.message),
      [],
      `does not parse:\n${text}`,
    );
  return list.map((d) => d.toJS());
}
