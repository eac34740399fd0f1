/**
 * The `cxTaxonomy/taxonomyView` request: a thin handler over the core's Taxonomy view builder.
 */
import { ResponseError, ErrorCodes, type Connection, type Disposable } from 'vscode-languageserver';
import { buildTaxonomyView } from '../core/taxonomyView';
import type { TaxonomyWorkspace } from '../core/workspace';
import { TaxonomyViewRequest, type TaxonomyViewModel, type TaxonomyViewParams } from '../protocol';

/** Registers the Taxonomy view request: one model per taxonomy that has files. */
export function registerTaxonomyView(
  connection: Pick<Connection, 'onRequest'>,
  allWorkspaces: () => Iterable<TaxonomyWorkspace>,
  sync: () => void,
): Disposable {
  return connection.onRequest(
    TaxonomyViewRequest.method,
    (params: TaxonomyViewParams | undefined): TaxonomyViewModel[] => {
      try {
        // The view follows edits: parse what the user typed since the last check first.
        sync();
        const myTeam = typeof params?.myTeam === 'string' && params.myTeam.trim() ? params.myTeam.trim() : undefined;
        return [...allWorkspaces()].filter((ws) => ws.fileCount > 0).map((ws) => buildTaxonomyView(ws, myTeam));
      } catch (err) {
        throw new ResponseError(
          ErrorCodes.InternalError,
          `The Taxonomy view could not be built: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    },
  );
}
