import * as assert from 'node:assert/strict';
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
    assert.deepEqual(r.unowned.map((u) => [u.journeyName, u.stageName, u.touchpointName]), [['Renewal', 'Decide', 'Renewal call']]);
    assert.equal(r.unowned[0].location.uri, 'mem:///j2.journey.yaml');
    assert.equal(r.unowned[0].location.range.start.line, 16);
  });

  it('counts touchpoints per team and journey, and which ones the team is accountable for', () => {
    const r = buildOwnershipReport(workspace());
    assert.deepEqual(r.journeys.map((j) => [j.name, j.touchpoints, j.unowned]), [['Onboarding', 1, 0], ['Renewal', 4, 1]]);
    const cell = (team: string, journey: string) => r.cells[r.teams.findIndex((t) => t.id === team)][r.journeys.findIndex((j) => j.name === journey)];
    assert.deepEqual(cell('cx-ops', 'Onboarding'), { touchpoints: 1, accountable: 1 });
    // reminder-email is shared without a lead (no accountable team); reminder-sms is cx-ops' alone.
    assert.deepEqual(cell('cx-ops', 'Renewal'), { touchpoints: 2, accountable: 1 });
    assert.deepEqual(cell('brand-marketing', 'Renewal'), { touchpoints: 1, accountable: 0 });
  });

  it('reports shared ownership without a lead once per owner', () => {
    const r = buildOwnershipReport(workspace());
    assert.deepEqual(r.sharedWithoutLead.map((s) => [s.kind, s.id, s.teams]), [['stage', 'remind', ['brand-marketing', 'cx-ops']]]);
  });

  it('adds unknown owner ids as rows after the known teams and names idle teams', () => {
    const r = buildOwnershipReport(workspace());
    const ids = r.teams.map((t) => [t.id, t.known]);
    assert.deepEqual(ids[ids.length - 1], ['nobody-team', false]);
    assert.deepEqual(r.idleTeams, ['sales-team']);
    const cx = r.teams.find((t) => t.id === 'cx-ops');
    assert.deepEqual(cx?.owns, { journey: 1, persona: 1, kpi: 1 });
  });

  it('is empty but well formed for an empty workspace', () => {
    const r = buildOwnershipReport(memoryWorkspace({}));
    assert.deepEqual(r, { root: '', unowned: [], sharedWithoutLead: [], teams: [], journeys: [], cells: [], idleTeams: [] });
  });
});
