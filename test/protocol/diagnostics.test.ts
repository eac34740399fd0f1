import * as assert from 'node:assert/strict';
import { LspTestClient, lines } from './harness';

const codes = (ds: { code?: unknown }[]) => ds.map((d) => String(d.code)).sort();

describe('protocol: diagnostics for the whole workspace', function () {
  this.timeout(60000);
  let c: LspTestClient;

  beforeEach(async () => {
    c = await LspTestClient.start({ fixture: 'test/protocol/fixtures/basic' });
  });
  afterEach(async () => {
    await c.stop();
  });

  it('publishes problems of files never opened, with rule code and source', async () => {
    const [d] = await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 1);
    assert.equal(d.code, 'unresolved-reference');
    assert.equal(d.source, 'cx-taxonomy');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, { start: { line: 3, character: 7 }, end: { line: 3, character: 13 } });
    await c.waitForDiagnostics('journeys/onboarding.journey.yaml', (ds) => codes(ds).join() === 'touchpoint-owner');
    await c.waitForReady();
    assert.deepEqual(c.diagnostics('org.teams.yaml'), []);
  });

  it('reports indexing as work-done progress and a status notification', async () => {
    await c.waitForReady();
    const begin = c.progress.find((p) => p.kind === 'begin');
    assert.equal(begin?.title, 'Indexing taxonomy');
    assert.ok(
      c.progress.some((p) => p.kind === 'report' && /^\d[\d,]* \/ \d[\d,]* files$/.test(p.message ?? '')),
      JSON.stringify(c.progress),
    );
    assert.ok(c.progress.some((p) => p.kind === 'end'));
    assert.ok(
      c.statuses.some((s) => s.state === 'indexing' && s.total === 9),
      JSON.stringify(c.statuses),
    );
  });

  it('registers file watching for taxonomy files, Markdown docs and the config', async () => {
    await c.waitForReady();
    const reg = c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    const globs = (reg?.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.deepEqual(globs, [
      '**/*.{teams,glossary,persona,segment,journey,kpi}.{yaml,yml}',
      '**/*.md',
      '**/{cx-taxonomy.config.yaml,cx-taxonomy.config.yml}',
    ]);
  });

  it('clears a problem the moment it is fixed in the editor, and brings it back on close without saving', async () => {
    await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 1);
    await c.open('kpis/csat.kpi.yaml');
    await c.change('kpis/csat.kpi.yaml', c.text('kpis/csat.kpi.yaml').replace('cx-opz', 'cx-ops'));
    await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 0);
    await c.close('kpis/csat.kpi.yaml');
    await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 1);
  });

  it('updates cross-file problems in every file: a duplicate id fixed clears both places', async () => {
    await c.writeFile(
      'personas/copy.persona.yaml',
      lines('kind: persona', 'id: busy-parent', 'name: Copy', 'owner: cx-ops', 'segments: [families]'),
    );
    const [dup] = await c.waitForDiagnostics('personas/busy-parent.persona.yaml', (ds) =>
      codes(ds).includes('duplicate-id'),
    );
    assert.equal(dup.relatedInformation?.[0].location.uri, c.uri('personas/copy.persona.yaml'));
    await c.waitForDiagnostics('personas/copy.persona.yaml', (ds) => codes(ds).includes('duplicate-id'));
    await c.open('personas/copy.persona.yaml');
    await c.change(
      'personas/copy.persona.yaml',
      c.text('personas/copy.persona.yaml').replace('id: busy-parent', 'id: other-parent'),
    );
    await c.waitForDiagnostics('personas/busy-parent.persona.yaml', (ds) => !codes(ds).includes('duplicate-id'));
    await c.waitForDiagnostics('personas/copy.persona.yaml', (ds) => !codes(ds).includes('duplicate-id'));
  });

  it('picks up files created and deleted outside the editor', async () => {
    await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 1);
    // A new team file defines the missing team: the KPI's problem goes away.
    await c.writeFile(
      'more.teams.yaml',
      lines('kind: teams', 'teams:', '  - id: cx-opz', '    name: Typo team', '    function: cx'),
    );
    await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 0);
    // Deleting it brings the problem back.
    await c.deleteFile('more.teams.yaml');
    await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 1);
    // Deleting the file with the problem clears its diagnostics.
    await c.deleteFile('kpis/csat.kpi.yaml');
    await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 0);
    // ...and a reference to it elsewhere now fails.
    await c.waitForDiagnostics('journeys/onboarding.journey.yaml', (ds) => codes(ds).includes('unresolved-reference'));
  });

  it('forgets the files of a deleted folder', async () => {
    await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 1);
    await c.deleteFile('kpis');
    await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 0);
    await c.waitForDiagnostics(
      'journeys/onboarding.journey.yaml',
      (ds) => codes(ds).filter((x) => x === 'unresolved-reference').length === 2,
    );
  });

  it('shows problems as the user types in a new, unsaved file', async () => {
    await c.waitForReady();
    await c.open('personas/new.persona.yaml', lines('kind: persona', 'id: new-one', 'name: New', 'owner: nobody'));
    await c.waitForDiagnostics('personas/new.persona.yaml', (ds) => codes(ds).includes('unresolved-reference'));
    await c.change(
      'personas/new.persona.yaml',
      lines('kind: persona', 'id: new-one', 'name: New', 'owner: [cx-ops, sales-team'),
    );
    await c.waitForDiagnostics('personas/new.persona.yaml', (ds) => codes(ds).includes('yaml-syntax'));
  });

  it('re-checks only what depends on the edit: other files are not republished', async () => {
    await c.waitForReady();
    await c.open('kpis/csat.kpi.yaml');
    await c.waitFor(
      'the open file to be re-checked',
      () => c.published.get(c.uri('kpis/csat.kpi.yaml'))?.version === 1,
    );
    const before = c.publishLog.length;
    await c.change(
      'kpis/csat.kpi.yaml',
      c.text('kpis/csat.kpi.yaml').replace('unit: percent', 'unit: percent # of survey answers'),
    );
    await c.waitFor('the edit to be re-checked', () => c.published.get(c.uri('kpis/csat.kpi.yaml'))?.version === 2);
    // The journey that lists this KPI shows problems too, but nothing it looked up changed.
    assert.deepEqual(c.publishLog.slice(before), [c.uri('kpis/csat.kpi.yaml')]);
  });

  it('keeps serving after a hostile file: every other file still gets its problems', async () => {
    await c.waitForReady();
    await c.writeFile(
      'bomb.persona.yaml',
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n',
    );
    await c.waitForDiagnostics('bomb.persona.yaml', (ds) => ds.some((d) => /alias bomb/.test(String(d.message))));
    await c.open('kpis/csat.kpi.yaml');
    await c.change('kpis/csat.kpi.yaml', c.text('kpis/csat.kpi.yaml').replace('cx-opz', 'cx-ops'));
    await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 0);
  });
});

