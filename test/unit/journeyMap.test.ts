import * as assert from 'node:assert/strict';
import { journeyMapOf } from '../../server/src/core/journeyMap';
import type { MapTouchpoint } from '../../server/src/protocol';
import { baseTaxonomy, lines, memoryWorkspace, uriOf } from '../support/workspace';

/** A journey with an unowned touchpoint, an inherited owner, shared ownership and two handoffs. */
function journey(): string {
  return lines(
    'kind: journey',
    'id: onboarding',
    'name: Onboarding',
    'persona: busy-parent',
    'owner: cx-ops',
    'stages:',
    '  - id: buy',
    '    name: Buy',
    '    lifecycleStage: conversion',
    '    owner: sales-team',
    '    touchpoints:',
    '      - id: shop-order',
    '        name: Order in the shop',
    '        channel: store',
    '        kpis: [nps]',
    '        handoff: cx-ops',
    '      - id: mystery',
    '        name: Mystery call',
    '        owner: []',
    '  - id: welcome',
    '    name: Welcome',
    '    lifecycleStage: onboarding',
    '    touchpoints:',
    '      - id: welcome-email',
    '        name: Welcome <b>email</b>',
    '        channel: email',
    '        owner: [brand-marketing, cx-ops]',
    '        lead: cx-ops',
    '      - name: Unnamed follow-up',
    '        channel: phone',
  );
}

function mapOf(files: Record<string, string>) {
  const ws = memoryWorkspace(files);
  const map = journeyMapOf(ws, uriOf('j.journey.yaml'));
  assert.ok(map, 'a journey file has a map');
  return map;
}

function card(map: ReturnType<typeof mapOf>, key: string): MapTouchpoint {
  const found = map.journeys.flatMap((j) => j.stages.flatMap((s) => s.touchpoints)).find((t) => t.key === key);
  assert.ok(found, `card ${key}`);
  return found;
}

