import * as assert from 'node:assert/strict';
import { safeFixes } from '../../../server/src/core/features';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { applyEdits, taxonomy, textOf } from '../terms/support';

/** A glossary retiring "hot lead" (status `status`, replaced or not by `sales-ready-lead`). */
const glossary = (status: string, replacedBy?: string, extra: string[] = []) =>
  lines(
    'kind: glossary',
    'vocabulary: shared',
    'terms:',
    '  - id: hot-lead',
    '    term: Hot lead',
    '    definition: A lead a salesperson felt was close to buying; each hot lead was routed by hand.',
    '    aliases: [warm prospect]',
    `    status: ${status}`,
    ...(replacedBy ? [`    replacedBy: ${replacedBy}`] : []),
    '  - id: sales-ready-lead',
    '    term: Sales-ready lead',
    '    definition: A prospect who asked to be called. Formerly called hot lead.',
    '    status: approved',
    ...extra,
  );

const persona = (description: string) =>
  lines(
    'kind: persona',
    'id: busy-parent',
    'name: Busy Parent',
    'owner: cx-ops',
    'segments: [families]',
    `description: ${description}`,
  );

describe('rule deprecated-term: labels of deprecated terms', () => {
  it("reports the term and its aliases in free text, suggesting the replacement's label with a safe fix", () => {
    const ws = taxonomy({
      'sales.glossary.yaml': glossary('deprecated', 'sales-ready-lead'),
      'p.persona.yaml': persona('Turns into a Hot Lead or warm prospects after one call.'),
    });
    const ds = diagnosticsOf(ws, 'p.persona.yaml', 'deprecated-term');
    assert.deepEqual(
      ds.map((d) => textOf(ws, 'p.persona.yaml', d)),
      ['Hot Lead', 'warm prospects'],
    );
    assert.equal(ds[0].severity, 'warning');
    assert.equal(ds[0].deprecated, true);
    assert.equal(
      ds[0].message,
      'Avoid "Hot Lead": it is a label of the deprecated term `hot-lead`. Write "Sales-ready lead" (term `sales-ready-lead`) instead.',
    );
    assert.deepEqual(
      ds.map((d) => d.fixes?.[0].title),
      ['Replace with "Sales-Ready Lead"', 'Replace with "sales-ready leads"'],
    );
    const after = applyEdits(
      ws,
      safeFixes(ws, uriOf('p.persona.yaml')).flatMap((f) => f.edits),
    );
    assert.match(after['p.persona.yaml'], /Turns into a Sales-Ready Lead or sales-ready leads after one call\./);
    assert.deepEqual(summary(ws, 'deprecated-term'), []);
  });

  it('names no replacement, and offers no fix, when the deprecated term has no replacedBy', () => {
    const ws = taxonomy({ 'sales.glossary.yaml': glossary('deprecated'), 'p.persona.yaml': persona('A hot lead.') });
    const [d] = diagnosticsOf(ws, 'p.persona.yaml', 'deprecated-term');
    assert.equal(
      d.message,
      'Avoid "hot lead": it is a label of the deprecated term `hot-lead`, which names no replacement (`replacedBy`). Reword it.',
    );
    assert.equal(d.fixes, undefined);
  });

  it('reports in Markdown docs and in other terms, but not in its own entry or that of its replacement', () => {
    const g = glossary('deprecated', 'sales-ready-lead', [
      '  - id: lead-routing',
      '    term: Lead routing',
      '    definition: How each hot lead reaches a salesperson.',
    ]);
    const ws = taxonomy({ 'sales.glossary.yaml': g, 'docs/notes.md': '# Notes\n\nCall every hot lead.\n' });
    assert.deepEqual(summary(ws, 'deprecated-term'), [
      'docs/notes.md:3 deprecated-term',
      'sales.glossary.yaml:16 deprecated-term',
    ]);
  });

  it('is quiet for terms in use, and for a label another term in use accepts', () => {
    for (const status of ['approved', 'draft']) {
      const ws = taxonomy({ 'sales.glossary.yaml': glossary(status), 'p.persona.yaml': persona('A hot lead.') });
      assert.deepEqual(summary(ws, 'deprecated-term'), [], status);
    }
    const shared = glossary('deprecated', 'sales-ready-lead', [
      '  - id: lead-temperature',
      '    term: Lead temperature',
      '    definition: How close a lead is to buying.',
      '    aliases: [hot lead]',
    ]);
    const ws = taxonomy({ 'sales.glossary.yaml': shared, 'p.persona.yaml': persona('A hot lead.') });
    assert.deepEqual(summary(ws, 'deprecated-term'), []);
  });

  it('follows glossary edits: deprecating the term, then naming its replacement, re-checks the files using it', () => {
    const ws = taxonomy({ 'sales.glossary.yaml': glossary('approved'), 'p.persona.yaml': persona('A hot lead.') });
    assert.deepEqual(summary(ws, 'deprecated-term'), []);
    ws.setFile(uriOf('sales.glossary.yaml'), 'sales.glossary.yaml', glossary('deprecated'));
    assert.ok(ws.pending().has(uriOf('p.persona.yaml')));
    ws.flush();
    assert.equal(diagnosticsOf(ws, 'p.persona.yaml', 'deprecated-term')[0].fixes, undefined);
    ws.setFile(uriOf('sales.glossary.yaml'), 'sales.glossary.yaml', glossary('deprecated', 'sales-ready-lead'));
    assert.ok(ws.pending().has(uriOf('p.persona.yaml')));
    ws.flush();
    assert.equal(
      diagnosticsOf(ws, 'p.persona.yaml', 'deprecated-term')[0].fixes?.[0].title,
      'Replace with "sales-ready lead"',
    );
  });
});
