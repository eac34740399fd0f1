/**
 * Proves the harness itself with a throwaway extension that needs no build: a hover that says
 * "hello from e2e", an error on line 1 of every *.persona.yaml (until line 1 says "fixed"),
 * one completion item, a status bar item and a command. If this fails, the harness (or the machine) is broken, not
 * cx-taxonomy. Run it alone with: npx tsx test/e2e-web/run.ts --smoke
 */
import * as fs from 'fs';
import * as path from 'path';
import { strict as assert } from 'assert';
import { packageVsix, poll, withWorkbench } from '../../scripts/e2e';
import type { Scenario } from './scenario';

const EXTENSION_JS = `
const vscode = require('vscode');

function activate(context) {
  const diagnostics = vscode.languages.createDiagnosticCollection('e2e-smoke');
  const refresh = (doc) => {
    if (!doc.fileName.endsWith('.persona.yaml') || doc.lineCount === 0) return;
    if (doc.lineAt(0).text.includes('fixed')) return diagnostics.set(doc.uri, []);
    const d = new vscode.Diagnostic(doc.lineAt(0).range, 'smoke: persona error on line 1', vscode.DiagnosticSeverity.Error);
    d.source = 'e2e-smoke';
    d.code = 'smoke-line-1';
    diagnostics.set(doc.uri, [d]);
  };
  vscode.workspace.textDocuments.forEach(refresh);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 100);
  status.text = 'e2e smoke: ready';
  status.show();

  context.subscriptions.push(
    diagnostics,
    status,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => refresh(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => diagnostics.delete(doc.uri)),
    vscode.languages.registerHoverProvider({ language: 'yaml' }, {
      provideHover: () => new vscode.Hover(new vscode.MarkdownString('**hello from e2e**')),
    }),
    vscode.languages.registerCompletionItemProvider({ language: 'yaml' }, {
      provideCompletionItems: () => [new vscode.CompletionItem('smokeCompletionItem', vscode.CompletionItemKind.Keyword)],
    }),
    vscode.commands.registerCommand('cxE2eSmoke.hello', () => {
      status.text = 'e2e smoke: hello';
    }),
  );
}

module.exports = { activate, deactivate() {} };
`;

/** Writes the throwaway extension into `dir` and packages it; returns the .vsix path. */
export function buildSmokeVsix(dir: string): string {
  const extensionDir = path.join(dir, 'smoke-extension');
  fs.mkdirSync(extensionDir, { recursive: true });
  const manifest = {
    name: 'cx-e2e-smoke',
    displayName: 'cx-taxonomy e2e smoke',
    description: 'Throwaway extension that proves the e2e harness.',
    publisher: 'cx-e2e',
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.91.0' },
    main: './extension.js',
    activationEvents: ['onLanguage:yaml', 'workspaceContains:**/*.persona.yaml'],
    contributes: { commands: [{ command: 'cxE2eSmoke.hello', title: 'E2E Smoke: Say Hello' }] },
  };
  fs.writeFileSync(path.join(extensionDir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(extensionDir, 'extension.js'), EXTENSION_JS);
  fs.writeFileSync(path.join(extensionDir, 'README.md'), '# e2e smoke\n\nThrowaway extension for the e2e harness.\n');
  fs.writeFileSync(path.join(extensionDir, 'LICENSE'), 'MIT License\n');
  return packageVsix(extensionDir, path.join(dir, 'cx-e2e-smoke.vsix'));
}

/**
 * Writes the smoke workspace: one persona at the root, and one in a sub-folder that is longer
 * than the screen (its last line is off screen until revealed).
 */
export function writeSmokeWorkspace(dir: string): string {
  const workspace = path.join(dir, 'smoke-workspace');
  fs.mkdirSync(path.join(workspace, 'personas'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'x.persona.yaml'), 'persona: Ada Lovelace\nrole: tester\n');
  const filler = Array.from({ length: 120 }, (_, i) => `note${i}: filler line ${i}`).join('\n');
  fs.writeFileSync(
    path.join(workspace, 'personas', 'y.persona.yaml'),
    `persona: Grace Hopper\nrole: admiral\n${filler}\nlast: far below the fold\n`,
  );
  return workspace;
}

export const smokeScenarios: Scenario[] = [
  {
    name: 'harness smoke (throwaway extension)',
    timeoutMs: 180_000,
    async run(ctx) {
      const vsix = buildSmokeVsix(ctx.tempDir);
      const workspace = writeSmokeWorkspace(ctx.tempDir);
      await withWorkbench(
        vsix,
        workspace,
        async (wb) => {
          await ctx.step('opens x.persona.yaml and shows an error squiggle', async () => {
            await wb.openFile('x.persona.yaml');
            await wb.waitForSquiggle('error');
          });
          await ctx.step('Problems panel lists the error', async () => {
            const rows = await wb.waitForProblem('smoke: persona error on line 1');
            assert.ok(rows.some((row) => row.label.includes('smoke: persona error on line 1')));
          });
          await ctx.step('hover shows the provider text', async () => {
            const text = await wb.hoverAt('Lovelace', 'hello from e2e');
            assert.match(text, /hello from e2e/);
          });
          await ctx.step('hover over the squiggle shows the diagnostic', async () => {
            const text = await wb.hoverSquiggle('error', 'smoke: persona error on line 1');
            assert.match(text, /smoke: persona error on line 1/);
          });
          await ctx.step('completion lists the provider item', async () => {
            await wb.placeCursor('role: tester');
            await wb.type('\n');
            const rows = await wb.triggerCompletion('smokeCompletionItem');
            assert.ok(rows.some((row) => row.label === 'smokeCompletionItem'));
            await wb.acceptCompletion('smokeCompletionItem');
            assert.match(await wb.visibleText(), /^smokeCompletionItem$/m);
          });
          await ctx.step('editing line 1 clears the squiggle and the problem', async () => {
            await wb.goToLine(1);
            await wb.page.keyboard.press('End');
            await wb.type(' fixed');
            await wb.waitForNoSquiggle('error');
            // The Problems panel redraws after the editor does: wait for it too.
            let rows: Awaited<ReturnType<typeof wb.problems>> = [];
            await poll(
              async () => {
                rows = await wb.problems();
                return !rows.some((row) => row.label.includes('smoke: persona error'));
              },
              { timeoutMs: 15_000, intervalMs: 250, what: 'no smoke error in the Problems panel' },
            ).catch((error: unknown) => {
              throw new Error(`${String(error)}\n${JSON.stringify(rows)}`);
            });
          });
          await ctx.step('opens a nested file through Quick Open', async () => {
            await wb.openFile('personas/y.persona.yaml');
            await wb.waitForSquiggle('error');
            assert.match(await wb.visibleText(), /Grace Hopper/);
            await wb.waitForProblem(/y\.persona\.yaml/);
          });
          await ctx.step('hovers text that starts off screen', async () => {
            const text = await wb.hoverAt('far below the fold', 'hello from e2e');
            assert.match(text, /hello from e2e/);
          });
          await ctx.step('runs a command from the Command Palette', async () => {
            await wb.waitForStatusBar('e2e smoke: ready');
            await wb.runCommand('E2E Smoke: Say Hello');
            await wb.waitForStatusBar('e2e smoke: hello');
            await wb.debugScreenshot('smoke-final');
          });
        },
        { label: 'harness-smoke' },
      );
    },
  },
];
