import { allEntities, type Entity, type Located } from '../model';
import type { TaxonomyFile } from '../taxonomyFile';
import {
  IndexedDefinition,
  IndexedReference,
  type Definition,
  type FacetEntry,
  type FileContribution,
  type Reference,
} from './entries';

/* What one file contributes to the index: its definitions, its references and the rules' facets. */

/** A contributor adds rule-specific facets to a file's index contribution. */
export type FacetContributor = (
  file: TaxonomyFile,
  add: (facet: string, key: string, entry: FacetEntry) => void,
) => void;

const hasId = (e: Entity): e is Entity & { id: Located<string> } => e.id !== undefined;

/** A file's definitions (stages and touchpoints under their journey), references and facets. */
export function contributionOf(file: TaxonomyFile, contributors: readonly FacetContributor[]): FileContribution {
  const definitions: Definition[] = [];
  const references: Reference[] = [];
  const facets = new Map<string, Map<string, FacetEntry[]>>();
  for (const model of file.models) {
    for (const e of model.entities) {
      if (e.kind === 'journey') {
        const journeyId = e.id?.value;
        for (const entity of allEntities({ ...model, entities: [e] })) {
          if (!hasId(entity)) continue;
          const container = entity.kind === 'journey' ? undefined : journeyId;
          definitions.push(new IndexedDefinition(file.uri, entity, container));
        }
      } else if (hasId(e)) {
        definitions.push(new IndexedDefinition(file.uri, e));
      }
    }
    for (const r of model.refs) references.push(new IndexedReference(file.uri, r));
  }
  const add = (facet: string, key: string, entry: FacetEntry) => {
    const f = facets.get(facet) ?? new Map<string, FacetEntry[]>();
    facets.set(facet, f);
    const list = f.get(key);
    if (list) list.push(entry);
    else f.set(key, [entry]);
  };
  for (const c of contributors) c(file, add);
  return { definitions, references, facets };
}
