import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, REPO, lines, vscodeLikeCapabilities } from './harness';

const JOURNEY = 'journeys/trial.journey.yaml';
/** Two touchpoints of one stage without an owner, under a header comment. */
const TRIAL = lines(
  '# Trial journey, owned by CX operations.',
  'kind: journey',
  'id: trial',
  'name: Trial',
  'persona: busy-parent',
  'owner: cx-ops',
  'stages:',
  '  - id: try',
  '    name: Try',
  '    lifecycleStage: onboarding',
  '    touchpoints:',
  '      - id: trial-sms',
  '        name: Trial SMS',
  '        channel: sms',
  '      - id: trial-call',
  '        name: Trial call',
  '        channel: phone',
);

/** A persona file that says `kind: segment`, with a directive that silences nothing: two safe fixes. */
const MISKINDED = lines(
  'kind: segment',
  'id: solo-saver',
  'name: Solo saver',
  'owner: cx-ops',
  'segments: [families]',
  '# cx-taxonomy-disable-next-line touchpoint-owner -- nothing here',
  'description: Saves alone.',
);

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));
const titles = (as: CodeAction[]) => as.map((a) => a.title);

/** A snippet edit's text as the editor inserts it: the placeholders' default text, unescaped. */
function snippetToText(value: string): string {
  return value.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\\([$}\\])/g, '$1');
}

/** A workspace edit whose snippet edits are made plain, for the harness to apply. */
function plain(edit: WorkspaceEdit): WorkspaceEdit {
  return {
    documentChanges: (edit.documentChanges ?? []).map((dc) => {
      if (!('textDocument' in dc)) return dc;
      return {
        ...dc,
        edits: dc.edits.map((e) => ('snippet' in e ? { range: e.range, newText: snippetToText(e.snippet.value) } : e)),
      };
    }),
  };
}

