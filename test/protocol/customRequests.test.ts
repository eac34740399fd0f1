import * as assert from 'node:assert/strict';
import { LspTestClient } from './harness';

describe('protocol: the custom requests are wired to the session', function () {
  this.timeout(60000);
  let c: LspTestClient;

  before(async () => {
    c = await LspTestClient.start({ fixture: 'test/protocol/fixtures/basic' });
    await c.waitForReady();
  });
  after(async () => {
    await c.stop();
  });

  it('cxTaxonomy/journeyMap draws a journey file, with its unowned touchpoint', async () => {
    const map = (await c.connection.sendRequest('cxTaxonomy/journeyMap', { uri: c.uri('journeys/onboarding.journey.yaml') })) as {
      journeys: { stages: { touchpoints: { id?: string; owner?: unknown }[] }[] }[];
    };
    const tps = map.journeys[0].stages[0].touchpoints;
    assert.deepEqual(tps.map((t) => [t.id, t.owner === undefined]), [['welcome-email', false], ['welcome-call', true]]);
    assert.equal(await c.connection.sendRequest('cxTaxonomy/journeyMap', { uri: c.uri('kpis/nps.kpi.yaml') }), null);
  });

  it('cxTaxonomy/ownershipReport reports on files never opened', async () => {
    const reports = (await c.connection.sendRequest('cxTaxonomy/ownershipReport', {})) as { unowned: { touchpointId?: string }[] }[];
    assert.equal(reports.length, 1);
    assert.deepEqual(reports[0].unowned.map((u) => u.touchpointId), ['welcome-call']);
  });
});
