/**
 * The extension's context: it owns the language client, the output channel, the status bar, the
 * panels and every disposable, and knows how to (re)start the server. `activate` creates one and
 * calls `start`; VS Code disposes it on deactivation.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type Message,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { CxTaxonomyApi } from './api';
import { CONFIG_GLOB, TAXONOMY_GLOB } from '../../server/src/core/domain';
import { StatusNotification, type StatusParams } from '../../server/src/protocol';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../server/src/node/youngGeneration';
import { codeLensMiddleware } from './codeLensMiddleware';
import { registerCommands } from './commands';
import type { ExtensionHost } from './host';
import { JourneyMapController } from './journeyMap/panel';
import { JOURNEY_MAP_VIEW_TYPE, type JourneyMapViewState } from './journeyMap/messages';
import { OwnershipReportController } from './ownershipReport/panel';
import { MyTeamStatusItem, StatusBar } from './statusBar';
import { TaxonomyViewProvider } from './taxonomyView/provider';

export class Ctx implements ExtensionHost, vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  readonly statusBar: StatusBar;
  readonly journeyMap: JourneyMapController;
  readonly ownershipReport: OwnershipReportController;
  readonly taxonomyView: TaxonomyViewProvider;
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private readonly serverChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeServer = this.serverChanged.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly clientSubscriptions: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('CX Taxonomy', { log: true });
    this.statusBar = new StatusBar(() => this.client?.diagnostics);
    this.journeyMap = new JourneyMapController(this);
    this.ownershipReport = new OwnershipReportController(this);
    const myTeamStatus = new MyTeamStatusItem();
    this.taxonomyView = new TaxonomyViewProvider(this, myTeamStatus);
    this.subscriptions.push(
      this.log,
      this.statusBar,
      this.journeyMap,
      this.ownershipReport,
      myTeamStatus,
      this.taxonomyView,
      this.serverChanged,
      ...registerCommands(this),
      vscode.window.registerWebviewPanelSerializer(JOURNEY_MAP_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: JourneyMapViewState | undefined) => {
          this.journeyMap.restore(panel, state);
          return Promise.resolve();
        },
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.statusBar.scheduleRefresh()),
      // Trusting the workspace lifts the limits of Restricted Mode: start over with them lifted.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart()),
    );
  }

  get extensionUri(): vscode.Uri {
    return this.extension.extensionUri;
  }

  get runningClient(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  /** Starts the language server; resolves when it is running. */
  start(): Promise<void> {
    this.starting ??= this.startClient().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async startClient(): Promise<void> {
    const module = vscode.Uri.joinPath(this.extensionUri, 'dist', 'server.js').fsPath;
    const serverOptions: ServerOptions = {
      // Larger semi-spaces for the initial index, and gc for the collection after it (node/youngGeneration.ts).
      run: {
        module,
        transport: TransportKind.ipc,
        options: { execArgv: [...SERVER_NODE_FLAGS], env: { ...process.env, ...SERVER_ENV } },
      },
      debug: {
        module,
        transport: TransportKind.ipc,
        options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] },
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', pattern: TAXONOMY_GLOB },
        { scheme: 'file', pattern: CONFIG_GLOB },
        { scheme: 'file', language: 'markdown' },
      ],
      synchronize: { configurationSection: 'cxTaxonomy' },
      outputChannel: this.log,
      diagnosticCollectionName: 'cx-taxonomy',
      // Hover and completion documentation is user text: never trusted, never raw HTML.
      markdown: { isTrusted: false, supportHtml: false },
      initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
      errorHandler: this.errorHandler(),
      // Usage lenses open VS Code's references peek, which wants its own argument types.
      middleware: { ...codeLensMiddleware },
    };
    const client = new LanguageClient('cxTaxonomy', 'CX Taxonomy Language Server', serverOptions, clientOptions);
    this.client = client;
    this.clientSubscriptions.push(
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) {
          this.log.info(`Language server running (pid ${this.serverPid() ?? '?'}).`);
          this.statusBar.setPhase('ready');
        } else if (e.newState === State.Starting) {
          this.statusBar.setPhase('starting');
        } else {
          this.statusBar.setPhase('stopped');
        }
        this.serverChanged.fire();
      }),
      client.onNotification(StatusNotification.method, (p: StatusParams) => {
        if (p?.state === 'indexing') this.statusBar.setPhase('indexing', { done: p.done, total: p.total });
        else if (p?.state === 'ready') {
          this.statusBar.setPhase('ready');
          this.serverChanged.fire();
        }
      }),
    );
    this.statusBar.setPhase('starting');
    try {
      await client.start();
    } catch (err) {
      this.statusBar.setPhase('stopped');
      this.log.error(`The language server could not start: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window
        .showErrorMessage(
          'CX Taxonomy: the language server could not start. See the output for details.',
          'Show Output',
        )
        .then((pick) => {
          if (pick) this.log.show();
        });
      throw err;
    }
  }

  /**
   * The library's default error handler, which restarts a crashed server (up to 4 times in 3
   * minutes), wrapped to log what happens. Crash recovery rests on this default: do not replace it.
   */
  private errorHandler(): ErrorHandler {
    let fallback: ErrorHandler | undefined;
    const base = (): ErrorHandler => (fallback ??= this.client!.createDefaultErrorHandler());
    return {
      error: (
        error: Error,
        message: Message | undefined,
        count: number | undefined,
      ): ErrorHandlerResult | Promise<ErrorHandlerResult> => {
        this.log.warn(`Connection error (${count ?? 1}): ${error.message}`);
        return base().error(error, message, count);
      },
      closed: async (): Promise<CloseHandlerResult> => {
        const result = await base().closed();
        if (result.action === CloseAction.Restart) {
          this.log.warn('The language server stopped unexpectedly; restarting it.');
          this.statusBar.setPhase('starting');
        } else {
          this.log.error(result.message ?? 'The language server stopped and will not be restarted.');
          this.statusBar.setPhase('stopped');
        }
        return result;
      },
    };
  }

  /** The server process id, when it runs as a child process. */
  serverPid(): number | undefined {
    return this.client?.serverProcess?.pid;
  }

  /** Stops the server and starts a fresh one (the Restart command, or after trust is granted). */
  async restart(): Promise<void> {
    this.log.info('Restarting the language server.');
    await this.stopClient();
    await this.start();
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const d of this.clientSubscriptions.splice(0)) d.dispose();
    if (!client) return;
    try {
      if (client.state !== State.Stopped) await client.stop(2000);
    } catch (err) {
      this.log.warn(`Stopping the language server: ${err instanceof Error ? err.message : String(err)}`);
    }
    await client.dispose(2000).catch(() => undefined);
    this.statusBar.setPhase('stopped');
    this.serverChanged.fire();
  }

  /** The API `activate` returns (used by the test suites). */
  api(): CxTaxonomyApi {
    return {
      ready: () => this.starting ?? (this.runningClient ? Promise.resolve() : this.start()),
      serverPid: () => this.serverPid(),
      journeyMapUri: () => this.journeyMap.currentUri?.toString(),
    };
  }

  async dispose(): Promise<void> {
    await this.stopClient();
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }
}
