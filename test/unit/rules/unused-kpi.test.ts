import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { taxonomy, textOf } from '../terms/support';

const sov = (...extra: string[]) =>
  lines('kind: kpi', 'id: share-of-voice', 'name: Share of voice', 'owner: brand-marketing', ...extra);

describe('rule unused-kpi', () => {
  it('hints at a KPI no touchpoint measures, faded as unnecessary', () => {
    const ws = taxonomy({ 'sov.kpi.yaml': sov() });
    const [d, ...rest] = diagnosticsOf(ws, 'sov.kpi.yaml', 'unused-kpi');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'hint');
    assert.equal(d.unnecessary, true);
    assert.equal(textOf(ws, 'sov.kpi.yaml', d), 'share-of-voice');
    assert.match(d.message, /^No touchpoint measures the KPI "Share of voice"\./);
  });

  it('counts only touchpoints, not other KPIs naming it in `conflictsWith`', () => {
    const other = lines(
      'kind: kpi',
      'id: x',
      'name: X',
      'owner: cx-ops',
      'conflictsWith:',
      '  - kpi: share-of-voice',
      '    resolution: fine',
    );
    assert.deepEqual(summary(taxonomy({ 'sov.kpi.yaml': sov(), 'x.kpi.yaml': other }), 'unused-kpi'), [
      'sov.kpi.yaml:2 unused-kpi',
      'x.kpi.yaml:2 unused-kpi',
    ]);
  });

  it('is quiet for a measured KPI and for a deprecated one, and follows journey edits', () => {
    assert.deepEqual(summary(taxonomy({ 'sov.kpi.yaml': sov('status: deprecated') }), 'unused-kpi'), []);
    const ws = taxonomy({ 'sov.kpi.yaml': sov() });
    const j = ws.getFile(uriOf('j.journey.yaml'))!;
    ws.setFile(j.uri, j.relativePath, j.text.replace('kpis: [nps]', 'kpis: [nps, share-of-voice]'));
    ws.flush();
    assert.deepEqual(summary(ws, 'unused-kpi'), []);
  });
});
