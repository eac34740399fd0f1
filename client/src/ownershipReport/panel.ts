/**
 * The ownership report panel: the teams x journeys matrix with the unowned touchpoints first,
 * from the server's `cxTaxonomy/ownershipReport` request. It refreshes (debounced) while it is
 * visible and the workspace's diagnostics change, since those track every ownership edit.
 */
import * as vscode from 'vscode';
import { OwnershipReportRequest, type OwnershipReport, type OwnershipReportParams } from '../../../server/src/protocol';
import type { ExtensionHost } from '../host';
import { loadWebviewPage, webviewPanelOptions } from '../webviewPanel';
import type { FromOwnershipView, ToOwnershipView } from './messages';
import { Debouncer } from '../debouncer';

const OWNERSHIP_VIEW_TYPE = 'cxTaxonomy.ownershipReport';

/** A taxonomy root as people know it: the workspace folder's name, plus the path below it. */
function rootLabel(root: string): string {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(root, true);
  } catch {
    return root || 'Workspace';
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return uri.fsPath;
  const below = uri.path.slice(folder.uri.path.length).replace(/^\/+/, '');
  return below ? `${folder.name}/${below}` : folder.name;
}

export class OwnershipReportController implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly refresher = new Debouncer(() => void this.refresh());
  private seq = 0;
  private last: ToOwnershipView | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly panelSubscriptions: vscode.Disposable[] = [];

  constructor(private readonly host: ExtensionHost) {
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics(() => this.schedule(800)),
      host.onDidChangeServer(() => this.schedule(0)),
    );
  }

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
    } else {
      const panel = vscode.window.createWebviewPanel(
        OWNERSHIP_VIEW_TYPE,
        'Ownership Report',
        vscode.ViewColumn.Active,
        webviewPanelOptions(this.host.extensionUri),
      );
      this.adopt(panel);
    }
    await this.refresh();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    const webview = panel.webview;
    loadWebviewPage(webview, this.host.extensionUri, 'ownershipReport', 'Ownership Report');
    this.panelSubscriptions.push(
      webview.onDidReceiveMessage((m: FromOwnershipView) => void this.onMessage(m)),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) this.schedule(0);
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.refresher.cancel();
        for (const d of this.panelSubscriptions.splice(0)) d.dispose();
      }),
    );
  }

  private schedule(delay: number): void {
    if (!this.panel?.visible) return;
    this.refresher.schedule(delay);
  }

  async refresh(): Promise<void> {
    if (!this.panel) return;
    const client = this.host.runningClient;
    if (!client) {
      this.post({ type: 'empty', message: 'Waiting for the CX Taxonomy language server…' });
      return;
    }
    const seq = ++this.seq;
    try {
      const params: OwnershipReportParams = {};
      const reports = await client.sendRequest<OwnershipReport[]>(OwnershipReportRequest.method, params);
      if (seq !== this.seq) return;
      if (!reports.length) {
        this.post({ type: 'empty', message: 'No taxonomy files found in this workspace yet.' });
        return;
      }
      const labels = reports.map((r) => rootLabel(r.root));
      this.post({ type: 'report', reports, labels });
    } catch (err) {
      if (seq !== this.seq) return;
      this.host.log.warn(`Ownership report request failed: ${err instanceof Error ? err.message : String(err)}`);
      this.post({
        type: 'empty',
        message: 'The ownership report could not be built; see the CX Taxonomy output for details.',
      });
    }
  }

  private post(message: ToOwnershipView): void {
    this.last = message;
    void this.panel?.webview.postMessage(message);
  }

  private async onMessage(m: FromOwnershipView): Promise<void> {
    if (!m || typeof m !== 'object') return;
    switch (m.type) {
      case 'ready':
        if (this.last) void this.panel?.webview.postMessage(this.last);
        else this.schedule(0);
        return;
      case 'refresh':
        return this.refresh();
      case 'reveal': {
        const loc = m.location;
        // Only locations the report itself listed can be opened.
        if (this.last?.type !== 'report' || !loc || typeof loc.uri !== 'string') return;
        const listed = JSON.stringify(this.last.reports).includes(JSON.stringify(loc.uri));
        if (!listed) return;
        const r = loc.range;
        const ok = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
        if (!r || !ok(r.start?.line) || !ok(r.start?.character) || !ok(r.end?.line) || !ok(r.end?.character)) return;
        const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(loc.uri, true));
        await vscode.window.showTextDocument(doc, { selection: range, viewColumn: vscode.ViewColumn.One });
        return;
      }
    }
  }

  dispose(): void {
    this.refresher.cancel();
    this.panel?.dispose();
    for (const d of this.panelSubscriptions.splice(0)) d.dispose();
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }
}
