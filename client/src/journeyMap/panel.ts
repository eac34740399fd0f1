/**
 * The journey map panel: one webview beside the editor that follows the active journey file.
 * It asks the server for the map (`cxTaxonomy/journeyMap`) when it opens, when the file is
 * edited (debounced) and when the file's diagnostics change, and reveals a card's source when
 * the webview reports a click. The webview only ever receives plain JSON.
 */
import * as vscode from 'vscode';
import {
  JourneyMapRequest,
  type JourneyMapModel,
  type JourneyMapParams,
  type Range,
} from '../../../server/src/protocol';
import type { ExtensionHost } from '../host';
import { loadWebviewPage, webviewPanelOptions } from '../webviewPanel';
import {
  JOURNEY_MAP_VIEW_TYPE,
  type FromJourneyMapView,
  type JourneyMapViewState,
  type ToJourneyMapView,
} from './messages';
import { TAXONOMY_SUFFIX, taxonomyKindOf } from '../../../server/src/core/domain';
import { renderJourneyMapSvg } from './svg';
import { Debouncer } from '../debouncer';

/** True for `*.journey.yaml` / `*.journey.yml`. */
function isJourneyUri(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return !!uri && taxonomyKindOf(uri.path) === 'journey';
}

/** Debounce after a keystroke: long enough to skip most keystrokes, short enough to feel live. */
const EDIT_DEBOUNCE_MS = 300;
const DIAGNOSTICS_DEBOUNCE_MS = 100;

function isPosition(p: unknown): p is { line: number; character: number } {
  const o = p as { line?: unknown; character?: unknown };
  return (
    !!o &&
    Number.isInteger(o.line) &&
    Number.isInteger(o.character) &&
    (o.line as number) >= 0 &&
    (o.character as number) >= 0
  );
}

function toRange(r: unknown): vscode.Range | undefined {
  const o = r as Range | undefined;
  if (!o || !isPosition(o.start) || !isPosition(o.end)) return undefined;
  return new vscode.Range(o.start.line, o.start.character, o.end.line, o.end.character);
}

