/**
 * The `cxTaxonomy/ownershipReport` request: a thin handler over the core's ownership report.
 */
import { ResponseError, ErrorCodes, type Connection, type Disposable } from 'vscode-languageserver';
import { buildOwnershipReport } from '../core/ownershipReport';
import type { TaxonomyWorkspace } from '../core/workspace';
import { OwnershipReportRequest, type OwnershipReport, type OwnershipReportParams } from '../protocol';
import type { WorkspaceForUri } from './journeyMapHandler';

/** Registers the ownership report request: one report per taxonomy, or the one holding `uri`. */
export function registerOwnershipReport(
  connection: Pick<Connection, 'onRequest'>,
  workspaceFor: WorkspaceForUri,
  allWorkspaces: () => Iterable<TaxonomyWorkspace>,
): Disposable {
  return connection.onRequest(
    OwnershipReportRequest.method,
    async (params: OwnershipReportParams | undefined): Promise<OwnershipReport[]> => {
      try {
        if (params?.uri) {
          const ws = await workspaceFor(params.uri);
          return ws ? [buildOwnershipReport(ws)] : [];
        }
        return [...allWorkspaces()].filter((ws) => ws.fileCount > 0).map(buildOwnershipReport);
      } catch (err) {
        throw new ResponseError(
          ErrorCodes.InternalError,
          `The ownership report could not be built: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    },
  );
}
