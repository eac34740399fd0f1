import * as assert from 'node:assert/strict';
import { LspTestClient, serveFixture } from './harness';

describe('protocol: the custom requests are wired to the session', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  serveFixture('test/protocol/fixtures/basic', 'suite', (client) => (c = client));

  it('cxTaxonomy/journeyMap draws a journey file, with its unowned touchpoint', async () => {
    const map = (await c.connection.sendRequest('cxTaxonomy/journeyMap', {
      uri: c.uri('journeys/onboarding.journey.yaml'),
    })) as {
      journeys: { stages: { touchpoints: { id?: string; owner?: unknown }[] }[] }[];
    };
    const tps = map.journeys[0].stages[0].touchpoints;
    assert.deepEqual(
      tps.map((t) => [t.id, t.owner === undefined]),
      [
        ['welcome-email', false],
        ['welcome-call', true],
      ],
    );
    assert.equal(await c.connection.sendRequest('cxTaxonomy/journeyMap', { uri: c.uri('kpis/nps.kpi.yaml') }), null);
  });

  it('cxTaxonomy/ownershipReport reports on files never opened', async () => {
    const reports = (await c.connection.sendRequest('cxTaxonomy/ownershipReport', {})) as {
      unowned: { touchpointId?: string }[];
    }[];
    assert.equal(reports.length, 1);
    assert.deepEqual(
      reports[0].unowned.map((u) => u.touchpointId),
      ['welcome-call'],
    );
  });
});

describe('protocol: a document opened before its folder is added', function () {
  this.timeout(60000);

  it('moves to the folder when the folder arrives, leaving no stale loose taxonomy behind', async () => {
    const c = await LspTestClient.start({
      fixture: 'test/protocol/fixtures/basic',
      folders: ['elsewhere'],
      files: { 'elsewhere/README.md': '# elsewhere\n' },
    });
    try {
      await c.waitForReady();
      await c.open('journeys/onboarding.journey.yaml', c.text('journeys/onboarding.journey.yaml'));
      await c.waitForDiagnostics('journeys/onboarding.journey.yaml', (ds) => ds.length > 0);
      await c.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: c.uri('').replace(/\/$/, ''), name: 'root' }], removed: [] },
      });
      // The folder is indexed once the KPI, which no loose root could hold, has a symbol.
      const started = Date.now();
      for (;;) {
        const kpis = (await c.connection.sendRequest('workspace/symbol', { query: 'nps' })) as {
          location: { uri: string };
        }[];
        if (kpis.some((s) => s.location.uri.endsWith('nps.kpi.yaml'))) break;
        assert.ok(Date.now() - started < 15000, 'the added folder was never indexed');
        await new Promise((r) => setTimeout(r, 50));
      }
      const symbols = (await c.connection.sendRequest('workspace/symbol', { query: 'welcome-call' })) as {
        location: { uri: string; range: unknown };
      }[];
      const places = symbols.map((s) => `${s.location.uri} ${JSON.stringify(s.location.range)}`);
      assert.equal(new Set(places).size, places.length, `a definition is listed twice: ${places.join('\n')}`);
    } finally {
      await c.stop();
    }
  });
});