export class JourneyMapController implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private model: JourneyMapModel | undefined;
  private seq = 0;
  private readonly refresher = new Debouncer(() => void this.refresh());
  private readonly panelSubscriptions: vscode.Disposable[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly host: ExtensionHost) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const uri = editor?.document.uri;
        if (this.panel && isJourneyUri(uri) && uri.toString() !== this.uri?.toString()) this.follow(uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.contentChanges.length && e.document.uri.toString() === this.uri?.toString())
          this.schedule(EDIT_DEBOUNCE_MS);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const current = this.uri?.toString();
        if (this.panel && current && e.uris.some((u) => u.toString() === current))
          this.schedule(DIAGNOSTICS_DEBOUNCE_MS);
      }),
      host.onDidChangeServer(() => this.schedule(0)),
    );
  }

  /** Opens (or reveals) the map for a journey file: the given one, else the active editor's. */
  show(uri?: vscode.Uri): void {
    const target = isJourneyUri(uri)
      ? uri
      : isJourneyUri(vscode.window.activeTextEditor?.document.uri)
        ? vscode.window.activeTextEditor?.document.uri
        : this.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Open a journey file (*.journey.yaml) to see its journey map.');
      return;
    }
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(
        JOURNEY_MAP_VIEW_TYPE,
        'Journey Map',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        webviewPanelOptions(this.host.extensionUri),
      );
      this.adopt(panel);
    } else {
      this.panel.reveal(undefined, true);
    }
    this.follow(target);
  }

  /** Takes over a panel VS Code restored after a reload. */
  restore(panel: vscode.WebviewPanel, state: JourneyMapViewState | undefined): void {
    panel.webview.options = webviewPanelOptions(this.host.extensionUri);
    this.adopt(panel);
    let uri: vscode.Uri | undefined;
    try {
      uri = state?.uri ? vscode.Uri.parse(state.uri, true) : undefined;
    } catch {
      uri = undefined;
    }
    const target = isJourneyUri(uri) ? uri : vscode.window.activeTextEditor?.document.uri;
    if (isJourneyUri(target)) this.follow(target);
    else this.post({ type: 'empty', message: 'Open a journey file (*.journey.yaml) to see its journey map.' });
  }

  /** The uri the map shows, for tests and commands. */
  get currentUri(): vscode.Uri | undefined {
    return this.panel ? this.uri : undefined;
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.disposePanel();
    this.panel = panel;
    const webview = panel.webview;
    loadWebviewPage(webview, this.host.extensionUri, 'journeyMap', 'Journey Map');
    panel.iconPath = vscode.Uri.joinPath(this.host.extensionUri, 'images', 'icon.png');
    this.panelSubscriptions.push(
      webview.onDidReceiveMessage((m: FromJourneyMapView) => void this.onMessage(m)),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) this.schedule(0);
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.disposePanel();
      }),
    );
  }

  private follow(uri: vscode.Uri): void {
    this.uri = uri;
    this.model = undefined;
    if (this.panel) this.panel.title = `Journey Map: ${uri.path.split('/').pop()?.replace(TAXONOMY_SUFFIX, '') ?? ''}`;
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (!this.panel) return;
    this.refresher.schedule(delay);
  }

  /** Asks the server for the map of the current file and sends it to the webview. */
  async refresh(): Promise<void> {
    const uri = this.uri;
    if (!this.panel || !uri) return;
    const client = this.host.runningClient;
    if (!client) {
      this.post({ type: 'empty', message: 'Waiting for the CX Taxonomy language server…' });
      return;
    }
    const seq = ++this.seq;
    try {
      const params: JourneyMapParams = { uri: client.code2ProtocolConverter.asUri(uri) };
      const model = await client.sendRequest<JourneyMapModel | null>(JourneyMapRequest.method, params);
      if (seq !== this.seq || uri !== this.uri) return; // a newer request is on its way
      if (!model) {
        this.post({
          type: 'empty',
          message:
            'This journey file is not part of the indexed taxonomy yet. The map appears once the server has read it.',
        });
        return;
      }
      this.model = model;
      this.post({ type: 'model', model, fileLabel: vscode.workspace.asRelativePath(uri) });
    } catch (err) {
      if (seq !== this.seq) return;
      this.host.log.warn(`Journey map request failed: ${err instanceof Error ? err.message : String(err)}`);
      this.post({
        type: 'empty',
        message: 'The journey map could not be drawn; see the CX Taxonomy output for details.',
      });
    }
  }

  private post(message: ToJourneyMapView): void {
    void this.panel?.webview.postMessage(message);
  }

  private async onMessage(m: FromJourneyMapView): Promise<void> {
    if (!m || typeof m !== 'object') return;
    switch (m.type) {
      case 'ready':
        if (this.model && this.uri)
          this.post({ type: 'model', model: this.model, fileLabel: vscode.workspace.asRelativePath(this.uri) });
        else this.schedule(0);
        return;
      case 'reveal':
        return this.reveal(m.uri, m.range, m.selection);
      case 'exportSvg':
        return this.exportSvg();
    }
  }

  /** Shows a card's source. Only the file the map shows can be revealed, whatever the message says. */
  private async reveal(uri: unknown, rangeIn: unknown, selectionIn: unknown): Promise<void> {
    const current = this.uri;
    if (!current || !this.model || uri !== this.model.uri) return;
    const range = toRange(rangeIn);
    const selection = toRange(selectionIn) ?? range;
    if (!range || !selection) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === current.toString());
    const doc = visible?.document ?? (await vscode.workspace.openTextDocument(current));
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
    });
    editor.selection = new vscode.Selection(selection.start, selection.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async exportSvg(): Promise<void> {
    const model = this.model;
    const uri = this.uri;
    if (!model || !uri || model.journeys.length === 0) {
      void vscode.window.showWarningMessage('There is no journey map to export yet.');
      return;
    }
    const base = model.journeys[0].id ?? uri.path.split('/').pop()?.replace(TAXONOMY_SUFFIX, '') ?? 'journey';
    const target = await vscode.window.showSaveDialog({
      title: 'Export the journey map as SVG',
      defaultUri: vscode.Uri.joinPath(uri, '..', `${base}.journey-map.svg`),
      filters: { 'SVG image': ['svg'] },
      saveLabel: 'Export',
    });
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(renderJourneyMapSvg(model)));
      this.host.log.info(`Journey map exported to ${target.toString()}`);
      void vscode.window.showInformationMessage(`Journey map exported to ${vscode.workspace.asRelativePath(target)}.`);
    } catch (err) {
      void vscode.window.showErrorMessage(
        `The journey map could not be saved: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  private disposePanel(): void {
    this.refresher.cancel();
    for (const d of this.panelSubscriptions.splice(0)) d.dispose();
  }

  dispose(): void {
    this.disposePanel();
    this.panel?.dispose();
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }
}
