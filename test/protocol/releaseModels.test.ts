import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LspTestClient } from './harness';

/*
 * In a large taxonomy the server lets the models of closed journey files go once checked and
 * rebuilds them when something reads them. CX_TAXONOMY_RELEASE_ABOVE=0 makes it do so on the
 * sample: every answer must be the one of a server that kept every model.
 */

const ROOT = path.join(__dirname, '../../samples/with-problems');

function filesUnder(dir: string, out: Record<string, string> = {}): Record<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) filesUnder(f, out);
    else out[path.relative(ROOT, f).split(path.sep).join('/')] = readFileSync(f, 'utf8');
  }
  return out;
}

const FILES = filesUnder(ROOT);
const TEAMS = Object.keys(FILES).find((p) => p.endsWith('.teams.yaml'))!;
const PERSONA = 'personas/remote-professional.persona.yaml';
/** A journey that names the persona above. */
const NAMER = 'journeys/fibre-install.journey.yaml';
const JOURNEYS = Object.keys(FILES).filter((p) => p.endsWith('.journey.yaml'));

/** The server's log line saying how many files let their models go, in the last session. */
let released: string | undefined;

/** What a session sees: diagnostics, symbols, views, reports, references and a rename, then after an edit. */
async function session(env: Record<string, string>): Promise<string[]> {
  const c = await LspTestClient.start({ files: FILES, env });
  try {
    await c.waitForReady(60_000);
    const base = c.uri('');
    const seen: string[] = [];
    released = c.logs.find((l) => l.startsWith('Models let go once checked:'));
    const note = (what: string, value: unknown) =>
      seen.push(`${what}: ${JSON.stringify(value).split(base).join('<root>')}`);
    const diagnostics = () =>
      [...c.published].map(([uri, p]) => [uri, p.diagnostics] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    note('diagnostics', diagnostics());
    note('symbols', await c.connection.sendRequest('workspace/symbol', { query: '' }));
    note('taxonomy view', await c.connection.sendRequest('cxTaxonomy/taxonomyView', {}));
    note('ownership report', await c.connection.sendRequest('cxTaxonomy/ownershipReport', {}));
    for (const j of JOURNEYS)
      note(`journey map ${j}`, await c.connection.sendRequest('cxTaxonomy/journeyMap', { uri: c.uri(j) }));
    // A team named by touchpoints in closed journeys: its references, and a rename that edits them.
    await c.open(TEAMS);
    const teamsText = FILES[TEAMS];
    const idAt = teamsText.indexOf('id: customer-care');
    assert.ok(idAt >= 0, 'the teams file defines customer-care');
    const line = teamsText.slice(0, idAt).split('\n').length - 1;
    const position = { line, character: teamsText.slice(0, idAt).split('\n')[line].length + 5 };
    note(
      'references',
      await c.connection.sendRequest('textDocument/references', {
        textDocument: { uri: c.uri(TEAMS) },
        position,
        context: { includeDeclaration: true },
      }),
    );
    note(
      'rename',
      await c.connection.sendRequest('textDocument/rename', {
        textDocument: { uri: c.uri(TEAMS) },
        position,
        newName: 'care-team',
      }),
    );
    // An edit of a persona re-checks the journeys that name it, from their rebuilt models.
    await c.open(PERSONA);
    await c.change(PERSONA, FILES[PERSONA].replace(/^id:\s*\S+/m, 'id: renamed-persona'));
    await c.waitForDiagnostics(NAMER, (ds) => ds.some((d) => String(d.message).includes('remote-professional')));
    note('diagnostics after the edit', diagnostics());
    return seen;
  } finally {
    await c.stop();
  }
}

describe('protocol: closed files let their models go in a large taxonomy', function () {
  this.timeout(180_000);

  it('answers every request as a server that kept every model', async () => {
    assert.ok(JOURNEYS.length >= 2);
    assert.match(FILES[PERSONA], /^id: remote-professional$/m);
    assert.match(FILES[NAMER], /persona: remote-professional/);
    const letGo = await session({ CX_TAXONOMY_RELEASE_ABOVE: '0' });
    assert.match(released ?? '', new RegExp(`^Models let go once checked: ${JOURNEYS.length} closed files`));
    const kept = await session({});
    assert.equal(released, undefined, 'a small taxonomy keeps its models');
    assert.equal(letGo.length, kept.length);
    letGo.forEach((r, i) => assert.equal(r, kept[i]));
    assert.match(
      letGo.find((r) => r.startsWith('references'))!,
      /journey\.yaml/,
    );
  });
});
