/**
 * The extension in a real VS Code: the same scenarios as test/e2e-web/scenarios.ts, through the
 * VS Code API (activation, diagnostics, hover, completion, a quick fix, the journey map, and
 * recovery after the server is killed), on a temp copy of samples/with-problems.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsOf, extensionApi, hoverText, open, positionOf, sampleUri, waitFor } from './helpers';

const MOBILE = 'journeys/mobile-switch.journey.yaml';
const FIBRE = 'journeys/fibre-install.journey.yaml';

describe('cx-taxonomy in VS Code', () => {
  it('activates in a taxonomy workspace and starts its server', async () => {
    const api = await extensionApi();
    assert.ok(api.serverPid(), 'the server runs as a child process');
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'cxTaxonomy.openJourneyMap',
      'cxTaxonomy.showOwnershipReport',
      'cxTaxonomy.restartServer',
      'cxTaxonomy.newPersona',
    ])
      assert.ok(commands.includes(id), id);
  });

  it('reports the unowned touchpoint, even before the file is opened', async () => {
    await extensionApi();
    const diags = await waitFor(() => {
      const d = diagnosticsOf(sampleUri(MOBILE), 'touchpoint-owner');
      return d.length ? d : undefined;
    }, 'a touchpoint-owner diagnostic');
    assert.match(diags[0].message, /Order confirmation by text message/);
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diags[0].range.start.line, 60);
  });

  it('shows the glossary definition when hovering a term in a Markdown doc', async () => {
    await extensionApi();
    const editor = await open('docs/fibre-install-review.md');
    const pos = positionOf(editor.document, 'moment of truth', 3);
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        pos,
      );
      const t = hoverText(hovers ?? []);
      return /lasting opinion/.test(t) ? t : undefined;
    }, 'a glossary hover');
    assert.match(text, /Moment of truth/i);
  });

  it('completes team ids after `owner:`', async () => {
    await extensionApi();
    const editor = await open(MOBILE);
    const at = positionOf(editor.document, 'channel: sms');
    const line = editor.document.lineAt(at.line);
    await editor.edit((e) => e.insert(line.range.end, '\n        owner: '));
    const pos = new vscode.Position(at.line + 1, '        owner: '.length);
    const list = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        pos,
      );
      const labels = l.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return labels.includes('customer-care') ? labels : undefined;
    }, 'team ids in completion');
    assert.ok(list.includes('digital-product'));
    await vscode.commands.executeCommand('undo');
  });

  it('offers a quick fix that gives the unowned touchpoint an owner, and applying it clears the problem', async () => {
    await extensionApi();
    const editor = await open(MOBILE);
    const uri = editor.document.uri;
    const diag = await waitFor(() => diagnosticsOf(uri, 'touchpoint-owner')[0], 'the touchpoint-owner diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.edit && /cx-design/.test(a.title));
    assert.ok(fix?.edit, `a fix naming cx-design among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor(() => diagnosticsOf(uri, 'touchpoint-owner').length === 0, 'the problem to clear');
    assert.match(editor.document.getText(), /owner: cx-design/);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => diagnosticsOf(uri, 'touchpoint-owner').length === 1, 'the problem to return after undo');
  });

  it('opens the journey map for the active journey file', async () => {
    const api = await extensionApi();
    await open(MOBILE);
    await vscode.commands.executeCommand('cxTaxonomy.openJourneyMap');
    await waitFor(() => api.journeyMapUri() === sampleUri(MOBILE).toString(), 'the map to show mobile-switch');
    // The tab model catches up with the new panel asynchronously.
    await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find(
            (t) =>
              t.input instanceof vscode.TabInputWebview &&
              /journeyMap/.test(t.input.viewType) &&
              /Journey Map: mobile-switch/.test(t.label),
          ),
      'a "Journey Map: mobile-switch" tab',
      10_000,
    );
  });

  it('restarts the server after it is killed, and diagnostics come back', async () => {
    const api = await extensionApi();
    const before = api.serverPid();
    assert.ok(before);
    process.kill(before, 'SIGKILL');
    const after = await waitFor(() => {
      const pid = api.serverPid();
      return pid && pid !== before ? pid : undefined;
    }, 'a new server process');
    assert.notEqual(after, before);
    // A change only a live server can report: break a reference and see the diagnostic.
    const editor = await open(FIBRE);
    const pos = positionOf(editor.document, '- net-promoter-score', 2);
    const applied = await editor.edit((e) =>
      e.replace(new vscode.Range(pos, pos.translate(0, 'net-promoter-score'.length)), 'net-promoter-scor'),
    );
    await waitFor(
      () =>
        diagnosticsOf(editor.document.uri, 'unresolved-reference').some((d) => /net-promoter-scor\b/.test(d.message)),
      'a diagnostic from the restarted server',
    ).catch((err: Error) => {
      // What the editor holds when the diagnostic does not come, to tell a lost edit from a lost check.
      const line = editor.document.lineAt(pos.line).text;
      const shown = diagnosticsOf(editor.document.uri).map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
      throw new Error(
        `${err.message}; edit applied: ${applied}; version ${editor.document.version}, dirty ${editor.document.isDirty}; line ${pos.line + 1}: ${line.trim()}; diagnostics: ${shown.join(', ') || 'none'}; server pid ${api.serverPid()}`,
      );
    });
    await vscode.commands.executeCommand('undo');
  });
});
