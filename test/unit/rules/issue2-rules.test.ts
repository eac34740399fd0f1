import * as assert from 'node:assert/strict';
import { baseTaxonomy, diagnosticsOf, lines, memoryWorkspace, summary } from '../../support/workspace';

/** The base taxonomy with some files replaced. */
function variant(changes: Record<string, string>): ReturnType<typeof memoryWorkspace> {
  return memoryWorkspace({ ...baseTaxonomy(), ...changes });
}

const JOURNEY_HEAD = [
  'kind: journey',
  'id: onboarding',
  'name: Onboarding',
  'persona: busy-parent',
  'owner: cx-ops',
  'stages:',
];

describe('rule yaml-syntax', () => {
  it('reports YAML that does not parse at the place it breaks', () => {
    const ws = variant({
      'p.persona.yaml': lines('kind: persona', 'id: busy-parent', 'name: "Busy Parent', 'owner: cx-ops'),
    });
    const d = diagnosticsOf(ws, 'p.persona.yaml', 'yaml-syntax');
    assert.ok(d.length >= 1, 'expected a syntax error');
    assert.equal(d[0].range.start.line, 2);
  });
  it('reports a tab used as indentation', () => {
    const ws = variant({ 'p.persona.yaml': 'kind: persona\nid: busy-parent\nname: Busy\nsegments:\n\t- families\n' });
    assert.ok(diagnosticsOf(ws, 'p.persona.yaml', 'yaml-syntax').length >= 1);
  });
  it('is quiet on valid YAML, several documents included', () => {
    const ws = variant({
      'k.kpi.yaml': lines(
        'kind: kpi',
        'id: nps',
        'name: NPS',
        'owner: cx-ops',
        '---',
        'kind: kpi',
        'id: csat',
        'name: CSAT',
        'owner: cx-ops',
      ),
    });
    assert.deepEqual(summary(ws, 'yaml-syntax'), []);
  });
  it('refuses an alias bomb with a problem instead of expanding it', () => {
    const bomb = ['kind: persona', 'id: bomb', 'name: Bomb', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    let prev = 'a';
    for (const n of 'bcdefghi') {
      bomb.push(`${n}: &${n} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
      prev = n;
    }
    const ws = variant({ 'b.persona.yaml': bomb.join('\n') + '\n' });
    assert.ok(diagnosticsOf(ws, 'b.persona.yaml', 'yaml-syntax').some((d) => /alias bomb/.test(d.message)));
  });
});

describe('rule schema', () => {
  it('names the allowed values of an enum at the value', () => {
    const ws = variant({ 'k.kpi.yaml': lines('kind: kpi', 'id: nps', 'name: NPS', 'owner: cx-ops', 'direction: up') });
    const [d] = diagnosticsOf(ws, 'k.kpi.yaml', 'schema');
    assert.match(d.message, /`direction` must be one of increase, decrease, maintain/);
    assert.deepEqual(d.range, { start: { line: 4, character: 11 }, end: { line: 4, character: 13 } });
  });
  it('reports an unknown key at the key, with a suggestion', () => {
    const ws = variant({ 'k.kpi.yaml': lines('kind: kpi', 'id: nps', 'name: NPS', 'ownr: cx-ops') });
    const d = diagnosticsOf(ws, 'k.kpi.yaml', 'schema');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /`ownr` is not a field of a KPI\. Did you mean `owner`\?/);
    assert.deepEqual(d[0].range, { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } });
  });
  it('reports a missing required field on the entity', () => {
    const ws = variant({ 'j.journey.yaml': lines(...JOURNEY_HEAD, '  - id: welcome', '    touchpoints: []') });
    const d = diagnosticsOf(ws, 'j.journey.yaml', 'schema');
    assert.ok(
      d.some((x) => /A stage needs `name`/.test(x.message) && x.range.start.line === 6),
      JSON.stringify(d),
    );
  });
  it('reports a malformed id with the kebab-case form to use', () => {
    const ws = variant({ 'x.persona.yaml': lines('kind: persona', 'id: Small Business Owner', 'name: SBO') });
    const d = diagnosticsOf(ws, 'x.persona.yaml', 'schema');
    assert.ok(
      d.some((x) => /small-business-owner/.test(x.message)),
      JSON.stringify(d),
    );
  });
  it('reports an unknown lifecycle stage, and accepts one the config adds', () => {
    const j = lines(
      ...JOURNEY_HEAD,
      '  - id: welcome',
      '    name: Welcome',
      '    lifecycleStage: delight',
      '    owner: cx-ops',
      '    touchpoints: []',
    );
    assert.equal(diagnosticsOf(variant({ 'j.journey.yaml': j }), 'j.journey.yaml', 'schema').length, 1);
    const ws = memoryWorkspace({ ...baseTaxonomy(), 'j.journey.yaml': j }, 'lifecycleStages: [delight]\n');
    assert.deepEqual(diagnosticsOf(ws, 'j.journey.yaml', 'schema'), []);
  });
  it('is quiet on the valid base taxonomy', () => {
    assert.deepEqual(summary(variant({}), 'schema'), []);
  });
});

describe('rule kind-mismatch', () => {
  it('reports a kind that disagrees with the suffix, with a fix', () => {
    const ws = variant({ 'x.segment.yaml': lines('kind: persona', 'id: x', 'name: X') });
    const [d] = diagnosticsOf(ws, 'x.segment.yaml', 'kind-mismatch');
    assert.equal(d.range.start.line, 0);
    assert.equal(d.fixes?.[0].edits[0].newText, 'segment');
  });
  it('is quiet when the kind matches', () => {
    assert.deepEqual(summary(variant({}), 'kind-mismatch'), []);
  });
});

describe('rule duplicate-id', () => {
  it('reports both definitions, each pointing at the other', () => {
    const ws = variant({
      'q.persona.yaml': lines('kind: persona', 'id: busy-parent', 'name: Another', 'owner: cx-ops'),
    });
    const a = diagnosticsOf(ws, 'p.persona.yaml', 'duplicate-id');
    const b = diagnosticsOf(ws, 'q.persona.yaml', 'duplicate-id');
    assert.equal(a.length, 1);
    assert.equal(b.length, 1);
    assert.equal(a[0].related?.[0].location.uri, 'mem:///q.persona.yaml');
    assert.equal(b[0].related?.[0].location.uri, 'mem:///p.persona.yaml');
    assert.equal(b[0].fixes?.[0].edits[0].newText, 'busy-parent-2');
  });
  it('reports a touchpoint id repeated inside one journey', () => {
    const j = lines(
      ...JOURNEY_HEAD,
      '  - id: welcome',
      '    name: Welcome',
      '    owner: cx-ops',
      '    touchpoints:',
      '      - id: email',
      '        name: Email',
      '      - id: email',
      '        name: Email again',
    );
    assert.deepEqual(summary(variant({ 'j.journey.yaml': j }), 'duplicate-id'), [
      'j.journey.yaml:11 duplicate-id',
      'j.journey.yaml:13 duplicate-id',
    ]);
  });
  it('allows the same id for different kinds and the same stage id in different journeys', () => {
    const other = baseTaxonomy()['j.journey.yaml'].replace('id: onboarding', 'id: renewal');
    const ws = variant({
      'n.kpi.yaml': lines('kind: kpi', 'id: busy-parent', 'name: Odd but legal', 'owner: cx-ops'),
      'r.journey.yaml': other,
    });
    assert.deepEqual(summary(ws, 'duplicate-id'), []);
  });
  it('clears on both sides when one is renamed (incremental)', () => {
    const ws = variant({
      'q.persona.yaml': lines('kind: persona', 'id: busy-parent', 'name: Another', 'owner: cx-ops'),
    });
    assert.equal(summary(ws, 'duplicate-id').length, 2);
    ws.setFile(
      'mem:///q.persona.yaml',
      'q.persona.yaml',
      lines('kind: persona', 'id: night-owl', 'name: Another', 'owner: cx-ops'),
    );
    const rechecked = ws.flush();
    // Only the files that named or defined `busy-parent` are checked again; the KPI and teams files are not.
    assert.deepEqual(rechecked.sort(), [
      'mem:///j.journey.yaml',
      'mem:///p.persona.yaml',
      'mem:///q.persona.yaml',
      'mem:///s.segment.yaml',
    ]);
    assert.deepEqual(summary(ws, 'duplicate-id'), []);
  });
});

describe('rule unresolved-reference', () => {
  it('reports a missing id with the closest real one as a fix', () => {
    const ws = variant({
      'j.journey.yaml': baseTaxonomy()['j.journey.yaml'].replace('persona: busy-parent', 'persona: busy-parnt'),
    });
    const [d] = diagnosticsOf(ws, 'j.journey.yaml', 'unresolved-reference');
    assert.match(d.message, /No persona has the id `busy-parnt`\. Did you mean `busy-parent`\?/);
    assert.deepEqual(d.range, { start: { line: 3, character: 9 }, end: { line: 3, character: 19 } });
    assert.equal(d.fixes?.[0].edits[0].newText, 'busy-parent');
  });
  it('checks teams, KPIs and segments too, without a suggestion when nothing is close', () => {
    const j = baseTaxonomy()
      ['j.journey.yaml'].replace('kpis: [nps]', 'kpis: [qqqqqqq]')
      .replace('        owner: cx-ops', '        owner: finance-xyz');
    const d = diagnosticsOf(variant({ 'j.journey.yaml': j }), 'j.journey.yaml', 'unresolved-reference');
    assert.equal(d.length, 2);
    assert.ok(d.every((x) => !x.fixes));
  });
  it('resolves once the missing definition appears in another file', () => {
    const ws = variant({
      'j.journey.yaml': baseTaxonomy()['j.journey.yaml'].replace('persona: busy-parent', 'persona: night-owl'),
    });
    assert.equal(summary(ws, 'unresolved-reference').length, 1);
    ws.setFile(
      'mem:///n.persona.yaml',
      'n.persona.yaml',
      lines('kind: persona', 'id: night-owl', 'name: Night Owl', 'owner: cx-ops'),
    );
    ws.flush();
    assert.deepEqual(summary(ws, 'unresolved-reference'), []);
  });
  it('is quiet on the base taxonomy', () => {
    assert.deepEqual(summary(variant({}), 'unresolved-reference'), []);
  });
});

describe('rule touchpoint-owner', () => {
  const unowned = lines(
    ...JOURNEY_HEAD,
    '  - id: welcome',
    '    name: Welcome',
    '    touchpoints:',
    '      - id: welcome-email',
    '        name: Welcome email',
  );
  it('reports a touchpoint with no owner and no stage owner, at its id, with a fix', () => {
    const [d] = diagnosticsOf(variant({ 'j.journey.yaml': unowned }), 'j.journey.yaml', 'touchpoint-owner');
    assert.equal(d.severity, 'error');
    assert.equal(d.range.start.line, 9);
    assert.equal(d.fixes?.[0].edits[0].newText, '\n        owner: cx-ops');
  });
  it('accepts an owner inherited from the stage', () => {
    const owned = unowned.replace('    name: Welcome\n', '    name: Welcome\n    owner: cx-ops\n');
    assert.deepEqual(summary(variant({ 'j.journey.yaml': owned }), 'touchpoint-owner'), []);
  });
  it('does not inherit from the journey (DESIGN: a touchpoint inherits its stage owner only)', () => {
    assert.equal(summary(variant({ 'j.journey.yaml': unowned }), 'touchpoint-owner').length, 1);
  });
  it('treats an empty owner list as no owner', () => {
    const empty = unowned.replace('        name: Welcome email', '        name: Welcome email\n        owner: []');
    assert.equal(summary(variant({ 'j.journey.yaml': empty }), 'touchpoint-owner').length, 1);
  });
});

describe('rule shared-ownership-lead', () => {
  it('reports an owner list with no lead', () => {
    const ws = variant({
      'p.persona.yaml': lines(
        'kind: persona',
        'id: busy-parent',
        'name: Busy Parent',
        'owner: [cx-ops, brand-marketing]',
        'segments: [families]',
      ),
    });
    const [d] = diagnosticsOf(ws, 'p.persona.yaml', 'shared-ownership-lead');
    assert.equal(d.range.start.line, 3);
    assert.equal(d.fixes?.[0].edits[0].newText, '\nlead: cx-ops');
  });
  it('reports a lead that is not one of the owners', () => {
    const ws = variant({
      'p.persona.yaml': lines(
        'kind: persona',
        'id: busy-parent',
        'name: Busy Parent',
        'owner: [cx-ops, brand-marketing]',
        'lead: sales-team',
        'segments: [families]',
      ),
    });
    const [d] = diagnosticsOf(ws, 'p.persona.yaml', 'shared-ownership-lead');
    assert.equal(d.range.start.line, 4);
  });
  it('is quiet with a lead from the list, or a single owner', () => {
    const ws = variant({
      'p.persona.yaml': lines(
        'kind: persona',
        'id: busy-parent',
        'name: Busy Parent',
        'owner: [cx-ops, brand-marketing]',
        'lead: cx-ops',
        'segments: [families]',
      ),
    });
    assert.deepEqual(summary(ws, 'shared-ownership-lead'), []);
  });
});

describe('rule kpi-owner', () => {
  it('reports a KPI with no owner at its id', () => {
    const ws = variant({ 'k.kpi.yaml': lines('kind: kpi', 'id: nps', 'name: Net Promoter Score') });
    const [d] = diagnosticsOf(ws, 'k.kpi.yaml', 'kpi-owner');
    assert.equal(d.range.start.line, 1);
  });
  it('is quiet when the KPI has an owner', () => {
    assert.deepEqual(summary(variant({}), 'kpi-owner'), []);
  });
});

describe('rule handoff-owner', () => {
  const withHandoff = (h: string) =>
    baseTaxonomy()['j.journey.yaml'].replace('        kpis: [nps]', `        kpis: [nps]\n        handoff:${h}`);
  it('reports a handoff to the team that already owns the touchpoint', () => {
    const [d] = diagnosticsOf(variant({ 'j.journey.yaml': withHandoff(' cx-ops') }), 'j.journey.yaml', 'handoff-owner');
    assert.equal(d.range.start.line, 15);
  });
  it('reports a handoff that names no team', () => {
    assert.equal(
      diagnosticsOf(variant({ 'j.journey.yaml': withHandoff('') }), 'j.journey.yaml', 'handoff-owner').length,
      1,
    );
  });
  it('is quiet on a handoff to another team', () => {
    assert.deepEqual(summary(variant({ 'j.journey.yaml': withHandoff(' sales-team') }), 'handoff-owner'), []);
  });
});

describe('severity overrides', () => {
  it('turns a rule off or changes its severity from the config', () => {
    const files = { ...baseTaxonomy(), 'k.kpi.yaml': lines('kind: kpi', 'id: nps', 'name: NPS') };
    assert.equal(summary(memoryWorkspace(files, 'rules:\n  kpi-owner: "off"\n'), 'kpi-owner').length, 0);
    const ws = memoryWorkspace(files, 'rules:\n  kpi-owner: error\n');
    assert.equal(diagnosticsOf(ws, 'k.kpi.yaml', 'kpi-owner')[0].severity, 'error');
  });
});
