/**
 * The Taxonomy view in the explorer: teams with what each owns, unowned touchpoints first. The
 * tree comes from one server request (`cxTaxonomy/taxonomyView`), asked again when the server is
 * ready, when diagnostics change and when a taxonomy file is edited (debounced), and when the
 * `cxTaxonomy.myTeam` setting changes. The same answer feeds the status bar's "my team" count.
 */
import * as vscode from 'vscode';
import { TAXONOMY_GLOB, TAXONOMY_SUFFIX } from '../../../server/src/core/domain';
import { TaxonomyViewRequest, type TaxonomyViewModel } from '../../../server/src/protocol';
import { SETTINGS } from '../../../server/src/lsp/settings';
import { Debouncer } from '../debouncer';
import type { ExtensionHost } from '../host';
import type { MyTeamStatusItem } from '../statusBar';
import { buildTree, HAS_TAXONOMY_CONTEXT, myTeamStatus, TAXONOMY_VIEW_ID, type ViewNode } from './model';

const MY_TEAM_KEY = 'cxTaxonomy.myTeam';
/** Edits and diagnostics come in bursts; the view asks once per burst. */
const REFRESH_DELAY_MS = 300;

/** The `cxTaxonomy.myTeam` setting, normalised by the settings table the server reads too. */
function readMyTeam(): string {
  const def = SETTINGS.find((s) => s.key === MY_TEAM_KEY);
  const raw = vscode.workspace.getConfiguration().get<unknown>(MY_TEAM_KEY);
  const value = def ? def.normalise(raw) : raw;
  return typeof value === 'string' ? value : '';
}

export class TaxonomyViewProvider implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ViewNode[] = [];
  private models: TaxonomyViewModel[] = [];
  private readonly debouncer = new Debouncer(() => void this.refresh());
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Bumped per request, so an older answer arriving late is dropped. */
  private generation = 0;
  private readonly view: vscode.TreeView<ViewNode>;
  /** Set when a refresh was skipped because nobody would see it; the view asks when shown. */
  private stale = true;

  constructor(
    private readonly host: ExtensionHost,
    private readonly status: MyTeamStatusItem,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(TAXONOMY_GLOB);
    const soon = () => this.debouncer.schedule(REFRESH_DELAY_MS);
    this.view = vscode.window.createTreeView(TAXONOMY_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      this.changed,
      watcher,
      this.view,
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) void this.refresh();
      }),
      host.onDidChangeServer(soon),
      vscode.languages.onDidChangeDiagnostics(soon),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && TAXONOMY_SUFFIX.test(e.document.uri.path)) soon();
      }),
      watcher.onDidCreate(soon),
      watcher.onDidChange(soon),
      watcher.onDidDelete(soon),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(MY_TEAM_KEY)) void this.refresh();
      }),
    );
  }

  /** The models last received (the test API reads them). */
  get current(): readonly TaxonomyViewModel[] {
    return this.models;
  }

  /** Asks the server for the view now; with no running server the view keeps what it shows. */
  async refresh(): Promise<void> {
    this.debouncer.cancel();
    const client = this.host.runningClient;
    if (!client) return;
    const myTeam = readMyTeam();
    // On a large taxonomy the answer costs the server tens of milliseconds: ask only when the tree
    // is shown or the status bar needs the pinned team's count. The context key needs one answer.
    if (!this.view.visible && !myTeam && this.models.length > 0) {
      this.stale = true;
      this.status.update(undefined);
      return;
    }
    this.stale = false;
    const generation = ++this.generation;
    let models: TaxonomyViewModel[];
    try {
      models = await client.sendRequest<TaxonomyViewModel[]>(TaxonomyViewRequest.method, {
        myTeam: myTeam || undefined,
      });
    } catch (err) {
      this.host.log.warn(
        `The Taxonomy view could not be refreshed: ${err instanceof Error ? err.message : String(err)}`,
      );
      return;
    }
    if (generation !== this.generation) return;
    this.models = models;
    this.roots = buildTree(models);
    void vscode.commands.executeCommand('setContext', HAS_TAXONOMY_CONTEXT, models.length > 0);
    this.status.update(myTeamStatus(models, myTeam));
    this.changed.fire(undefined);
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    const state =
      node.expanded === undefined
        ? vscode.TreeItemCollapsibleState.None
        : node.expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.key;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
    if (node.command) item.command = { command: node.command, title: node.label };
    else if (node.location) {
      const { start, end } = node.location.range;
      const uri = vscode.Uri.parse(node.location.uri);
      item.command = {
        command: 'vscode.open',
        title: 'Reveal Definition',
        arguments: [
          uri,
          {
            selection: new vscode.Range(start.line, start.character, end.line, end.character),
            preview: true,
          } satisfies vscode.TextDocumentShowOptions,
        ],
      };
    }
    return item;
  }

  getChildren(node?: ViewNode): ViewNode[] {
    return node ? node.children : this.roots;
  }

  dispose(): void {
    this.debouncer.cancel();
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }
}
