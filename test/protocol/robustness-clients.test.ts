/**
 * Editors other than VS Code (issue 11, cases 4 and 6): settings pushed with
 * `workspace/didChangeConfiguration` by a client that cannot answer `workspace/configuration`
 * (Neovim 0.7), and positions past the end of a line, which LSP says mean the line's end.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic, Position } from 'vscode-languageserver-protocol';
import { hoverText, lines, LspTestClient } from './harness';

/** A taxonomy with one KPI no touchpoint measures (an `unused-kpi` hint) and no owner (`kpi-owner`). */
const UNUSED_KPI = {
  'org.teams.yaml': lines('kind: teams', 'teams:', '  - id: cx-ops', '    name: CX Operations', '    function: cx'),
  'k.kpi.yaml': lines('kind: kpi', 'id: nps', 'name: Net Promoter Score', 'direction: increase', 'unit: score'),
};

/** What Neovim 0.7 announces: no `workspace/configuration`, no dynamic registration. */
const NEOVIM_07 = {
  workspace: {
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: false },
    didChangeWatchedFiles: { dynamicRegistration: false },
  },
  window: { workDoneProgress: true },
};

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));

describe('protocol: settings pushed by clients without workspace/configuration (issue 11)', function () {
  this.timeout(60000);
  let c: LspTestClient | undefined;
  afterEach(async () => {
    await c?.stop();
    c = undefined;
  });

  it('`unused-kpi: off` pushed right after `initialized` holds once indexing ends, and a later push applies live', async () => {
    c = await LspTestClient.start({ files: UNUSED_KPI, capabilities: NEOVIM_07, clientName: 'Neovim' });
    await c.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { cxTaxonomy: { rules: { 'unused-kpi': 'off' } } },
    });
    await c.waitForReady();
    // The file is checked (its other problem shows) and the hint is not there.
    const ds = await c.waitForDiagnostics('k.kpi.yaml', (d) => codes(d).includes('kpi-owner'));
    assert.ok(!codes(ds).includes('unused-kpi'), JSON.stringify(codes(ds)));
    assert.ok(
      !c.publishHistory.some((p) => p.diagnostics.some((d) => d.code === 'unused-kpi')),
      'the hint never appears',
    );
    // A push after indexing applies too: the rule back on shows the hint.
    await c.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { cxTaxonomy: { rules: {} } },
    });
    await c.waitForDiagnostics('k.kpi.yaml', (d) => codes(d).includes('unused-kpi'));
  });
});

describe('protocol: positions past the end of a line (issue 11)', function () {
  this.timeout(60000);
  let c: LspTestClient | undefined;
  afterEach(async () => {
    await c?.stop();
    c = undefined;
  });

  for (const eol of ['\n', '\r\n']) {
    it(`completion and hover past the end of \`owner: cx-design\` stay on that line (${eol === '\n' ? 'LF' : 'CRLF'})`, async () => {
      const rel = 'journeys/mobile-switch.journey.yaml';
      const client = await LspTestClient.start({ fixture: 'samples/acme-telecom' });
      c = client;
      await client.waitForReady();
      const text = client.text(rel).replace(/\r?\n/g, eol);
      await client.writeFile(rel, text);
      await client.open(rel, text);
      const lineNo = text.split(eol).indexOf('owner: cx-design');
      assert.ok(lineNo > 0);
      for (const past of [1, 40]) {
        const at: Position = { line: lineNo, character: 'owner: cx-design'.length + past };
        const items = await client.completion(rel, at);
        for (const item of items) {
          const edit = item.textEdit;
          if (!edit) continue;
          const range = 'range' in edit ? edit.range : edit.replace;
          assert.equal(range.start.line, lineNo, `${item.label} edits line ${range.start.line + 1}`);
          assert.equal(range.end.line, lineNo, `${item.label} edits up to line ${range.end.line + 1}`);
        }
        const h = await client.hover(rel, at);
        if (h) {
          assert.equal(h.range?.start.line, lineNo, hoverText(h));
          assert.doesNotMatch(hoverText(h), /status/i);
        }
      }
    });
  }
});
