import * as assert from 'node:assert/strict';
import { TEAM_FUNCTIONS } from '../../server/src/core/domain';
import { buildOwnershipReport } from '../../server/src/core/ownershipReport';
import { baseTaxonomy, lines, memoryWorkspace } from '../support/workspace';

function workspace() {
  return memoryWorkspace({
    ...baseTaxonomy(),
    'j2.journey.yaml': lines(
      'kind: journey',
      'id: renewal',
      'name: Renewal',
      'stages:',
      '  - id: remind',
      '    name: Remind',
      '    owner: [brand-marketing, cx-ops]',
      '    touchpoints:',
      '      - id: reminder-email',
      '        name: Reminder email',
      '      - id: reminder-sms',
      '        name: Reminder SMS',
      '        owner: cx-ops',
      '  - id: decide',
      '    name: Decide',
      '    touchpoints:',
      '      - id: renewal-call',
      '        name: Renewal call',
      '      - id: ghost-call',
      '        name: Ghost call',
      '        owner: nobody-team',
    ),
  });
}

describe('ownership report', () => {
  it('lists unowned touchpoints with where they are', () => {
    const r = buildOwnershipReport(workspace());
    assert.deepEqual(
      r.unowned.map((u) => [u.journeyName, u.stageName, u.touchpointName]),
      [['Renewal', 'Decide', 'Renewal call']],
    );
    assert.equal(r.unowned[0].location.uri, 'mem:///j2.journey.yaml');
    assert.equal(r.unowned[0].location.range.start.line, 16);
  });

  it('counts touchpoints per team and journey, and which ones the team is accountable for', () => {
    const r = buildOwnershipReport(workspace());
    assert.deepEqual(
      r.journeys.map((j) => [j.name, j.touchpoints, j.unowned]),
      [
        ['Onboarding', 1, 0],
        ['Renewal', 4, 1],
      ],
    );
    const cell = (team: string, journey: string) =>
      r.cells[r.teams.findIndex((t) => t.id === team)][r.journeys.findIndex((j) => j.name === journey)];
    const counts = (c: { touchpoints: number; accountable: number }) => ({
      touchpoints: c.touchpoints,
      accountable: c.accountable,
    });
    assert.deepEqual(counts(cell('cx-ops', 'Onboarding')), { touchpoints: 1, accountable: 1 });
    // reminder-email is shared without a lead (no accountable team); reminder-sms is cx-ops' alone.
    assert.deepEqual(counts(cell('cx-ops', 'Renewal')), { touchpoints: 2, accountable: 1 });
    assert.deepEqual(counts(cell('brand-marketing', 'Renewal')), { touchpoints: 1, accountable: 0 });
  });

  it('lists the touchpoints of each cell with how they are owned', () => {
    const r = buildOwnershipReport(workspace());
    const cell = (team: string, journey: string) =>
      r.cells[r.teams.findIndex((t) => t.id === team)][r.journeys.findIndex((j) => j.name === journey)];
    const items = cell('cx-ops', 'Renewal').items;
    assert.deepEqual(
      items.map((i) => [i.touchpointId, i.touchpointName, i.stageName, i.inherited, i.teams, i.lead]),
      [
        ['reminder-email', 'Reminder email', 'Remind', true, ['brand-marketing', 'cx-ops'], undefined],
        ['reminder-sms', 'Reminder SMS', 'Remind', false, ['cx-ops'], 'cx-ops'],
      ],
    );
    assert.equal(items[0].location.uri, 'mem:///j2.journey.yaml');
    assert.equal(items[0].location.range.start.line, 8);
    assert.deepEqual(
      cell('nobody-team', 'Renewal').items.map((i) => i.touchpointId),
      ['ghost-call'],
    );
    // Every cell lists exactly as many touchpoints as it counts.
    for (const row of r.cells) for (const c of row) assert.equal(c.items.length, c.touchpoints);
    assert.equal(
      r.unowned[0].journey,
      r.journeys.findIndex((j) => j.name === 'Renewal'),
    );
  });

  it('reports shared ownership without a lead once per owner', () => {
    const r = buildOwnershipReport(workspace());
    assert.deepEqual(
      r.sharedWithoutLead.map((s) => [s.kind, s.id, s.teams]),
      [['stage', 'remind', ['brand-marketing', 'cx-ops']]],
    );
    // A stage names its journey and how many of its touchpoints inherit the leaderless owner.
    assert.deepEqual([r.sharedWithoutLead[0].context, r.sharedWithoutLead[0].inheritedBy], ['Renewal', 1]);
  });

  it('places a leaderless touchpoint in its journey and stage', () => {
    const r = buildOwnershipReport(
      memoryWorkspace({
        ...baseTaxonomy(),
        'j3.journey.yaml': lines(
          'kind: journey',
          'id: support',
          'name: Support',
          'stages:',
          '  - id: ask',
          '    name: Ask',
          '    touchpoints:',
          '      - id: chat',
          '        name: Chat',
          '        owner: [cx-ops, sales-team]',
        ),
      }),
    );
    const s = r.sharedWithoutLead.find((x) => x.id === 'chat');
    assert.deepEqual([s?.kind, s?.context, s?.inheritedBy], ['touchpoint', 'Support › Ask', 0]);
  });

  it('adds unknown owner ids as rows after the known teams and names idle teams', () => {
    const r = buildOwnershipReport(workspace());
    const ids = r.teams.map((t) => [t.id, t.known]);
    assert.deepEqual(ids[ids.length - 1], ['nobody-team', false]);
    // Known teams come in the schema's order of business functions.
    const rank = (f?: string) =>
      f ? TEAM_FUNCTIONS.indexOf(f) + 1 || TEAM_FUNCTIONS.length + 1 : TEAM_FUNCTIONS.length + 1;
    const known = r.teams.filter((t) => t.known).map((t) => rank(t.function));
    assert.deepEqual(
      known,
      [...known].sort((a, b) => a - b),
    );
    assert.deepEqual(r.idleTeams, ['sales-team']);
    const cx = r.teams.find((t) => t.id === 'cx-ops');
    assert.deepEqual(cx?.owns, { journey: 1, persona: 1, kpi: 1 });
  });

  it('is empty but well formed for an empty workspace', () => {
    const r = buildOwnershipReport(memoryWorkspace({}));
    assert.deepEqual(r, {
      root: '',
      unowned: [],
      sharedWithoutLead: [],
      teams: [],
      journeys: [],
      cells: [],
      idleTeams: [],
    });
  });
});
