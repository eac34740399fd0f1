/**
 * Code lenses and inlay hints: usage counts on definitions and inherited owners on touchpoints.
 * Each handler looks the document up, delegates to a pure core function and converts; the
 * counting lives in core/features/codeLens.ts and core/features/inlayHints.ts.
 *
 * A lens's command is VS Code's `editor.action.showReferences` (uri, position, locations), the
 * convention VS Code and Zed follow; VS Code needs the arguments as its own types, which the
 * extension converts (client/src/codeLensMiddleware.ts). Other clients show the title and may
 * run the command their own way (it is not one the server executes). A lens counting more than
 * `MAX_INLINE_PLACES` places is sent without them, with the extension's `cxTaxonomy.showUsage`
 * command, which asks for them (`cxTaxonomy/usagePlaces`) when clicked.
 */
import type { CodeLens, Connection, InlayHint } from 'vscode-languageserver';
import { hasLens, resolveUsageLens, usageLenses, usagePlaces, type UsageLensTarget } from '../core/features/codeLens';
import { ownerHints } from '../core/features/inlayHints';
import { UsagePlacesRequest, type Location, type UsagePlacesParams } from '../protocol';
import { clampRange } from './convert';
import type { Session } from './session/session';
import { createWithFile } from './withFile';

/** The VS Code command a lens runs: the references peek at a position, with the places given. */
const SHOW_REFERENCES_COMMAND = 'editor.action.showReferences';

/** The extension's command for a lens whose places are asked for on click (client/src/codeLensMiddleware.ts). */
const SHOW_USAGE_COMMAND = 'cxTaxonomy.showUsage';

/**
 * The most places sent with a lens. A team on the bench's L workspace owns ~3,000 touchpoints:
 * their ranges took most of a resolve and were half a megabyte per lens, resent whenever the
 * editor refreshes its lenses (BENCHMARKS.md).
 */
const MAX_INLINE_PLACES = 100;

/** What a lens carries from `textDocument/codeLens` to `codeLens/resolve`. */
type LensData = UsagePlacesParams;

function isLensData(v: unknown): v is LensData {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  return (
    typeof d.uri === 'string' &&
    typeof d.id === 'string' &&
    hasLens(d.kind) &&
    (d.lens === 'usage' || d.lens === 'touchpoints')
  );
}

/** Registers the code lens and inlay hint handlers. */
export function registerUsageHandlers(connection: Connection, session: Session): void {
  const withFile = createWithFile(connection, session, true);

  connection.onCodeLens((p) =>
    withFile(p.textDocument.uri, 'codeLens', [], (ws, file) =>
      usageLenses(ws, file).map((t: UsageLensTarget): CodeLens => ({
        range: t.range,
        data: { uri: p.textDocument.uri, kind: t.kind, id: t.id, lens: t.lens } satisfies LensData,
      })),
    ),
  );

  connection.onCodeLensResolve((lens) => {
    const data: unknown = lens.data;
    if (!isLensData(data)) return lens;
    // Counted from a partial index a lens would be wrong; it says so, and the end of indexing
    // asks the client to refresh its lenses.
    const note = session.indexingNote(data.uri);
    if (note) return { ...lens, command: { title: `indexing… (${note})`, command: '' } };
    return withFile(data.uri, 'codeLens/resolve', lens, (ws) => {
      const r = resolveUsageLens(ws, data, MAX_INLINE_PLACES);
      const command = r.locations
        ? { title: r.title, command: SHOW_REFERENCES_COMMAND, arguments: [data.uri, lens.range.start, r.locations] }
        : { title: r.title, command: SHOW_USAGE_COMMAND, arguments: [data.uri, lens.range.start, data] };
      return { ...lens, command };
    });
  });

  connection.onRequest(UsagePlacesRequest.method, (p: UsagePlacesParams): Location[] => {
    const note = session.indexingNote(p.uri);
    if (note) return [];
    return withFile(p.uri, UsagePlacesRequest.method, [], (ws) => usagePlaces(ws, p));
  });

  connection.languages.inlayHint.on((p) => {
    if (!session.settingsFor(p.textDocument.uri).inlayHints) return [];
    // `no owner` repeats the file's touchpoint-owner findings: check the current text first.
    session.syncAll();
    session.checkNow(p.textDocument.uri);
    return withFile(p.textDocument.uri, 'inlayHint', [], (ws, file) =>
      ownerHints(ws, file, clampRange(file.lines, p.range)).map((h): InlayHint => ({
        position: h.position,
        label: h.label,
        tooltip: h.tooltip,
        paddingLeft: true,
      })),
    );
  });
}
