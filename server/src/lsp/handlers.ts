/**
 * The language feature handlers: each looks the document up, returns an empty answer when the
 * server does not serve it, delegates to a pure core function and converts the result. Errors
 * never escape as crashes: a failing feature logs and answers nothing (or a `ResponseError` with
 * a message the user can act on, for rename).
 */
import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
} from 'vscode-languageserver';
import { performance } from 'node:perf_hooks';
import { FILE_LOCAL_RULE_IDS } from '../core';
import {
  complete,
  definition,
  documentSymbols,
  editorActions,
  fixAllEdits,
  hover,
  prepareRename,
  references,
  rename,
  WorkspaceSymbolSearch,
} from '../core/features';
import {
  clampRange,
  DIAGNOSTIC_SOURCE,
  offsetOf,
  toLspCompletion,
  toLspDocumentSymbol,
  toLspHover,
  toLspWorkspaceSymbol,
  toSnippetWorkspaceEdit,
  toWorkspaceEdit,
  type CompletionSupport,
} from './convert';
import { isRuleDocsHref, ruleDocsHref } from './ruleDocs';
import { SLICE_MS } from './session/scheduler';
import type { Session } from './session/session';
import { createWithFile } from './withFile';

/**
 * The code action kind of "fix all": every safe fix of a file at once. A sub-kind of
 * `source.fixAll`, so `editor.codeActionsOnSave` runs it for `source.fixAll` or for this kind alone.
 */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cxTaxonomy`;

/** The command that opens a rule's documentation page (executed by the server: `window/showDocument`). */
export const SHOW_RULE_DOCS_COMMAND = 'cxTaxonomy.showRuleDocumentation';

/** The most workspace symbols answered at once; editors re-ask as the query narrows. */
const MAX_WORKSPACE_SYMBOLS = 500;

/** What the client can do, read once from its capabilities. */
export interface ClientSupport {
  completion: CompletionSupport;
  hoverMarkdown: boolean;
  documentChanges: boolean;
  /** Snippet edits in workspace edits (LSP 3.18): a placeholder the editor selects. */
  snippetEdits: boolean;
  /** `window/showDocument` (LSP 3.16): the server can open a page in the editor. */
  showDocument: boolean;
}

export function clientSupport(caps: ClientCapabilities, clientName = ''): ClientSupport {
  const item = caps.textDocument?.completion?.completionItem;
  return {
    completion: {
      snippets: item?.snippetSupport === true,
      markdown: item?.documentationFormat?.includes('markdown') ?? false,
      insertTextModeAsIs: item?.insertTextModeSupport?.valueSet?.includes(1) ?? false,
      triggerSuggestCommand: /visual studio code|vscodium|code-server|code - oss/i.test(clientName),
    },
    hoverMarkdown: caps.textDocument?.hover?.contentFormat?.includes('markdown') ?? false,
    documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
    snippetEdits: caps.workspace?.workspaceEdit?.snippetEditSupport === true,
    showDocument: caps.window?.showDocument?.support === true,
  };
}

/** Registers every language feature on the connection. */
export function registerFeatureHandlers(connection: Connection, session: Session, support: () => ClientSupport): void {
  const withFile = createWithFile(connection, session, true);

  /**
   * While a file's taxonomy is still being indexed, answers that rest on the whole taxonomy would
   * be wrong ("`x` is not defined anywhere"): they say so instead, and rename waits.
   */
  const refuseWhileIndexing = (uri: string): void => {
    const note = session.indexingNote(uri);
    if (note)
      throw new ResponseError(
        LSPErrorCodes.RequestFailed,
        `The taxonomy is still being indexed (${note}); try again in a moment.`,
      );
  };

  connection.onCompletion((p) =>
    withFile(p.textDocument.uri, 'completion', null, (ws, file) => {
      const items = complete(ws, file, offsetOf(file.lines, p.position));
      // Ids known so far only: the client asks again as the user types, by then indexed.
      const isIncomplete = session.indexingNote(p.textDocument.uri) !== undefined;
      return { isIncomplete, items: items.map((e) => toLspCompletion(e, support().completion)) };
    }),
  );

  connection.onHover((p) => {
    const note = session.indexingNote(p.textDocument.uri);
    if (note)
      return {
        contents: {
          kind: support().hoverMarkdown ? MarkupKind.Markdown : MarkupKind.PlainText,
          value: `Indexing the taxonomy… (${note})`,
        },
      };
    return withFile(p.textDocument.uri, 'hover', null, (ws, file) => {
      const h = hover(ws, file, offsetOf(file.lines, p.position));
      return h ? toLspHover(h, support().hoverMarkdown) : null;
    });
  });

  connection.onDefinition((p) => {
    const found = withFile(p.textDocument.uri, 'definition', [], (ws, file) =>
      definition(ws, file, offsetOf(file.lines, p.position)),
    );
    // A definition found is right whatever is still unread; none found may only be unread yet.
    if (found.length === 0) refuseWhileIndexing(p.textDocument.uri);
    return found;
  });

  connection.onReferences((p) => {
    refuseWhileIndexing(p.textDocument.uri);
    return withFile(p.textDocument.uri, 'references', [], (ws, file) =>
      references(ws, file, offsetOf(file.lines, p.position), p.context?.includeDeclaration ?? true),
    );
  });

  connection.onPrepareRename((p) => {
    refuseWhileIndexing(p.textDocument.uri);
    return withFile(p.textDocument.uri, 'prepareRename', null, (ws, file) => {
      const r = prepareRename(ws, file, offsetOf(file.lines, p.position));
      if (!r.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, r.message);
      return { range: r.range, placeholder: r.placeholder };
    });
  });

  connection.onRenameRequest((p) => {
    refuseWhileIndexing(p.textDocument.uri);
    return withFile(p.textDocument.uri, 'rename', null, (ws, file) => {
      const r = rename(ws, file, offsetOf(file.lines, p.position), p.newName);
      if (!r.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, r.message);
      return toWorkspaceEdit(r.edits, (uri) => session.versionOf(uri), support().documentChanges);
    });
  });

  connection.onDocumentSymbol((p) =>
    withFile(p.textDocument.uri, 'documentSymbol', [], (_ws, file) => documentSymbols(file).map(toLspDocumentSymbol)),
  );

  connection.onWorkspaceSymbol(async (p, token) => {
    session.syncAll();
    // Each taxonomy answers its best matches; merged by rank, so an exact match in a second
    // workspace folder still comes before scattered letters in the first.
    const searches = [...session.workspaces()].map(
      (ws) => new WorkspaceSymbolSearch(ws, p.query, MAX_WORKSPACE_SYMBOLS),
    );
    // In slices, yielding first: the editor sends a search per keystroke and cancels the last one,
    // and other requests are answered in between.
    for (const search of searches) {
      for (let done = false; !done;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (token.isCancellationRequested)
          throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The search was cancelled.');
        const deadline = performance.now() + SLICE_MS;
        done = search.step(() => performance.now() > deadline);
      }
    }
    const found = searches.flatMap((s) => s.results());
    if (p.query) found.sort((a, b) => a.rank - b.rank);
    return found.slice(0, MAX_WORKSPACE_SYMBOLS).map(toLspWorkspaceSymbol);
  });

  connection.onCodeAction((p) => {
    // Fixes are looked up from the diagnostics computed for the current text: parse pending
    // edits and re-check this file first if it waits, so no fix edits an older text.
    session.syncAll();
    session.checkNow(p.textDocument.uri);
    return withFile(p.textDocument.uri, 'codeAction', [], (ws, file) => {
      const wants = (kind: string) =>
        !p.context.only ||
        p.context.only.some((k) => k === CodeActionKind.Empty || k === kind || kind.startsWith(`${k}.`));
      // While indexing, a cross-file problem is not shown (it may only be unread yet): no action for it.
      const indexing = session.indexingNote(p.textDocument.uri) !== undefined;
      const shownNow = (d: { ruleId: string }) => !indexing || FILE_LOCAL_RULE_IDS.has(d.ruleId);
      const version = () => session.versionOf(file.uri);
      const actions: CodeAction[] = [];
      // Fix all comes after the quick fixes when every kind is asked for (a menu lists them in order).
      const fixAll = (): CodeAction[] => {
        if (!wants(FIX_ALL_KIND)) return [];
        const edits = fixAllEdits(ws, file, shownNow);
        return edits.length
          ? [
              {
                title: 'Fix all safely fixable cx-taxonomy problems',
                kind: FIX_ALL_KIND,
                edit: toWorkspaceEdit(edits, (uri) => session.versionOf(uri), support().documentChanges),
              },
            ]
          : [];
      };
      if (!wants(CodeActionKind.QuickFix)) return fixAll();
      // A diagnostic is answered only if the current check still reports it (same rule, range and
      // message): a fix is never offered for a text that has changed since.
      const shown = p.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
      const refs = shown.map((d) => ({
        ruleId: String(d.code),
        range: d.range,
        message: typeof d.message === 'string' ? d.message : undefined,
      }));
      if (p.context.diagnostics.length > 0 && refs.length === 0) return fixAll();
      for (const a of editorActions(ws, file, clampRange(file.lines, p.range), refs, shownNow)) {
        const lspDiags = shown.filter((d) => a.diagnostics.some((x) => d.code === x.ruleId && d.message === x.message));
        const diagnostics = lspDiags.length ? lspDiags : undefined;
        if (a.kind === 'docs') {
          const href = a.ruleId && ruleDocsHref(a.ruleId);
          // Opened by the server (LSP `window/showDocument`), so it works in every editor that can.
          if (href && support().showDocument)
            actions.push({
              title: a.title,
              kind: CodeActionKind.QuickFix,
              diagnostics,
              command: { title: a.title, command: SHOW_RULE_DOCS_COMMAND, arguments: [href] },
            });
          continue;
        }
        // The reason placeholder is selected where the client takes snippet edits; elsewhere it is plain text.
        const snippet = a.reason && a.edits.length === 1 && support().snippetEdits && support().documentChanges;
        actions.push({
          title: a.title,
          kind: CodeActionKind.QuickFix,
          isPreferred: a.isPreferred,
          diagnostics,
          edit: snippet
            ? toSnippetWorkspaceEdit(a.edits[0], a.reason!, version())
            : toWorkspaceEdit(a.edits, (uri) => session.versionOf(uri), support().documentChanges),
        });
      }
      return [...actions, ...fixAll()];
    });
  });

  connection.onExecuteCommand(async (p) => {
    // Checked here rather than in params.ts: the command's arguments are this handler's to read.
    if (typeof p !== 'object' || p === null || typeof p.command !== 'string')
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        'Invalid params for workspace/executeCommand: it needs `command` as a string.',
      );
    if (p.command !== SHOW_RULE_DOCS_COMMAND)
      throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${p.command}.`);
    const href: unknown = Array.isArray(p.arguments) ? p.arguments[0] : undefined;
    // Only a page of this installation's rule docs is opened, whatever a client sends.
    if (typeof href !== 'string' || !isRuleDocsHref(href))
      throw new ResponseError(ErrorCodes.InvalidParams, `${SHOW_RULE_DOCS_COMMAND} takes the link of a rule's page.`);
    await connection.window.showDocument({ uri: href, takeFocus: true });
    return null;
  });
}
