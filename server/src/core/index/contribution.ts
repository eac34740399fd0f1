import { allEntities, type DocModel, type Entity, type Located } from '../model';
import { offsetsOf } from '../model/docReader';
import type { TaxonomyFile } from '../taxonomyFile';
import {
  IndexedDefinition,
  IndexedReference,
  type Definition,
  type EntitySource,
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

type WithId = Entity & { id: Located<string> };

const hasId = (e: Entity): e is WithId => e.id !== undefined;

/** A defined entity and, for stages and touchpoints, its journey's id. */
interface Defined {
  entity: WithId;
  container?: string;
}

/** The entities a file's models define, in the order of its definitions (journeys with their stages and touchpoints). */
function defined(models: readonly DocModel[]): Defined[] {
  const out: Defined[] = [];
  for (const model of models) {
    for (const e of model.entities) {
      if (e.kind === 'journey') {
        const journeyId = e.id?.value;
        for (const entity of allEntities({ ...model, entities: [e] })) {
          if (hasId(entity)) out.push({ entity, container: entity.kind === 'journey' ? undefined : journeyId });
        }
      } else if (hasId(e)) out.push({ entity: e });
    }
  }
  return out;
}

/**
 * The defined entities of a models list, kept as long as the list is: a definition finds its
 * entity again by its ordinal, and a file that let its models go builds a new list.
 */
const definedByModels = new WeakMap<readonly DocModel[], Defined[]>();

/** The way back from a file's definitions to their entities, through whatever models the file holds now. */
function entitySource(file: TaxonomyFile): EntitySource {
  return {
    lines: file.lines,
    definedEntity(ordinal: number): Entity {
      const models = file.models;
      let list = definedByModels.get(models);
      if (!list) {
        list = defined(models);
        definedByModels.set(models, list);
      }
      return list[ordinal].entity;
    },
  };
}

/** A file's definitions (stages and touchpoints under their journey), references and facets. */
export function contributionOf(file: TaxonomyFile, contributors: readonly FacetContributor[]): FileContribution {
  const definitions: Definition[] = [];
  const references: Reference[] = [];
  const facets = new Map<string, Map<string, FacetEntry[]>>();
  const lines = file.lines;
  if (file.models.length > 0) {
    const source = entitySource(file);
    const list = defined(file.models);
    definedByModels.set(file.models, list);
    list.forEach(({ entity, container }, ordinal) => {
      const at = offsetsOf(entity.id, lines);
      definitions.push(new IndexedDefinition(file.uri, source, ordinal, entity, at.start, at.end, container));
    });
    for (const model of file.models) {
      for (const r of model.refs) {
        const at = offsetsOf(r.id, lines);
        references.push(new IndexedReference(file.uri, r, lines, at.start, at.end));
      }
    }
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
