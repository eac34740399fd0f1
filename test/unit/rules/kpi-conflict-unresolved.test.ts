import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary } from '../../support/workspace';
import { taxonomy, textOf } from '../terms/support';

const kpi = (...conflicts: string[]) =>
  lines('kind: kpi', 'id: churn', 'name: Churn', 'owner: cx-ops', 'conflictsWith:', ...conflicts);

describe('rule kpi-conflict-unresolved', () => {
  it('reports a conflict with no resolution at the KPI it names', () => {
    const ws = taxonomy({ 'c.kpi.yaml': kpi('  - kpi: nps') });
    const [d, ...rest] = diagnosticsOf(ws, 'c.kpi.yaml', 'kpi-conflict-unresolved');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'warning');
    assert.equal(textOf(ws, 'c.kpi.yaml', d), 'nps');
    assert.match(d.message, /^The conflict with `nps` has no `resolution`\./);
  });

  it('reports an empty resolution', () => {
    assert.deepEqual(
      summary(taxonomy({ 'c.kpi.yaml': kpi('  - kpi: nps', '    resolution: "  "') }), 'kpi-conflict-unresolved'),
      ['c.kpi.yaml:6 kpi-conflict-unresolved'],
    );
  });

  it('is quiet when the resolution is written', () => {
    assert.deepEqual(
      summary(
        taxonomy({ 'c.kpi.yaml': kpi('  - kpi: nps', '    resolution: NPS wins below 30.') }),
        'kpi-conflict-unresolved',
      ),
      [],
    );
  });
});
