/**
 * The language server as a hostile workspace and a careless client meet it: symbolic links out of
 * a taxonomy are never read (a notice says so), and params that break the protocol are refused
 * with InvalidParams in one line, never a stack trace in the log.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { lines, LspTestClient } from './harness';

const TEAMS = lines('kind: teams', 'teams:', '  - id: cx-ops', '    name: CX Ops', '    function: cx');

describe('protocol: symbolic links out of a taxonomy are not read', function () {
  this.timeout(60000);
  let outside: string;
  let c: LspTestClient;

  before(async () => {
    outside = mkdtempSync(path.join(tmpdir(), 'cx-secret-'));
    writeFileSync(path.join(outside, 'passwd'), 'root:x:0:0:SECRET-ROOT-LINE:/root:/bin/bash\n');
    writeFileSync(
      path.join(outside, 'outside.persona.yaml'),
      lines('kind: persona', 'id: secret-persona', 'name: SECRET-NAME', 'owner: nobody'),
    );
    writeFileSync(path.join(outside, 'leak.md'), '# Leak\n\nSECRET-DOC-LINE\n');
    c = await LspTestClient.start({ files: { 'org.teams.yaml': TEAMS } });
    await c.waitForReady();
    // A second workspace folder, added once its links exist (the server lists it then).
    mkdirSync(c.path('links/.src'), { recursive: true });
    writeFileSync(
      c.path('links/.src/team.teams.yaml'),
      lines('kind: teams', 'teams:', '  - id: linked-team', '    name: Linked', '    function: cx'),
    );
    writeFileSync(c.path('links/p.persona.yaml'), lines('kind: persona', 'id: p', 'name: P', 'owner: linked-team'));
    symlinkSync(path.join(outside, 'passwd'), c.path('links/pw.persona.yaml'));
    symlinkSync(outside, c.path('links/shared'));
    symlinkSync('.src/team.teams.yaml', c.path('links/inside.teams.yaml'));
    await c.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: c.uri('links'), name: 'links' }], removed: [] },
    });
    await c.waitFor('the folder to be checked', () => c.statuses.filter((s) => s.state === 'ready').length >= 2);
  });
  after(async () => {
    await c?.stop();
    rmSync(outside, { recursive: true, force: true });
  });

  const everything = () => JSON.stringify([...c.published.values()]) + c.logs.join('\n');

  it('a link to a file outside is one unreadable-file problem that quotes nothing of it', async () => {
    const ds = await c.waitForDiagnostics('links/pw.persona.yaml', (x) => x.length > 0);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['unreadable-file'],
    );
    assert.match(String(ds[0].message), /symbolic link to a file outside the taxonomy folder/);
    assert.doesNotMatch(everything(), /SECRET/);
  });

  it('a link to a folder outside is not listed, and the log says why once', () => {
    assert.deepEqual(
      [...c.published.keys()].filter((u) => u.includes('/shared/')),
      [],
    );
    const notes = c.logs.filter((l) => l.includes('shared'));
    assert.equal(notes.length, 1, c.logs.join('\n'));
    assert.match(notes[0], /Skipped shared: a symbolic link to a folder outside the taxonomy folder/);
  });

  it('a link inside the taxonomy keeps working', async () => {
    const ds = await c.waitForDiagnostics('links/p.persona.yaml', (x) => x.some((d) => d.code === 'orphan-persona'));
    assert.ok(!ds.some((d) => d.code === 'unresolved-reference'), JSON.stringify(ds));
  });

  it('a link created later (a watcher event) is refused the same way', async () => {
    symlinkSync(path.join(outside, 'outside.persona.yaml'), c.path('links/later.persona.yaml'));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: c.uri('links/later.persona.yaml'), type: 1 }],
    });
    const ds = await c.waitForDiagnostics('links/later.persona.yaml', (x) => x.length > 0);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['unreadable-file'],
    );
    assert.doesNotMatch(everything(), /SECRET/);
  });
});

describe('protocol: invalid params are refused with InvalidParams, in one line', function () {
  this.timeout(60000);
  let c: LspTestClient;

  before(async () => {
    c = await LspTestClient.start({ fixture: 'test/protocol/fixtures/basic' });
    await c.waitForReady();
  });
  after(async () => {
    await c?.stop();
  });

  it('each malformed request gets -32602 naming what is wrong; the log holds no stack trace', async () => {
    const kpi = c.uri('kpis/csat.kpi.yaml');
    const doc = { textDocument: { uri: kpi } };
    const p = { line: 0, character: 0 };
    const cases: [string, unknown, RegExp][] = [
      ['textDocument/hover', { position: p }, /textDocument\.uri/],
      ['textDocument/hover', { ...doc }, /position/],
      ['textDocument/hover', { ...doc, position: { line: -1, character: 0 } }, /whole numbers/],
      ['textDocument/hover', { ...doc, position: { line: 'a', character: null } }, /whole numbers/],
      ['textDocument/completion', { textDocument: 'kpis/csat.kpi.yaml', position: p }, /textDocument\.uri/],
      ['textDocument/definition', { textDocument: null, position: p }, /textDocument\.uri/],
      ['textDocument/references', { ...doc, position: p, context: 'yes' }, /includeDeclaration/],
      ['textDocument/prepareRename', { ...doc }, /position/],
      ['textDocument/rename', { ...doc, position: p }, /newName/],
      ['textDocument/documentSymbol', {}, /textDocument\.uri/],
      ['textDocument/codeAction', { ...doc, range: { start: p, end: p } }, /context/],
      [
        'textDocument/codeAction',
        { ...doc, range: { start: p, end: p }, context: { diagnostics: [{ message: 'x' }] } },
        /range/,
      ],
      ['textDocument/codeAction', { ...doc, context: { diagnostics: [] } }, /range/],
      ['workspace/symbol', {}, /query/],
      ['cxTaxonomy/journeyMap', {}, /uri/],
      ['cxTaxonomy/ownershipReport', { uri: 5 }, /uri/],
      ['textDocument/codeLens', {}, /textDocument\.uri/],
      ['codeLens/resolve', { data: {} }, /range/],
      ['textDocument/inlayHint', { ...doc }, /range/],
      ['cxTaxonomy/usagePlaces', { uri: kpi, id: 'csat', kind: 'journey', lens: 'usage' }, /kind/],
    ];
    for (const [method, params, what] of cases) {
      const err = await c.connection.sendRequest(method, params).then(
        () => undefined,
        (e: { code?: number; message?: string }) => e,
      );
      assert.ok(err, `${method} ${JSON.stringify(params)} was answered`);
      assert.equal(err.code, -32602, `${method} ${JSON.stringify(params)}: ${err.code} ${err.message}`);
      assert.match(err.message ?? '', what, `${method}: ${err.message}`);
      assert.match(err.message ?? '', new RegExp(`^Invalid params for ${method.replace('/', '\\/')}: [^\\n]+$`));
    }
    // Well-formed requests still work, and the client's mistakes left nothing in the log.
    const h = await c.hover(
      'journeys/onboarding.journey.yaml',
      c.positionOf('journeys/onboarding.journey.yaml', 'busy-parent', 2),
    );
    assert.ok(h);
    const log = c.logs.join('\n');
    assert.doesNotMatch(log, /\n\s+at |TypeError|Cannot read properties/, log);
  });
});
