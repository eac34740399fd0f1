import * as assert from 'node:assert/strict';
import type { Location } from 'vscode-languageserver-protocol';
import { LspTestClient, serveFixture } from './harness';

describe('protocol: go to definition and find references', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  serveFixture('test/protocol/fixtures/basic', 'suite', (client) => (c = client));

  const rel = (l: Location) => l.uri.slice(c.uri('').length + 1);

  it('goes from a reference to the definition in another file', async () => {
    const locs = (await c.definition(
      'journeys/onboarding.journey.yaml',
      c.positionOf('journeys/onboarding.journey.yaml', 'nps,', 1),
    )) as Location[];
    assert.deepEqual(
      locs.map((l) => `${rel(l)}:${l.range.start.line}:${l.range.start.character}`),
      ['kpis/nps.kpi.yaml:1:4'],
    );
  });

  it('goes from a glossary term in a doc to its definition', async () => {
    const locs = (await c.definition(
      'docs/guide.md',
      c.positionOf('docs/guide.md', 'customer journey', 2),
    )) as Location[];
    assert.deepEqual(locs.map(rel), ['cx.glossary.yaml']);
  });

  it('finds every reference to a team across files', async () => {
    const refs = (await c.references('org.teams.yaml', c.positionOf('org.teams.yaml', 'cx-ops', 1), false))!;
    assert.deepEqual([...new Set(refs.map(rel))].sort(), [
      'cx.glossary.yaml',
      'journeys/onboarding.journey.yaml',
      'kpis/nps.kpi.yaml',
      'personas/busy-parent.persona.yaml',
    ]);
    const withDecl = (await c.references('org.teams.yaml', c.positionOf('org.teams.yaml', 'cx-ops', 1), true))!;
    assert.equal(withDecl.length, refs.length + 1);
  });

  it('sees references typed in an open document right away', async () => {
    await c.open('segments/families.segment.yaml');
    await c.change(
      'segments/families.segment.yaml',
      c.text('segments/families.segment.yaml').replace('owner: brand-marketing', 'owner: cx-ops'),
    );
    const refs = (await c.references('org.teams.yaml', c.positionOf('org.teams.yaml', 'cx-ops', 1), false))!;
    assert.ok(refs.some((l) => rel(l) === 'segments/families.segment.yaml'));
  });
});
