/**
 * Wiring: connects a connection to a session and the feature handlers. Nothing here decides
 * anything about taxonomies; it only translates protocol events.
 */
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerJourneyMap } from './journeyMapHandler';
import { registerOwnershipReport } from './ownershipReportHandler';
import { registerStructureHandlers } from './structureHandlers';
import { registerTaxonomyView } from './taxonomyViewHandler';
import { StatusNotification } from '../protocol';
import { toLspDiagnostic } from './convert';
import {
  clientSupport,
  FIX_ALL_KIND,
  registerFeatureHandlers,
  SHOW_RULE_DOCS_COMMAND,
  type ClientSupport,
} from './handlers';
import { checkedConnection } from './params';
import { Session } from './session/session';
import { todayPinProblem } from './session/config';
import type { FolderState, ProgressReporter, WatchedChange } from './session/types';
import { registerUsageHandlers } from './usageHandlers';
import { ViewRefresher } from './viewRefresh';
import { SETTINGS_SECTION } from './settings';
import { CONFIG_GLOB, MARKDOWN_GLOB, TAXONOMY_GLOB } from '../core/domain';

declare const CX_TAXONOMY_VERSION: string;

/** The files the server watches on disk, so edits made outside the editor are picked up. */
const WATCHED_GLOBS = [TAXONOMY_GLOB, MARKDOWN_GLOB, CONFIG_GLOB];

/** Starts serving on a connection; returns the session (tests and `main` keep it). */
export function startServer(connection: Connection): Session {
  const documents = new TextDocuments(TextDocument);
  let caps: ClientCapabilities = {};
  let support: ClientSupport = clientSupport({});
  let initialFolders: FolderState[] = [];
  // Usage lenses and inherited owners shown in one editor change with edits in others.
  const refresher = new ViewRefresher(() => ({
    codeLens: caps.workspace?.codeLens?.refreshSupport
      ? () => connection.sendRequest(CodeLensRefreshRequest.type)
      : undefined,
    inlayHint: caps.workspace?.inlayHint?.refreshSupport ? () => connection.languages.inlayHint.refresh() : undefined,
  }));

  const session = new Session({
    publish: (uri, diagnostics, version) => {
      void connection.sendDiagnostics({ uri, version, diagnostics: diagnostics.map(toLspDiagnostic) });
    },
    settings: async (folderUri) => {
      if (!caps.workspace?.configuration) return undefined;
      // The client answers with whatever the user wrote: the settings table normalises it.
      return connection.workspace.getConfiguration({
        scopeUri: folderUri,
        section: SETTINGS_SECTION,
      }) as Promise<unknown>;
    },
    progress: async (title) => {
      if (!caps.window?.workDoneProgress) return { report: () => undefined, done: () => undefined };
      const reporter: WorkDoneProgressServerReporter = await connection.window.createWorkDoneProgress();
      reporter.begin(title, 0, undefined, false);
      const p: ProgressReporter = {
        report: (pct, message) => reporter.report(pct, message),
        done: () => reporter.done(),
      };
      return p;
    },
    status: (state, done, total) => {
      void connection.sendNotification(StatusNotification.method, { state, done, total });
      if (state === 'ready') refresher.schedule();
    },
    log: (message) => connection.console.log(message),
  });

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    support = clientSupport(caps, params.clientInfo?.name);
    // The folders are known from here on, though listed only after `initialized`: a document
    // opened in between waits for its folder instead of being checked alone (false alarms).
    if (params.workspaceFolders?.length) initialFolders = session.addFolders(params.workspaceFolders.map((f) => f.uri));
    else if (params.rootUri) initialFolders = session.addFolders([params.rootUri]);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '[', ','], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: true },
        inlayHintProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentHighlightProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_RULE_DOCS_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: {
        name: 'cx-taxonomy',
        version: typeof CX_TAXONOMY_VERSION === 'string' ? CX_TAXONOMY_VERSION : '0.0.0',
      },
    };
  });

  connection.onInitialized(async () => {
    const todayProblem = todayPinProblem();
    if (todayProblem) connection.console.warn(todayProblem);
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
        })
        .catch(() => undefined);
    }
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch(() => undefined);
    }
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) session.removeFolder(f.uri);
        void session.indexFolders(session.addFolders(e.added.map((f) => f.uri))).then(() => refresher.schedule());
      });
    }
    await session.reloadSettings().catch(() => undefined);
    await session.indexFolders(initialFolders);
  });

  // A client that can be asked is asked again; one that cannot (Neovim 0.7) pushes its settings
  // here, at any time, `initialized` included. A push without settings says nothing new.
  connection.onDidChangeConfiguration((p) => {
    if (caps.workspace?.configuration) return void session.reloadSettings().then(() => refresher.schedule());
    const settings: unknown = p.settings;
    if (typeof settings !== 'object' || settings === null) return;
    void session
      .reloadSettings((settings as Record<string, unknown>)[SETTINGS_SECTION] ?? {})
      .then(() => refresher.schedule());
  });

  connection.onDidChangeWatchedFiles((p) => {
    const type = (t: FileChangeType): WatchedChange['type'] =>
      t === FileChangeType.Created ? 'created' : t === FileChangeType.Deleted ? 'deleted' : 'changed';
    void session
      .didChangeWatchedFiles(p.changes.map((c) => ({ uri: c.uri, type: type(c.type) })))
      .then(() => refresher.schedule());
  });

  documents.onDidOpen((e) => session.didOpen(e.document));
  documents.onDidChangeContent((e) => {
    session.didChange(e.document);
    refresher.schedule();
  });
  documents.onDidClose((e) => void session.didClose(e.document.uri).then(() => refresher.schedule()));

  // Every request handler is registered through the params checks (params.ts).
  const requests = checkedConnection(connection);
  registerFeatureHandlers(requests, session, () => support);
  registerUsageHandlers(requests, session);
  const workspaceFor = (uri: string) => session.fileFor(uri)?.ws ?? session.locate(uri)?.root.ws;
  registerJourneyMap(requests, workspaceFor);
  registerOwnershipReport(requests, workspaceFor, () => session.workspaces());
  registerStructureHandlers(requests, session, () => caps.textDocument?.foldingRange?.rangeLimit);
  registerTaxonomyView(
    requests,
    () => session.workspaces(),
    () => session.syncAll(),
  );

  connection.onShutdown(() => {
    refresher.dispose();
    session.dispose();
  });
  documents.listen(connection);
  connection.listen();
  return session;
}
