import * as assert from 'node:assert/strict';
import { normaliseFormula } from '../../../server/src/core/rules/kpi-overlap';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { taxonomy, textOf } from '../terms/support';

const kpi = (id: string, name: string, formula: string, owner = 'cx-ops') =>
  lines('kind: kpi', `id: ${id}`, `name: ${name}`, `owner: ${owner}`, `formula: ${formula}`);

describe('rule kpi-overlap', () => {
  it('reports two KPIs with one name at both names, each linking the other', () => {
    const ws = taxonomy({
      'a.kpi.yaml': kpi('online-cr', 'Online conversion rate', 'orders / visitors'),
      'b.kpi.yaml': kpi('web-cr', 'Online Conversion Rates', 'orders / sessions', 'brand-marketing'),
    });
    assert.deepEqual(summary(ws, 'kpi-overlap'), ['a.kpi.yaml:3 kpi-overlap', 'b.kpi.yaml:3 kpi-overlap']);
    const [d] = diagnosticsOf(ws, 'a.kpi.yaml', 'kpi-overlap');
    assert.equal(d.severity, 'warning');
    assert.equal(textOf(ws, 'a.kpi.yaml', d), 'Online conversion rate');
    assert.match(d.message, /^Another KPI, `web-cr`, has the same name, "Online conversion rate"\./);
    assert.equal(d.related?.[0].location.uri, uriOf('b.kpi.yaml'));
  });

  it('reports two KPIs with one formula, however it is spelled', () => {
    const ws = taxonomy({
      'a.kpi.yaml': kpi('a', 'Checkout conversion', 'Orders / Sessions × 100'),
      'b.kpi.yaml': kpi('b', 'Shop conversion', 'orders/session*100'),
    });
    assert.deepEqual(summary(ws, 'kpi-overlap'), ['a.kpi.yaml:5 kpi-overlap', 'b.kpi.yaml:5 kpi-overlap']);
    assert.match(
      diagnosticsOf(ws, 'b.kpi.yaml', 'kpi-overlap')[0].message,
      /^Another KPI, `a`, computes the same formula\./,
    );
  });

  it('is quiet for different names and formulas, and leaves a repeated id to duplicate-id', () => {
    assert.deepEqual(
      summary(
        taxonomy({
          'a.kpi.yaml': kpi('a', 'Checkout conversion', 'orders / sessions'),
          'b.kpi.yaml': kpi('b', 'Shop conversion', 'orders / visitors'),
        }),
        'kpi-overlap',
      ),
      [],
    );
    assert.deepEqual(
      summary(taxonomy({ 'a.kpi.yaml': kpi('a', 'Same', 'x'), 'b.kpi.yaml': kpi('a', 'Same', 'x') }), 'kpi-overlap'),
      [],
    );
  });

  it('normalises formulas', () => {
    assert.equal(normaliseFormula('Orders / Sessions × 100'), normaliseFormula('orders/session * 100'));
    assert.notEqual(normaliseFormula('a / b'), normaliseFormula('b / a'));
  });
});