describe('protocol: workspace folders', function () {
  this.timeout(60000);

  it('indexes a folder added later and clears the problems of a folder removed', async () => {
    const c = await LspTestClient.start({
      files: {
        'a/x.persona.yaml': lines('kind: persona', 'id: x', 'name: X', 'owner: nobody'),
        'b/y.kpi.yaml': lines('kind: kpi', 'id: y', 'name: Y', 'owner: nobody-either'),
      },
      folders: ['a'],
    });
    try {
      await c.waitForDiagnostics('a/x.persona.yaml', (ds) => ds.some((d) => d.code === 'unresolved-reference'));
      assert.deepEqual(c.diagnostics('b/y.kpi.yaml'), []);
      await c.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: c.uri('b'), name: 'b' }], removed: [] },
      });
      await c.waitForDiagnostics('b/y.kpi.yaml', (ds) => ds.some((d) => d.code === 'unresolved-reference'));
      await c.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [], removed: [{ uri: c.uri('a'), name: 'a' }] },
      });
      await c.waitForDiagnostics('a/x.persona.yaml', (ds) => ds.length === 0);
    } finally {
      await c.stop();
    }
  });

  it('serves a file opened from outside every folder on its own', async () => {
    const c = await LspTestClient.start({
      files: { 'ws/t.teams.yaml': lines('kind: teams', 'teams: []') },
      folders: ['ws'],
    });
    try {
      await c.waitForReady();
      await c.open('elsewhere/loose.kpi.yaml', lines('kind: kpi', 'id: loose', 'name: Loose', 'direction: sideways'));
      await c.waitForDiagnostics('elsewhere/loose.kpi.yaml', (ds) => ds.some((d) => d.code === 'schema'));
      await c.close('elsewhere/loose.kpi.yaml');
      await c.waitForDiagnostics('elsewhere/loose.kpi.yaml', (ds) => ds.length === 0);
    } finally {
      await c.stop();
    }
  });
});