describe('protocol: fix all, disable comments and rule docs', function () {
  this.timeout(60000);
  let c: LspTestClient;
  const shown: string[] = [];

  beforeEach(async () => {
    const capabilities = vscodeLikeCapabilities();
    capabilities.workspace!.workspaceEdit = { documentChanges: true, snippetEditSupport: true };
    capabilities.window = { ...capabilities.window, showDocument: { support: true } };
    c = await LspTestClient.start({
      fixture: 'test/protocol/fixtures/basic',
      files: { [JOURNEY]: TRIAL, 'personas/solo-saver.persona.yaml': MISKINDED },
      capabilities,
    });
    shown.length = 0;
    c.connection.onRequest('window/showDocument', (p: { uri: string }) => {
      shown.push(p.uri);
      return { success: true };
    });
    await c.waitForReady();
  });
  afterEach(async () => {
    await c.stop();
  });

  it('advertises quickfix and source.fixAll.cxTaxonomy, and the command that opens a rule page', () => {
    const caps = c.initializeResult!.capabilities;
    const provider = caps.codeActionProvider;
    assert.ok(typeof provider === 'object');
    assert.deepEqual(provider.codeActionKinds, ['quickfix', 'source.fixAll.cxTaxonomy']);
    assert.deepEqual(caps.executeCommandProvider?.commands, ['cxTaxonomy.showRuleDocumentation']);
  });

  it('fix all (as on save, `source.fixAll`) applies every safe fix of the file at once and leaves it valid', async () => {
    const rel = 'personas/solo-saver.persona.yaml';
    await c.open(rel);
    const before = await c.waitForDiagnostics(
      rel,
      (ds) => codes(ds).includes('kind-mismatch') && codes(ds).includes('unused-disable-directive'),
    );
    const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: c.uri(rel) },
      range: whole,
      context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 2 },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.cxTaxonomy'],
    );
    await c.applyEdit(actions[0].edit!);
    assert.match(c.text(rel), /^kind: persona$/m);
    assert.doesNotMatch(c.text(rel), /cx-taxonomy-disable/);
    const after = await c.waitForDiagnostics(rel, (ds) => !codes(ds).includes('kind-mismatch'));
    for (const gone of ['kind-mismatch', 'unused-disable-directive', 'yaml-syntax', 'schema'])
      assert.ok(!codes(after).includes(gone), `${gone} after fix all: ${codes(after)}`);
    assert.ok(before.length > after.length);
    // Asked only for quick fixes, the server answers no fix-all action.
    const quick = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: c.uri(rel) },
      range: whole,
      context: { diagnostics: [], only: ['quickfix'] },
    })) as CodeAction[];
    assert.ok(quick.every((a) => a.kind === 'quickfix'));
  });

  it('quick fixes name the touchpoint, offer the stage an owner, and fix all of a rule in the file', async () => {
    await c.open(JOURNEY);
    const ds = await c.waitForDiagnostics(
      JOURNEY,
      (list) => codes(list).filter((x) => x === 'touchpoint-owner').length === 2,
    );
    const d = ds.find((x) => x.code === 'touchpoint-owner' && x.message.toString().includes('Trial SMS'))!;
    const actions = (await c.codeActions(JOURNEY, d.range, [d]))!;
    assert.deepEqual(titles(actions), [
      'Make `cx-ops` the owner of touchpoint `Trial SMS`',
      'Make `cx-ops` the owner of stage `Try` (and of its touchpoints without one)',
      'Fix all `touchpoint-owner` problems in this file',
      'Disable `touchpoint-owner` for this line',
      'Disable `touchpoint-owner` for this file',
      'Show documentation for `touchpoint-owner`',
    ]);
    assert.equal(actions[0].isPreferred, true);
    const fixAll = actions.find((a) => a.title.startsWith('Fix all'))!;
    await c.applyEdit(fixAll.edit!);
    assert.match(c.text(JOURNEY), /- id: trial-sms\n {8}owner: cx-ops\n/);
    assert.match(c.text(JOURNEY), /- id: trial-call\n {8}owner: cx-ops\n/);
    await c.waitForDiagnostics(JOURNEY, (list) => list.length === 0);
  });

  it('the stage fix gives the stage an owner, which its touchpoints inherit', async () => {
    await c.open(JOURNEY);
    const ds = await c.waitForDiagnostics(
      JOURNEY,
      (list) => codes(list).filter((x) => x === 'touchpoint-owner').length === 2,
    );
    const actions = (await c.codeActions(JOURNEY, ds[0].range, [ds[0]]))!;
    await c.applyEdit(actions.find((a) => a.title.includes('of stage'))!.edit!);
    assert.match(c.text(JOURNEY), / {2}- id: try\n {4}owner: cx-ops\n {4}name: Try\n/);
    await c.waitForDiagnostics(JOURNEY, (list) => list.length === 0);
  });

  it('disable for this line writes a next-line comment with the reason selected, which silences the finding', async () => {
    await c.open(JOURNEY);
    const ds = await c.waitForDiagnostics(
      JOURNEY,
      (list) => codes(list).filter((x) => x === 'touchpoint-owner').length === 2,
    );
    const d = ds.find((x) => x.message.toString().includes('Trial call'))!;
    const action = (await c.codeActions(JOURNEY, d.range, [d]))!.find(
      (a) => a.title === 'Disable `touchpoint-owner` for this line',
    )!;
    const dc = action.edit!.documentChanges![0];
    assert.ok('textDocument' in dc);
    const edit = dc.edits[0];
    assert.ok('snippet' in edit, 'a snippet edit, so the editor selects the reason');
    assert.equal(edit.snippet.value, '      # cx-taxonomy-disable-next-line touchpoint-owner -- ${1:reason}\n');
    await c.applyEdit(plain(action.edit!));
    assert.match(
      c.text(JOURNEY),
      / {6}# cx-taxonomy-disable-next-line touchpoint-owner -- reason\n {6}- id: trial-call\n/,
    );
    const left = await c.waitForDiagnostics(JOURNEY, (list) => list.length === 1);
    assert.ok(left[0].message.toString().includes('Trial SMS'));
  });

  it('disable for this file writes below the header comment, then merges the next rule into that comment', async () => {
    await c.open(JOURNEY);
    const ds = await c.waitForDiagnostics(
      JOURNEY,
      (list) => codes(list).filter((x) => x === 'touchpoint-owner').length === 2,
    );
    const action = (await c.codeActions(JOURNEY, ds[0].range, [ds[0]]))!.find(
      (a) => a.title === 'Disable `touchpoint-owner` for this file',
    )!;
    await c.applyEdit(plain(action.edit!));
    assert.ok(
      c
        .text(JOURNEY)
        .startsWith(
          '# Trial journey, owned by CX operations.\n# cx-taxonomy-disable touchpoint-owner -- reason\nkind: journey\n',
        ),
    );
    await c.waitForDiagnostics(JOURNEY, (list) => list.length === 0);
    // A second rule joins the same comment, keeping its reason.
    await c.change(JOURNEY, c.text(JOURNEY).replace('channel: sms', 'channel: sms\n        kpis: [npz]'));
    const [unresolved] = await c.waitForDiagnostics(JOURNEY, (list) => codes(list).join() === 'unresolved-reference');
    const second = (await c.codeActions(JOURNEY, unresolved.range, [unresolved]))!.find(
      (a) => a.title === 'Disable `unresolved-reference` for this file',
    )!;
    const dc = second.edit!.documentChanges![0];
    assert.ok('textDocument' in dc && 'snippet' in dc.edits[0]);
    assert.equal(
      dc.edits[0].snippet.value,
      '# cx-taxonomy-disable touchpoint-owner, unresolved-reference -- ${1:reason}',
    );
    await c.applyEdit(plain(second.edit!));
    assert.equal(c.text(JOURNEY).split('cx-taxonomy-disable').length, 2, 'one comment');
    await c.waitForDiagnostics(JOURNEY, (list) => list.length === 0);
  });

  it('disable in Markdown writes an HTML comment after the front matter or above the line, which silences the finding', async () => {
    const rel = 'docs/trial.md';
    await c.writeFile(
      rel,
      lines(
        '---',
        'title: Trial',
        '---',
        '# Trial',
        '',
        'Each buyer avatar gets a trial.',
        'Another buyer avatar too.',
      ),
    );
    await c.open(rel);
    const ds = await c.waitForDiagnostics(rel, (list) => codes(list).join() === 'deprecated-term,deprecated-term');
    const actions = (await c.codeActions(rel, ds[0].range, [ds[0]]))!;
    const line = actions.find((a) => a.title === 'Disable `deprecated-term` for this line')!;
    await c.applyEdit(plain(line.edit!));
    assert.match(c.text(rel), /\n<!-- cx-taxonomy-disable-next-line deprecated-term -- reason -->\nEach buyer avatar/);
    const [left] = await c.waitForDiagnostics(rel, (list) => list.length === 1);
    const file = (await c.codeActions(rel, left.range, [left]))!.find(
      (a) => a.title === 'Disable `deprecated-term` for this file',
    )!;
    await c.applyEdit(plain(file.edit!));
    assert.ok(
      c
        .text(rel)
        .startsWith('---\ntitle: Trial\n---\n<!-- cx-taxonomy-disable deprecated-term -- reason -->\n# Trial\n'),
      c.text(rel),
    );
    // Both comments now cover the first line; the file's covers the second.
    await c.waitForDiagnostics(rel, (list) => list.length === 0);
  });

  it('show documentation opens the rule page through window/showDocument', async () => {
    await c.open(JOURNEY);
    const ds = await c.waitForDiagnostics(JOURNEY, (list) => codes(list).includes('touchpoint-owner'));
    const docs = (await c.codeActions(JOURNEY, ds[0].range, [ds[0]]))!.find(
      (a) => a.title === 'Show documentation for `touchpoint-owner`',
    )!;
    assert.equal(docs.command?.command, 'cxTaxonomy.showRuleDocumentation');
    await c.connection.sendRequest('workspace/executeCommand', {
      command: docs.command.command,
      arguments: docs.command.arguments,
    });
    assert.deepEqual(shown, [ds[0].codeDescription!.href]);
    assert.ok(existsSync(fileURLToPath(shown[0])));
    // Anything but a rule page is refused.
    await assert.rejects(
      c.connection.sendRequest('workspace/executeCommand', {
        command: docs.command.command,
        arguments: ['file:///etc/passwd'],
      }),
    );
    await assert.rejects(
      c.connection.sendRequest('workspace/executeCommand', { command: docs.command.command, arguments: 'not a list' }),
      /takes the link/,
    );
    await assert.rejects(c.connection.sendRequest('workspace/executeCommand', { arguments: [] }), /needs `command`/);
    assert.equal(shown.length, 1);
  });
});

describe('protocol: every published diagnostic links to its rule page', function () {
  this.timeout(60000);

  it('codeDescription.href is the docs/rules page of the rule, and the page exists', async () => {
    const c = await LspTestClient.start({ fixture: 'samples/with-problems' });
    try {
      await c.waitForReady();
      await c.waitForDiagnostics('personas/senior-landline-loyalist.persona.yaml', (ds) => ds.length > 0);
      const all = [...c.published.values()].flatMap((p) => p.diagnostics);
      assert.ok(new Set(codes(all)).size >= 10, `rules seen: ${[...new Set(codes(all))]}`);
      for (const d of all) {
        const href = d.codeDescription?.href;
        assert.ok(href, `${String(d.code)} has no href`);
        assert.equal(path.resolve(fileURLToPath(href)), path.join(REPO, 'docs', 'rules', `${String(d.code)}.md`));
        assert.ok(existsSync(fileURLToPath(href)));
      }
      assert.ok(readdirSync(path.join(REPO, 'docs', 'rules')).length >= 27);
    } finally {
      await c.stop();
    }
  });
});
