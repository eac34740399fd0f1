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
  return connection.onRequest(OwnershipReportRequest.method, async (params: OwnershipReportParams | undefined): Promise<OwnershipReport[]> => {
    try {
      if (params?.uri) {
        const ws = await workspaceFor(params.uri);
        return ws ? [buildOwnershipReport(ws)] : [];
      }
      return distinct([...allWorkspaces()].filter((ws) => ws.fileCount > 0)).map(buildOwnershipReport);
    } catch (err) {
      throw new ResponseError(ErrorCodes.InternalError, `The ownership report could not be built: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}

/**
 * Drops a workspace whose files all belong to a larger one, so a file indexed twice (say, in a
 * loose root made for a document opened before its folder was listed) is reported once.
 */
function distinct(all: TaxonomyWorkspace[]): TaxonomyWorkspace[] {
  const uris = all.map((ws) => new Set([...ws.allFiles()].map((f) => f.uri)));
  return all.filter((_, i) => !uris.some((other, j) => j !== i && other.size > uris[i].size && [...uris[i]].every((u) => other.has(u))));
}
