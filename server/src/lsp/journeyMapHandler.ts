/**
 * The `cxTaxonomy/journeyMap` request: a thin handler over the core's journey map builder.
 * The server's wiring calls `registerJourneyMap` once, with a way to find the workspace that
 * holds a document.
 */
import { ResponseError, ErrorCodes, type Connection, type Disposable } from 'vscode-languageserver';
import { journeyMapOf } from '../core/journeyMap';
import type { TaxonomyWorkspace } from '../core/workspace';
import { JourneyMapRequest, type JourneyMapModel, type JourneyMapParams } from '../protocol';

/**
 * Finds the workspace that holds a URI. It may be async so the server can first apply pending
 * edits of that document; returning the workspace as it is works too, because the client asks
 * again whenever the file's diagnostics change.
 */
export type WorkspaceForUri = (uri: string) => TaxonomyWorkspace | undefined | Promise<TaxonomyWorkspace | undefined>;

/** Registers the journey map request on a connection. */
export function registerJourneyMap(
  connection: Pick<Connection, 'onRequest'>,
  workspaceFor: WorkspaceForUri,
): Disposable {
  return connection.onRequest(
    JourneyMapRequest.method,
    async (params: JourneyMapParams): Promise<JourneyMapModel | null> => {
      if (!params || typeof params.uri !== 'string')
        throw new ResponseError(ErrorCodes.InvalidParams, 'cxTaxonomy/journeyMap needs a `uri`.');
      try {
        const ws = await workspaceFor(params.uri);
        return (ws && journeyMapOf(ws, params.uri)) ?? null;
      } catch (err) {
        throw new ResponseError(
          ErrorCodes.InternalError,
          `The journey map could not be built: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    },
  );
}
