import * as assert from 'node:assert/strict';
import { buildTaxonomyView } from '../../server/src/core/taxonomyView';
import { lines, memoryWorkspace } from '../support/workspace';

const TEAMS = lines(
  'kind: teams',
  'teams:',
  '  - id: cx-ops',
  '    name: CX Operations',
  '    function: cx',
  '  - id: sales-team',
  '    name: Sales',
  '    function: sales',
);
const JOURNEY = lines(
  'kind: journey',
  'id: renewal',
  'name: Renewal',
  'owner: cx-ops',
  'stages:',
  '  - id: remind',
  '    name: Remind',
  '    touchpoints:',
  '      - id: a',
  '        name: A',
  '      - id: b',
  '        name: B',
  '      - id: c',
  '        name: C',
  '      - id: d',
  '        name: D',
  '        owner: sales-team',
  '        kpis: [no-such-kpi]',
);

describe('Taxonomy view model (core)', () => {
  const ws = memoryWorkspace({ 'org.teams.yaml': TEAMS, 'renewal.journey.yaml': JOURNEY });

  it('cuts long lists at the item limit and keeps whole counts', () => {
    const view = buildTaxonomyView(ws, undefined, 2);
    assert.equal(view.unownedTotal, 3);
    assert.deepEqual(
      view.unowned.map((u) => u.touchpointId),
      ['a', 'b'],
    );
    assert.equal(view.itemLimit, 2);
  });

  it('counts a problem for the owner of the innermost owned entity around it', () => {
    const view = buildTaxonomyView(ws, 'sales-team');
    const sales = view.teams[0];
    assert.equal(sales.id, 'sales-team');
    const problemsOfD = ws.diagnostics('mem:///renewal.journey.yaml').filter((d) => d.range.start.line >= 14);
    assert.ok(problemsOfD.length > 0, 'the unknown KPI of touchpoint d is reported');
    const total = (p: typeof sales.problems) => p.error + p.warning + p.info + p.hint;
    assert.equal(total(sales.problems), problemsOfD.length, 'the problems inside d count for its owner');
    const ops = view.teams.find((t) => t.id === 'cx-ops')!;
    assert.equal(
      total(ops.problems),
      ws.diagnostics('mem:///renewal.journey.yaml').length - problemsOfD.length,
      'the rest of the journey counts for its owner',
    );
  });
});
