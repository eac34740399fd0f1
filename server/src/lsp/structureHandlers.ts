/**
 * The handlers that read one file's structure: folding ranges, selection ranges and document
 * highlights. Each looks the document up, answers nothing when the server does not serve it, and
 * delegates to a pure core function; a failure is logged and answered with nothing.
 */
import { DocumentHighlightKind, FoldingRangeKind, type Connection, type SelectionRange } from 'vscode-languageserver';
import { documentHighlights, foldingRanges, selectionRanges } from '../core/features';
import { offsetOf } from './convert';
import type { Session } from './session/session';
import { createWithFile } from './withFile';

/** Registers folding, selection range and document highlight handlers. */
export function registerStructureHandlers(
  connection: Connection,
  session: Session,
  foldingLimit: () => number | undefined,
): void {
  const withFile = createWithFile(connection, session, false);

  connection.onFoldingRanges((p) =>
    withFile(p.textDocument.uri, 'foldingRange', [], (_ws, file) =>
      foldingRanges(file, foldingLimit()).map((r) => ({
        startLine: r.startLine,
        endLine: r.endLine,
        kind: r.kind === 'comment' ? FoldingRangeKind.Comment : undefined,
      })),
    ),
  );

  connection.onSelectionRanges((p) =>
    withFile(p.textDocument.uri, 'selectionRange', [], (_ws, file) =>
      p.positions.map((pos): SelectionRange => {
        const ranges = selectionRanges(file, offsetOf(file.lines, pos));
        // LSP wants one answer per position: a position outside any value selects itself.
        let parent: SelectionRange | undefined;
        for (let i = ranges.length - 1; i >= 0; i--) parent = { range: ranges[i], parent };
        return parent ?? { range: { start: pos, end: pos } };
      }),
    ),
  );

  connection.onDocumentHighlight((p) =>
    withFile(p.textDocument.uri, 'documentHighlight', [], (ws, file) =>
      documentHighlights(ws, file, offsetOf(file.lines, p.position)).map((h) => ({
        range: h.range,
        kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
      })),
    ),
  );
}
