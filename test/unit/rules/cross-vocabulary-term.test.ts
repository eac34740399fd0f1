import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { applyEdits, taxonomy, textOf } from '../terms/support';

const persona = (description: string, owner = 'cx-ops') =>
  lines(
    'kind: persona',
    'id: busy-parent',
    'name: Busy Parent',
    `owner: ${owner}`,
    'segments: [families]',
    `description: ${description}`,
  );

describe('rule cross-vocabulary-term', () => {
  it("hints at the other vocabulary's word in a file owned by a CX team, with a fix to its own word", () => {
    const ws = taxonomy({ 'p.persona.yaml': persona('Typical of the families segment.') });
    const [d, ...rest] = diagnosticsOf(ws, 'p.persona.yaml', 'cross-vocabulary-term');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'hint');
    assert.equal(textOf(ws, 'p.persona.yaml', d), 'segment');
    assert.equal(
      d.message,
      '"segment" is the marketing word (term `segment`). This file is owned by CX Operations, a CX team; its word for it is "Persona".',
    );
    const after = applyEdits(ws, d.fixes![0].edits);
    assert.match(after['p.persona.yaml'], /Typical of the families persona\./);
    assert.deepEqual(summary(ws, 'cross-vocabulary-term'), []);
  });

  it('keeps the number and case, and works for aliases and multi-word terms', () => {
    const ws = taxonomy({ 'p.persona.yaml': persona('Customer Segments along the customer lifecycle.') });
    const ds = diagnosticsOf(ws, 'p.persona.yaml', 'cross-vocabulary-term');
    assert.deepEqual(
      ds.map((d) => [textOf(ws, 'p.persona.yaml', d), d.fixes?.[0].edits[0].newText]),
      [
        ['Customer Segments', 'Personas'],
        ['customer lifecycle', 'customer journey'],
      ],
    );
  });

  it('hints the reverse way in a file owned by a marketing team', () => {
    const ws = taxonomy({
      's.segment.yaml': lines(
        'kind: segment',
        'id: families',
        'name: Families',
        'owner: brand-marketing',
        'personas: [busy-parent]',
        'criteria: [Matches the busy parent persona]',
      ),
    });
    assert.deepEqual(
      diagnosticsOf(ws, 's.segment.yaml', 'cross-vocabulary-term').map((d) => d.fixes?.[0].edits[0].newText),
      ['segment'],
    );
  });

  it("is quiet for the file's own words, words without an equivalent, and unknown owners", () => {
    assert.deepEqual(
      summary(taxonomy({ 'p.persona.yaml': persona('A persona on a customer journey.') }), 'cross-vocabulary-term'),
      [],
    );
    assert.deepEqual(
      summary(taxonomy({ 'p.persona.yaml': persona('A segment.', 'sales-team') }), 'cross-vocabulary-term'),
      [],
    );
    assert.deepEqual(
      summary(taxonomy({ 'p.persona.yaml': persona('A segment.', 'nobody') }), 'cross-vocabulary-term'),
      [],
    );
  });

  it("uses a KPI's declared vocabulary over its owner's function", () => {
    const kpi = (vocabulary: string) =>
      lines(
        'kind: kpi',
        'id: nps',
        'name: Net Promoter Score',
        'owner: brand-marketing',
        `vocabulary: ${vocabulary}`,
        'definition: Asked of each persona.',
      );
    assert.deepEqual(summary(taxonomy({ 'k.kpi.yaml': kpi('shared') }), 'cross-vocabulary-term'), []);
    assert.deepEqual(summary(taxonomy({ 'k.kpi.yaml': kpi('marketing') }), 'cross-vocabulary-term'), [
      'k.kpi.yaml:6 cross-vocabulary-term',
    ]);
  });

  it("re-checks the file when its owner's function changes", () => {
    const ws = taxonomy({ 'p.persona.yaml': persona('The families segment.') });
    assert.equal(diagnosticsOf(ws, 'p.persona.yaml', 'cross-vocabulary-term').length, 1);
    const teams = ws.getFile(uriOf('org.teams.yaml'))!;
    ws.setFile(teams.uri, teams.relativePath, teams.text.replace('function: cx', 'function: marketing'));
    ws.flush();
    assert.deepEqual(summary(ws, 'cross-vocabulary-term'), []);
  });
});
