/** Helpers for the VS Code suite: open sample files, wait for diagnostics, reach the extension. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CxTaxonomyApi } from '../../../client/src/api';

export const EXTENSION_ID = 'cx-taxonomy.cx-taxonomy';

/** The workspace folder the suite runs in (a temp copy of samples/with-problems). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs a workspace folder');
  return folder.uri.fsPath;
}

export function sampleUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), relative));
}

/** Activates the extension and waits for its server. */
export async function extensionApi(): Promise<CxTaxonomyApi> {
  const ext = vscode.extensions.getExtension<CxTaxonomyApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  const api = await ext.activate();
  await api.ready();
  return api;
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(sampleUri(relative));
  return vscode.window.showTextDocument(doc);
}

/** Polls until `probe` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The server's diagnostics of a file with a rule id (the diagnostic code). */
export function diagnosticsOf(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => {
    const code = typeof d.code === 'object' && d.code ? d.code.value : d.code;
    return d.source === 'cx-taxonomy' && (!ruleId || code === ruleId);
  });
}

/** The position of the first occurrence of `text` in a document (optionally `offset` chars in). */
export function positionOf(doc: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const i = doc.getText().indexOf(text);
  assert.ok(i >= 0, `${text} is in ${doc.uri.fsPath}`);
  return doc.positionAt(i + offset);
}

/** Plain text of hover contents. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
