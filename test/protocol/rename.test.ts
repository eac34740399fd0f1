import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspTestClient, serveFixture } from './harness';

describe('protocol: rename', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  serveFixture('test/protocol/fixtures/basic', 'test', (client) => (c = client));

  it('prepares on an id, inside the quotes, and refuses elsewhere with a message', async () => {
    const r = await c.prepareRename(
      'journeys/onboarding.journey.yaml',
      c.positionOf('journeys/onboarding.journey.yaml', 'busy-parent', 3),
    );
    assert.deepEqual(r, {
      range: { start: { line: 3, character: 10 }, end: { line: 3, character: 21 } },
      placeholder: 'busy-parent',
    });
    await assert.rejects(
      c.prepareRename(
        'journeys/onboarding.journey.yaml',
        c.positionOf('journeys/onboarding.journey.yaml', 'Onboarding', 2),
      ),
      /Only ids can be renamed/,
    );
  });

  it('renames a persona across files; edits touch only the scalar, comments and quotes survive', async () => {
    await c.open('personas/busy-parent.persona.yaml');
    const edit = (await c.rename(
      'personas/busy-parent.persona.yaml',
      c.positionOf('personas/busy-parent.persona.yaml', 'busy-parent', 1),
      'harried-parent',
    ))!;
    const docs = edit
      .documentChanges!.map((d) =>
        'textDocument' in d ? `${d.textDocument.uri.slice(c.uri('').length + 1)}@${d.textDocument.version}` : '?',
      )
      .sort();
    assert.deepEqual(docs, [
      'journeys/onboarding.journey.yaml@null',
      'personas/busy-parent.persona.yaml@1',
      'segments/families.segment.yaml@null',
    ]);
    await c.applyEdit(edit);
    assert.match(c.text('personas/busy-parent.persona.yaml'), /^id: harried-parent # keep this comment$/m);
    assert.match(readFileSync(c.path('journeys/onboarding.journey.yaml'), 'utf8'), /^persona: "harried-parent"$/m);
    assert.match(readFileSync(c.path('segments/families.segment.yaml'), 'utf8'), /^ {2}- harried-parent$/m);
    // Nothing became unresolved.
    await c.waitForDiagnostics('journeys/onboarding.journey.yaml', (ds) =>
      ds.every((d) => d.code !== 'unresolved-reference'),
    );
    await c.waitForDiagnostics('segments/families.segment.yaml', (ds) => ds.length === 0);
  });

  it('renames a team everywhere it is named', async () => {
    const edit = (await c.rename('org.teams.yaml', c.positionOf('org.teams.yaml', 'cx-ops', 1), 'cx-operations'))!;
    const count = edit.documentChanges!.reduce((n, d) => n + ('edits' in d ? d.edits.length : 0), 0);
    assert.equal(count, 6);
    await c.applyEdit(edit);
    assert.match(readFileSync(c.path('org.teams.yaml'), 'utf8'), /- id: cx-operations # the CX operations team/);
  });

  it('refuses an invalid or colliding id with a clear message', async () => {
    const at = c.positionOf('org.teams.yaml', 'cx-ops', 1);
    await assert.rejects(
      c.rename('org.teams.yaml', at, 'CX Ops'),
      /"CX Ops" is not a valid id: use lowercase letters and digits in words joined by hyphens, like "cx-ops"/,
    );
    await assert.rejects(
      c.rename('org.teams.yaml', at, 'sales-team'),
      /The team id "sales-team" is already used \(org\.teams\.yaml:10\)/,
    );
  });

  it('renames stages and touchpoints within their journey', async () => {
    const edit = (await c.rename(
      'journeys/onboarding.journey.yaml',
      c.positionOf('journeys/onboarding.journey.yaml', 'welcome-call', 1),
      'intro-call',
    ))!;
    assert.equal(edit.documentChanges!.length, 1);
    await assert.rejects(
      c.rename(
        'journeys/onboarding.journey.yaml',
        c.positionOf('journeys/onboarding.journey.yaml', 'welcome-call', 1),
        'welcome-email',
      ),
      /already used in this journey/,
    );
  });

  it('an editor refuses an edit made for an older version of an open document', async () => {
    await c.open('personas/busy-parent.persona.yaml');
    const edit = (await c.rename(
      'personas/busy-parent.persona.yaml',
      c.positionOf('personas/busy-parent.persona.yaml', 'busy-parent', 1),
      'harried-parent',
    ))!;
    await c.change(
      'personas/busy-parent.persona.yaml',
      c.text('personas/busy-parent.persona.yaml') + '# edited meanwhile\n',
    );
    await assert.rejects(c.applyEdit(edit), /Refused: the edit is for version 1/);
  });
});
