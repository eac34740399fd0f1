import * as assert from 'node:assert/strict';
import { safeFixes } from '../../../server/src/core/features';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { applyEdits, taxonomy, textOf } from '../terms/support';

/** A second KPI, deprecated (or not) and replaced (or not) by `nps`. */
const oldKpi = (status: string, replacedBy?: string) =>
  lines(
    'kind: kpi',
    'id: csat',
    'name: Customer satisfaction',
    'owner: cx-ops',
    `status: ${status}`,
    ...(replacedBy ? [`replacedBy: ${replacedBy}`] : []),
  );

/** The base journey with its touchpoint measured by `kpis` and, optionally, a touchpoint status. */
const journey = (kpis: string, touchpointStatus?: string) =>
  lines(
    'kind: journey',
    'id: onboarding',
    'name: Onboarding',
    'persona: busy-parent',
    'owner: cx-ops',
    'status: approved',
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
    `        kpis: ${kpis}`,
  );

describe('rule deprecated-reference', () => {
  it('reports a reference to a deprecated KPI at the id, with a safe fix writing its replacedBy', () => {
    const ws = taxonomy({ 'csat.kpi.yaml': oldKpi('deprecated', 'nps'), 'j.journey.yaml': journey('[csat]') });
    const [d, ...rest] = diagnosticsOf(ws, 'j.journey.yaml', 'deprecated-reference');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'warning');
    assert.equal(d.deprecated, true);
    assert.equal(textOf(ws, 'j.journey.yaml', d), 'csat');
    assert.deepEqual(d.range, { start: { line: 15, character: 15 }, end: { line: 15, character: 19 } });
    assert.equal(
      d.message,
      '`csat` ("Customer satisfaction") is a deprecated KPI, replaced by `nps` ("Net Promoter Score"). Refer to `nps` instead.',
    );
    assert.equal(d.related?.[0].location.uri, uriOf('csat.kpi.yaml'));
    assert.equal(d.fixes?.[0].title, 'Replace with `nps`');
    // The fix `lint --fix` and fix all apply: the rule's one preferred fix.
    const [safe] = safeFixes(ws, uriOf('j.journey.yaml'));
    assert.equal(safe, d.fixes?.[0]);
    const after = applyEdits(ws, safe.edits);
    assert.match(after['j.journey.yaml'], /^ {8}kpis: \[nps\]$/m);
    assert.deepEqual(summary(ws, 'deprecated-reference'), []);
  });

  it('reports every kind of reference: a persona listing a deprecated segment', () => {
    const segment = lines(
      'kind: segment',
      'id: families',
      'name: Families',
      'owner: brand-marketing',
      'personas: [busy-parent]',
      'status: deprecated',
    );
    const ws = taxonomy({ 's.segment.yaml': segment });
    const [d] = diagnosticsOf(ws, 'p.persona.yaml', 'deprecated-reference');
    assert.equal(textOf(ws, 'p.persona.yaml', d), 'families');
    assert.equal(
      d.message,
      '`families` ("Families") is a deprecated segment that names no replacement (`replacedBy`). Refer to a current segment, or remove the reference.',
    );
    assert.equal(d.fixes, undefined);
  });

  it('offers no fix when the list already names the replacement, or the replacement is not defined', () => {
    const listed = taxonomy({ 'csat.kpi.yaml': oldKpi('deprecated', 'nps'), 'j.journey.yaml': journey('[nps, csat]') });
    const [a] = diagnosticsOf(listed, 'j.journey.yaml', 'deprecated-reference');
    assert.match(
      a.message,
      /replaced by `nps` \("Net Promoter Score"\), which this list already names\. Remove `csat`\.$/,
    );
    assert.equal(a.fixes, undefined);
    const missing = taxonomy({ 'csat.kpi.yaml': oldKpi('deprecated', 'ces'), 'j.journey.yaml': journey('[csat]') });
    const [b] = diagnosticsOf(missing, 'j.journey.yaml', 'deprecated-reference');
    assert.match(b.message, /replaced by `ces`, which nothing defines yet\.$/);
    assert.equal(b.fixes, undefined);
  });

  it('is quiet for live entities, and for references a deprecated entity writes', () => {
    for (const status of ['approved', 'draft']) {
      const ws = taxonomy({ 'csat.kpi.yaml': oldKpi(status, 'nps'), 'j.journey.yaml': journey('[csat]') });
      assert.deepEqual(summary(ws, 'deprecated-reference'), [], status);
    }
    // A deprecated touchpoint keeps its deprecated KPI: they retire together.
    const ws = taxonomy({
      'csat.kpi.yaml': oldKpi('deprecated', 'nps'),
      'j.journey.yaml': journey('[csat]', 'deprecated'),
    });
    assert.deepEqual(summary(ws, 'deprecated-reference'), []);
  });

  it("reports a deprecated entity's replacedBy naming another deprecated entity", () => {
    const older = lines('kind: kpi', 'id: tnps', 'name: Transactional NPS', 'owner: cx-ops', 'status: deprecated');
    const ws = taxonomy({ 'csat.kpi.yaml': oldKpi('deprecated', 'tnps'), 'tnps.kpi.yaml': older });
    assert.deepEqual(summary(ws, 'deprecated-reference'), ['csat.kpi.yaml:6 deprecated-reference']);
  });

  it("leaves an approved term's links to deprecated-link, and reports a draft term's", () => {
    const glossary = (status: string) =>
      lines(
        'kind: glossary',
        'vocabulary: marketing',
        'terms:',
        '  - id: funnel',
        '    term: Funnel',
        '    definition: The old model.',
        '    status: deprecated',
        '    replacedBy: lifecycle',
        '  - id: lifecycle',
        '    term: Lifecycle',
        '    definition: The new model.',
        '  - id: stage-model',
        '    term: Stage model',
        '    definition: How stages are drawn.',
        `    status: ${status}`,
        '    related: [funnel]',
      );
    const approved = taxonomy({ 'extra.glossary.yaml': glossary('approved') });
    assert.deepEqual(summary(approved, 'deprecated-reference'), []);
    assert.deepEqual(summary(approved, 'deprecated-link'), ['extra.glossary.yaml:16 deprecated-link']);
    const draft = taxonomy({ 'extra.glossary.yaml': glossary('draft') });
    assert.deepEqual(summary(draft, 'deprecated-link'), []);
    const [d] = diagnosticsOf(draft, 'extra.glossary.yaml', 'deprecated-reference');
    assert.equal(d.range.start.line, 15);
    assert.equal(d.fixes?.[0].title, 'Replace with `lifecycle`');
  });

  it('follows edits: deprecating the KPI in its own file re-checks the journey that lists it', () => {
    const ws = taxonomy({ 'csat.kpi.yaml': oldKpi('approved', 'nps'), 'j.journey.yaml': journey('[csat]') });
    assert.deepEqual(summary(ws, 'deprecated-reference'), []);
    ws.setFile(uriOf('csat.kpi.yaml'), 'csat.kpi.yaml', oldKpi('deprecated', 'nps'));
    assert.ok(ws.pending().has(uriOf('j.journey.yaml')));
    ws.flush();
    assert.deepEqual(summary(ws, 'deprecated-reference'), ['j.journey.yaml:16 deprecated-reference']);
  });
});
