/**
 * Edits never land on a text they were not computed for. LSP requests carry no document version,
 * so the contract is: the server answers a rename or a code action from the newest text it has
 * received (every edit the client sent before the request is applied first, even inside the
 * debounce window), and each workspace edit names, per open document, the version it was
 * computed against (`documentChanges` with a versioned identifier). An editor applies an edit
 * only to that version; an edit that arrives after the user typed on is refused, never applied
 * to the shifted text.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, offsetAt, serveFixture } from './harness';

const PERSONA = 'personas/busy-parent.persona.yaml';
const KPI = 'kpis/csat.kpi.yaml';

/** The edits of one document in a workspace edit, with the version they name. */
function docEdit(edit: WorkspaceEdit, uri: string): TextDocumentEdit {
  const dc = (edit.documentChanges ?? []).find(
    (d): d is TextDocumentEdit => 'textDocument' in d && d.textDocument.uri === uri,
  );
  assert.ok(dc, `no edit for ${uri}`);
  return dc;
}

/** The text an edit's range covers in `text`. */
function covered(text: string, e: TextDocumentEdit['edits'][number]): string {
  return text.slice(offsetAt(text, e.range.start), offsetAt(text, e.range.end));
}

describe('protocol: edits are tied to the document version they were computed for', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  serveFixture('test/protocol/fixtures/basic', 'test', (client) => (c = client));

  it('a rename sent right after a keystroke is computed on the new text and names its version', async () => {
    await c.open(PERSONA);
    // Two lines added above the id, and the rename sent at once (well inside the debounce).
    const v2 = '# added line one\n# added line two\n' + c.text(PERSONA);
    const pending = c.change(PERSONA, v2);
    const edit = (
      await Promise.all([pending, c.rename(PERSONA, c.positionOf(PERSONA, 'busy-parent', 1), 'harried-parent')])
    )[1]!;
    const dc = docEdit(edit, c.uri(PERSONA));
    assert.equal(dc.textDocument.version, 2);
    for (const e of dc.edits) assert.equal(covered(v2, e), 'busy-parent');
    await c.applyEdit(edit);
    assert.match(
      c.text(PERSONA),
      /^# added line one\n# added line two\nkind: persona\nid: harried-parent # keep this comment\n/,
    );
  });

  it('a rename answered before a later keystroke names the older version, and the editor refuses it', async () => {
    await c.open(PERSONA);
    const v1 = c.text(PERSONA);
    // The request goes first, the keystroke right after: the server answers from version 1.
    const request = c.rename(PERSONA, c.positionOf(PERSONA, 'busy-parent', 1), 'harried-parent');
    await c.change(PERSONA, 'id: typed-above\n' + v1);
    const edit = (await request)!;
    const dc = docEdit(edit, c.uri(PERSONA));
    assert.equal(dc.textDocument.version, 1);
    for (const e of dc.edits)
      assert.equal(covered(v1, e), 'busy-parent', 'the edit matches the text of the version it names');
    await assert.rejects(
      c.applyEdit(edit),
      /Refused: the edit is for version 1 of personas\/busy-parent\.persona\.yaml, the document is at 2/,
    );
    // Nothing was applied: the document is what the user typed.
    assert.equal(c.text(PERSONA), 'id: typed-above\n' + v1);
  });

  it('other open documents touched by a rename carry their own current versions', async () => {
    await c.open(PERSONA);
    await c.open('segments/families.segment.yaml');
    await c.change('segments/families.segment.yaml', c.text('segments/families.segment.yaml') + '# note\n');
    await c.change('segments/families.segment.yaml', c.text('segments/families.segment.yaml') + '# another\n');
    const edit = (await c.rename(PERSONA, c.positionOf(PERSONA, 'busy-parent', 1), 'harried-parent'))!;
    assert.equal(docEdit(edit, c.uri(PERSONA)).textDocument.version, 1);
    assert.equal(docEdit(edit, c.uri('segments/families.segment.yaml')).textDocument.version, 3);
    // A closed file is named with version null: it is edited on disk as it is.
    assert.equal(docEdit(edit, c.uri('journeys/onboarding.journey.yaml')).textDocument.version, null);
  });

  it('a quick fix asked right after a keystroke is computed on the new text and names its version', async () => {
    await c.open(KPI);
    const [d] = await c.waitForDiagnostics(KPI, (ds) => ds.length === 1 && c.published.get(c.uri(KPI))?.version === 1);
    // The problem moves two lines down; the editor still shows the old diagnostic for a moment.
    const v2 = '# one\n# two\n' + c.text(KPI);
    const pending = c.change(KPI, v2);
    const stale = await Promise.all([pending, c.codeActions(KPI, d.range, [d])]);
    assert.deepEqual(stale[1], [], 'no fix for a diagnostic of the older text');
    // Once the new diagnostic is shown, its fix names version 2 and edits the right place.
    const [moved] = await c.waitForDiagnostics(
      KPI,
      (ds) => ds.length === 1 && c.published.get(c.uri(KPI))?.version === 2,
    );
    const [fix] = (await c.codeActions(KPI, moved.range, [moved]))!;
    const dc = docEdit(fix.edit!, c.uri(KPI));
    assert.equal(dc.textDocument.version, 2);
    assert.equal(covered(v2, dc.edits[0]), 'cx-opz');
  });

  it('a quick fix answered before a later keystroke is refused by the editor', async () => {
    await c.open(KPI);
    const [d] = await c.waitForDiagnostics(KPI, (ds) => ds.length === 1 && c.published.get(c.uri(KPI))?.version === 1);
    const request = c.codeActions(KPI, d.range, [d] as Diagnostic[]);
    await c.change(KPI, '# typed\n' + c.text(KPI));
    const [fix] = (await request)!;
    assert.equal(docEdit(fix.edit!, c.uri(KPI)).textDocument.version, 1);
    await assert.rejects(c.applyEdit(fix.edit!), /Refused: the edit is for version 1/);
  });

  it('a client without documentChanges support gets plain changes computed on the newest text', async () => {
    const plain = await LspTestClient.start({
      fixture: 'test/protocol/fixtures/basic',
      capabilities: { workspace: { workspaceEdit: { documentChanges: false }, configuration: true } },
    });
    try {
      await plain.waitForReady();
      await plain.open(PERSONA);
      const v2 = '# above\n' + plain.text(PERSONA);
      const pending = plain.change(PERSONA, v2);
      const edit = (
        await Promise.all([
          pending,
          plain.rename(PERSONA, plain.positionOf(PERSONA, 'busy-parent', 1), 'harried-parent'),
        ])
      )[1]!;
      assert.equal(edit.documentChanges, undefined);
      for (const e of edit.changes![plain.uri(PERSONA)])
        assert.equal(v2.slice(offsetAt(v2, e.range.start), offsetAt(v2, e.range.end)), 'busy-parent');
    } finally {
      await plain.stop();
    }
  });
});