describe('journey map model', () => {
  it('lays out stages in order with their touchpoints and lifecycle stages', () => {
    const map = mapOf({ ...baseTaxonomy(), 'j.journey.yaml': journey() });
    assert.equal(map.journeys.length, 1);
    const j = map.journeys[0];
    assert.equal(j.name, 'Onboarding');
    assert.deepEqual(j.persona, { id: 'busy-parent' });
    assert.deepEqual(
      j.stages.map((s) => [s.id, s.lifecycleStage, s.touchpoints.map((t) => t.key)]),
      [
        ['buy', 'conversion', ['shop-order', 'mystery']],
        ['welcome', 'onboarding', ['welcome-email', '#welcome-2']],
      ],
    );
  });

  it('resolves inherited owners with their team names and functions', () => {
    const map = mapOf({ ...baseTaxonomy(), 'j.journey.yaml': journey() });
    const shop = card(map, 'shop-order');
    assert.deepEqual(shop.owner, {
      teams: [{ id: 'sales-team', name: 'Sales', function: 'sales', known: true }],
      lead: undefined,
      shared: false,
      inherited: true,
    });
    assert.deepEqual(shop.kpis, [{ id: 'nps' }]);
    assert.equal(shop.channel, 'store');
  });

  it('marks a touchpoint nobody owns and carries the touchpoint-owner message', () => {
    const map = mapOf({ ...baseTaxonomy(), 'j.journey.yaml': journey() });
    const follow = card(map, '#welcome-2');
    assert.equal(follow.owner, undefined);
    assert.equal(follow.name, 'Unnamed follow-up');
    assert.ok(
      follow.problems.some((p) => p.ruleId === 'touchpoint-owner' && /has no owner/.test(p.message)),
      JSON.stringify(follow.problems),
    );
    // `owner: []` owns nothing either, but the stage's owner covers it.
    assert.equal(card(map, 'mystery').owner?.teams[0].id, 'sales-team');
    assert.ok(map.problemCounts.error >= 1);
  });

  it('shows shared ownership with the lead first', () => {
    const map = mapOf({ ...baseTaxonomy(), 'j.journey.yaml': journey() });
    const email = card(map, 'welcome-email');
    assert.equal(email.owner?.shared, true);
    assert.equal(email.owner?.lead, 'cx-ops');
    assert.deepEqual(
      email.owner?.teams.map((t) => t.id),
      ['cx-ops', 'brand-marketing'],
    );
    assert.equal(email.owner?.inherited, false);
    // User text is passed through as data; escaping is the renderer's job.
    assert.equal(email.name, 'Welcome <b>email</b>');
  });

  it('points a handoff at the first later card the receiving team owns', () => {
    const map = mapOf({ ...baseTaxonomy(), 'j.journey.yaml': journey() });
    const shop = card(map, 'shop-order');
    assert.equal(shop.handoff?.team.id, 'cx-ops');
    assert.equal(shop.handoff?.targetKey, 'welcome-email');
  });

  it('keeps a handoff to a team that owns nothing later as a label without a target', () => {
    const text = journey()
      .replace('handoff: cx-ops', 'handoff: brand-marketing')
      .replace('owner: [brand-marketing, cx-ops]', 'owner: cx-ops')
      .replace('        lead: cx-ops\n', '');
    const map = mapOf({ ...baseTaxonomy(), 'j.journey.yaml': text });
    const shop = card(map, 'shop-order');
    assert.equal(shop.handoff?.team.function, 'marketing');
    assert.equal(shop.handoff?.targetKey, undefined);
  });

  it('lists the functions in use in legend order', () => {
    const map = mapOf({ ...baseTaxonomy(), 'j.journey.yaml': journey() });
    assert.deepEqual(map.functions, ['marketing', 'cx', 'sales']);
  });

  it('gives each card the range a click reveals and the id it selects', () => {
    const text = journey();
    const map = mapOf({ ...baseTaxonomy(), 'j.journey.yaml': text });
    const email = card(map, 'welcome-email');
    const lineOf = (s: string) => text.split('\n').findIndex((l) => l.includes(s));
    assert.equal(email.selection.start.line, lineOf('id: welcome-email'));
    assert.equal(email.selection.start.character, '      - id: '.length);
    assert.equal(email.range.start.line, lineOf('id: welcome-email'));
    assert.ok(email.range.end.line >= lineOf('lead: cx-ops'));
  });

  it('flags owners that name no known team', () => {
    const text = journey().replace('owner: sales-team', 'owner: ghost-team');
    const map = mapOf({ ...baseTaxonomy(), 'j.journey.yaml': text });
    const shop = card(map, 'shop-order');
    assert.deepEqual(shop.owner?.teams, [{ id: 'ghost-team', name: 'ghost-team', function: undefined, known: false }]);
    // The unresolved reference sits on the stage, not on a touchpoint card.
    const buy = map.journeys[0].stages[0];
    assert.ok(
      buy.problems.some((p) => p.ruleId === 'unresolved-reference'),
      JSON.stringify(buy.problems),
    );
    assert.ok(!shop.problems.some((p) => p.ruleId === 'unresolved-reference'));
  });

  it('survives a half-typed journey', () => {
    const map = mapOf({
      ...baseTaxonomy(),
      'j.journey.yaml': lines(
        'kind: journey',
        'id: x',
        'stages:',
        '  - name: Only a name',
        '    touchpoints:',
        '      - ',
        '      - id: t',
      ),
    });
    assert.equal(map.journeys[0].stages[0].name, 'Only a name');
    assert.deepEqual(
      map.journeys[0].stages[0].touchpoints.map((t) => t.key),
      ['t'],
    );
  });

  it('marks what is deprecated, past its sunset or a draft: the journey, its persona, segments, touchpoints and KPIs', () => {
    const files = baseTaxonomy();
    files['p.persona.yaml'] += lines('status: deprecated', 'replacedBy: family-planner');
    files['s.segment.yaml'] += lines('sunset: 2026-11-30');
    files['k.kpi.yaml'] += lines('status: draft');
    files['k2.kpi.yaml'] = lines('kind: kpi', 'id: csat', 'name: CSAT', 'owner: cx-ops', 'status: approved');
    files['org.teams.yaml'] = files['org.teams.yaml'].replace(
      '    function: marketing\n',
      '    function: marketing\n    status: deprecated\n',
    );
    const text = journey()
      .replace('owner: cx-ops\nstages:', 'owner: cx-ops\nsegments: [families]\nstatus: draft\nstages:')
      .replace('        kpis: [nps]\n', '        kpis: [nps, csat]\n        status: deprecated\n');
    const ws = memoryWorkspace({ ...files, 'j.journey.yaml': text }, { today: '2026-12-03' });
    const map = journeyMapOf(ws, uriOf('j.journey.yaml'))!;
    const j = map.journeys[0];
    assert.deepEqual(j.lifecycle, { state: 'draft', label: 'draft', detail: 'Draft: not approved yet.' });
    assert.deepEqual(j.persona, {
      id: 'busy-parent',
      lifecycle: { state: 'deprecated', label: 'deprecated', detail: 'Deprecated: use family-planner instead.' },
    });
    assert.deepEqual(j.segments, [
      {
        id: 'families',
        lifecycle: { state: 'deprecated', label: 'sunset passed', detail: 'Sunset passed on 2026-11-30.' },
      },
    ]);
    const shop = card(map, 'shop-order');
    assert.equal(shop.lifecycle?.label, 'deprecated');
    assert.deepEqual(shop.kpis, [
      { id: 'nps', lifecycle: { state: 'draft', label: 'draft', detail: 'Draft: not approved yet.' } },
      { id: 'csat' },
    ]);
    assert.equal(card(map, 'welcome-email').lifecycle, undefined);
    // An owning team that is deprecated is marked where it is named.
    assert.deepEqual(
      card(map, 'welcome-email').owner?.teams.map((t) => t.lifecycle?.label),
      [undefined, 'deprecated'],
    );
    // On its sunset day the segment is still in use.
    const before = journeyMapOf(
      memoryWorkspace({ ...files, 'j.journey.yaml': text }, { today: '2026-11-30' }),
      uriOf('j.journey.yaml'),
    )!;
    assert.deepEqual(before.journeys[0].segments, [{ id: 'families' }]);
  });

  it('returns nothing for files that are not journeys', () => {
    const ws = memoryWorkspace(baseTaxonomy());
    assert.equal(journeyMapOf(ws, uriOf('k.kpi.yaml')), undefined);
    assert.equal(journeyMapOf(ws, uriOf('missing.journey.yaml')), undefined);
  });
});
