import type { TaxonomyDiagnostic, TaxonomyWorkspace, TextEdit } from '../../../server/src/core';
import { baseTaxonomy, lines, memoryWorkspace, uriOf } from '../../support/workspace';

/** A marketing and a CX glossary whose terms are linked both ways with `equivalent`. */
export function glossaries(): Record<string, string> {
  return {
    'marketing.glossary.yaml': lines(
      'kind: glossary',
      'vocabulary: marketing',
      'owner: brand-marketing',
      'terms:',
      '  - id: segment',
      '    term: Segment',
      '    definition: A group of customers reached with one offer.',
      '    aliases: [customer segment]',
      '    avoid: [target group]',
      '    equivalent: persona',
      '    status: approved',
      '  - id: customer-lifecycle',
      '    term: Customer lifecycle',
      '    definition: The stages a customer moves through in the CRM.',
      '    equivalent: customer-journey',
      '    status: approved',
    ),
    'cx.glossary.yaml': lines(
      'kind: glossary',
      'vocabulary: cx',
      'owner: cx-ops',
      'terms:',
      '  - id: persona',
      '    term: Persona',
      '    definition: A portrait of one type of customer.',
      '    avoid: [buyer avatar]',
      '    equivalent: segment',
      '    status: approved',
      '  - id: customer-journey',
      '    term: Customer journey',
      '    definition: Everything a customer goes through to get one thing done.',
      '    avoid: [customer path]',
      '    equivalent: customer-lifecycle',
      '    status: approved',
    ),
  };
}

/** The base taxonomy plus the two glossaries, with some files replaced or added. */
export function taxonomy(changes: Record<string, string> = {}, config?: string): TaxonomyWorkspace {
  return memoryWorkspace({ ...baseTaxonomy(), ...glossaries(), ...changes }, config);
}

/** The text of a diagnostic's range in its file. */
export function textOf(ws: TaxonomyWorkspace, path: string, d: Pick<TaxonomyDiagnostic, 'range'>): string {
  const file = ws.getFile(uriOf(path))!;
  return file.text.slice(file.lines.offsetAt(d.range.start), file.lines.offsetAt(d.range.end));
}

/** Applies edits (to any files of the workspace), re-checks, and returns the new texts by path. */
export function applyEdits(ws: TaxonomyWorkspace, edits: readonly TextEdit[]): Record<string, string> {
  const byUri = new Map<string, TextEdit[]>();
  for (const e of edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
  const out: Record<string, string> = {};
  for (const [uri, list] of byUri) {
    const file = ws.getFile(uri)!;
    let text = file.text;
    const sorted = [...list].sort((a, b) => file.lines.offsetAt(b.range.start) - file.lines.offsetAt(a.range.start));
    for (const e of sorted)
      text =
        text.slice(0, file.lines.offsetAt(e.range.start)) + e.newText + text.slice(file.lines.offsetAt(e.range.end));
    ws.setFile(uri, file.relativePath, text);
    out[file.relativePath] = text;
  }
  ws.flush();
  return out;
}
