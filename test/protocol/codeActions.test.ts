import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspTestClient, lines, serveFixture } from './harness';

describe('protocol: quick fixes', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  serveFixture('test/protocol/fixtures/basic', 'test', (client) => (c = client));

  it('unresolved-reference: replaces the id with the suggestion, in a file never opened', async () => {
    const [d] = await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 1);
    const actions = (await c.codeActions('kpis/csat.kpi.yaml', d.range, [d]))!;
    assert.deepEqual(actions[0] && [actions[0].title, actions[0].kind, actions[0].isPreferred], [
      'Change to `cx-ops`',
      'quickfix',
      true,
    ]);
    // The rest silence the finding instead (see editorActions.test.ts).
    assert.deepEqual(
      actions.slice(1).map((a) => a.title),
      ['Disable `unresolved-reference` for this line', 'Disable `unresolved-reference` for this file'],
    );
    assert.deepEqual(
      actions[0].diagnostics?.map((x) => x.code),
      ['unresolved-reference'],
    );
    await c.applyEdit(actions[0].edit!);
    assert.match(readFileSync(c.path('kpis/csat.kpi.yaml'), 'utf8'), /^owner: cx-ops$/m);
    await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 0);
  });

  it("touchpoint-owner: inserts an owner line with the journey's owner", async () => {
    await c.open('journeys/onboarding.journey.yaml');
    const [d] = await c.waitForDiagnostics('journeys/onboarding.journey.yaml', (ds) =>
      ds.some((x) => x.code === 'touchpoint-owner'),
    );
    const actions = (await c.codeActions('journeys/onboarding.journey.yaml', d.range, [d]))!;
    assert.equal(actions[0].title, 'Make `cx-ops` the owner of touchpoint `Welcome call`');
    const dc = actions[0].edit!.documentChanges![0];
    assert.ok('textDocument' in dc && dc.textDocument.version === 1, 'the edit names the open document version');
    await c.applyEdit(actions[0].edit!);
    assert.match(
      c.text('journeys/onboarding.journey.yaml'),
      / {6}- id: welcome-call\n {8}owner: cx-ops\n {8}name: Welcome call/,
    );
    await c.waitForDiagnostics('journeys/onboarding.journey.yaml', (ds) => ds.length === 0);
  });

  it('kind-mismatch and duplicate-id fixes', async () => {
    await c.writeFile(
      'personas/copy.persona.yaml',
      lines('kind: segment', 'id: busy-parent', 'name: Copy', 'owner: cx-ops', 'segments: [families]'),
    );
    const [km] = await c.waitForDiagnostics('personas/copy.persona.yaml', (ds) =>
      ds.some((d) => d.code === 'kind-mismatch'),
    );
    const fix = (await c.codeActions('personas/copy.persona.yaml', km.range, [km]))!;
    assert.equal(fix[0].title, 'Change kind to `persona`');
    await c.applyEdit(fix[0].edit!);
    const dups = await c.waitForDiagnostics('personas/copy.persona.yaml', (ds) =>
      ds.some((d) => d.code === 'duplicate-id'),
    );
    const dup = dups.find((d) => d.code === 'duplicate-id')!;
    const rename = (await c.codeActions('personas/copy.persona.yaml', dup.range, [dup]))!;
    assert.equal(rename[0].title, 'Rename this persona to `busy-parent-2`');
    await c.applyEdit(rename[0].edit!);
    await c.waitForDiagnostics('personas/busy-parent.persona.yaml', (ds) => ds.every((d) => d.code !== 'duplicate-id'));
  });

  it('offers nothing for a diagnostic from an older version of the document', async () => {
    await c.open('kpis/csat.kpi.yaml');
    const [d] = await c.waitForDiagnostics(
      'kpis/csat.kpi.yaml',
      (ds) => ds.length === 1 && c.published.get(c.uri('kpis/csat.kpi.yaml'))?.version === 1,
    );
    await c.change('kpis/csat.kpi.yaml', c.text('kpis/csat.kpi.yaml').replace('owner: cx-opz', 'owner: cx-opq'));
    assert.deepEqual(await c.codeActions('kpis/csat.kpi.yaml', d.range, [d]), []);
  });
});
