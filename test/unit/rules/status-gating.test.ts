import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { taxonomy, textOf } from '../terms/support';

/** The base KPI with a status. */
const kpi = (status: string) =>
  lines(
    'kind: kpi',
    'id: nps',
    'name: Net Promoter Score',
    'owner: cx-ops',
    'direction: increase',
    `status: ${status}`,
  );

/** The base journey with a status, and optionally one on its touchpoint. */
const journey = (status: string, touchpointStatus?: string) =>
  lines(
    'kind: journey',
    'id: onboarding',
    'name: Onboarding',
    'persona: busy-parent',
    'owner: cx-ops',
    `status: ${status}`,
    'stages:',
    '  - id: welcome',
    '    name: Welcome',
    '    lifecycleStage: onboarding',
    '    touchpoints:',
    '      - id: welcome-email',
    '        name: Welcome email',
    '        channel: email',
    '        owner: cx-ops',
    ...(touchpointStatus ? [`        status: ${touchpointStatus}`] : []),
    '        kpis: [nps]',
  );

/** A shared glossary with one term of the given status. */
const glossary = (status: string, extra: string[] = []) =>
  lines(
    'kind: glossary',
    'vocabulary: shared',
    'terms:',
    '  - id: intent-signal',
    '    term: Intent signal',
    '    definition: Something a prospect does before buying.',
    '    aliases: [buying signal]',
    `    status: ${status}`,
    ...extra,
  );

/** The base persona, approved, with a description. */
const persona = (description: string, status = 'approved') =>
  lines(
    'kind: persona',
    'id: busy-parent',
    'name: Busy Parent',
    'owner: cx-ops',
    'segments: [families]',
    `status: ${status}`,
    `description: ${description}`,
  );

describe('rule status-gating', () => {
  it('reports an approved journey measuring a draft KPI, at the id', () => {
    const ws = taxonomy({ 'k.kpi.yaml': kpi('draft'), 'j.journey.yaml': journey('approved') });
    const [d, ...rest] = diagnosticsOf(ws, 'j.journey.yaml', 'status-gating');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.range, { start: { line: 15, character: 15 }, end: { line: 15, character: 18 } });
    assert.equal(
      d.message,
      'This approved journey refers to `nps` ("Net Promoter Score"), a KPI still in draft. Approve it first, or refer to an approved KPI.',
    );
    assert.equal(d.related?.[0].location.uri, uriOf('k.kpi.yaml'));
    assert.equal(d.fixes, undefined);
  });

  it("reads the status where the reference is written: a touchpoint's own, else its journey's", () => {
    const own = taxonomy({ 'k.kpi.yaml': kpi('draft'), 'j.journey.yaml': journey('draft', 'approved') });
    assert.match(diagnosticsOf(own, 'j.journey.yaml', 'status-gating')[0].message, /^This approved touchpoint /);
    const draftTouchpoint = taxonomy({ 'k.kpi.yaml': kpi('draft'), 'j.journey.yaml': journey('approved', 'draft') });
    assert.deepEqual(summary(draftTouchpoint, 'status-gating'), []);
  });

  it('is quiet for drafts referring to drafts, approved entities referring to approved ones, and unwritten statuses', () => {
    for (const [k, j] of [
      ['draft', 'draft'],
      ['approved', 'approved'],
      ['deprecated', 'approved'],
    ]) {
      const ws = taxonomy({ 'k.kpi.yaml': kpi(k), 'j.journey.yaml': journey(j) });
      assert.deepEqual(summary(ws, 'status-gating'), [], `${k} KPI in a ${j} journey`);
    }
    assert.deepEqual(summary(taxonomy({ 'k.kpi.yaml': kpi('draft') }), 'status-gating'), []);
  });

  it('reports the label of a draft term in the free text of an approved entity, at the words', () => {
    const ws = taxonomy({
      'sales.glossary.yaml': glossary('draft'),
      'p.persona.yaml': persona('Reacts to buying signals within a day.'),
    });
    const [d, ...rest] = diagnosticsOf(ws, 'p.persona.yaml', 'status-gating');
    assert.equal(rest.length, 0);
    assert.equal(textOf(ws, 'p.persona.yaml', d), 'buying signals');
    assert.equal(
      d.message,
      'This approved persona uses "buying signals", a label of the glossary term `intent-signal`, still in draft. Approve the term first, or reword.',
    );
    assert.equal(d.related?.[0].location.uri, uriOf('sales.glossary.yaml'));
  });

  it('is quiet for a draft label in a draft entity, in Markdown, or accepted by an approved term too', () => {
    const text = 'Reacts to buying signals within a day.';
    assert.deepEqual(
      summary(
        taxonomy({ 'sales.glossary.yaml': glossary('draft'), 'p.persona.yaml': persona(text, 'draft') }),
        'status-gating',
      ),
      [],
    );
    assert.deepEqual(
      summary(
        taxonomy({ 'sales.glossary.yaml': glossary('draft'), 'docs/notes.md': `# Notes\n\n${text}\n` }),
        'status-gating',
      ),
      [],
    );
    const alsoApproved = glossary('draft', [
      '  - id: purchase-signal',
      '    term: Buying signal',
      '    definition: A sign that a customer will buy.',
      '    status: approved',
    ]);
    const ws = taxonomy({ 'sales.glossary.yaml': alsoApproved, 'p.persona.yaml': persona(text) });
    assert.deepEqual(summary(ws, 'status-gating'), []);
  });

  it("reports an approved term's link to a draft term", () => {
    const g = glossary('draft', [
      '  - id: lead-routing',
      '    term: Lead routing',
      '    definition: How leads reach sales.',
      '    related: [intent-signal]',
      '    status: approved',
    ]);
    const ws = taxonomy({ 'sales.glossary.yaml': g });
    assert.deepEqual(summary(ws, 'status-gating'), ['sales.glossary.yaml:12 status-gating']);
  });

  it('follows edits: approving the term in its glossary clears the persona', () => {
    const ws = taxonomy({
      'sales.glossary.yaml': glossary('draft'),
      'p.persona.yaml': persona('Reacts to a buying signal.'),
    });
    assert.deepEqual(summary(ws, 'status-gating'), ['p.persona.yaml:7 status-gating']);
    ws.setFile(uriOf('sales.glossary.yaml'), 'sales.glossary.yaml', glossary('approved'));
    assert.ok(ws.pending().has(uriOf('p.persona.yaml')));
    ws.flush();
    assert.deepEqual(summary(ws, 'status-gating'), []);
  });
});
