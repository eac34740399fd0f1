import { allEntities, type DocModel, type Entity, type Located } from '../model';
import { endOf, startOf } from '../model/docReader';
import type { TaxonomyFile } from '../taxonomyFile';
import { isContained } from './keys';
import { ContainedTable, DetachedDefinition, detachedFields, ReferenceTable } from './detached';
import {
  IndexedDefinition,
  SiteReferences,
  type Definition,
  type EntitySource,
  type FacetEntry,
  type FileContribution,
  type ReferenceList,
} from './entries';

/* What one file contributes to the index: its definitions, its references and the rules' facets. */

/** A contributor adds rule-specific facets to a file's index contribution. */
export type FacetContributor = (
  file: TaxonomyFile,
  add: (facet: string, key: string, entry: FacetEntry) => void,
) => void;

type WithId = Entity & { id: Located<string> };

const hasId = (e: Entity): e is WithId => e.id !== undefined;

/** Calls `each` with the entities a file's models define, in the order of its definitions (journeys with their stages and touchpoints). */
function forEachDefined(models: readonly DocModel[], each: (entity: WithId, container?: string) => void): void {
  for (const model of models) {
    for (const e of model.entities) {
      if (e.kind === 'journey') {
        const journeyId = e.id?.value;
        for (const entity of allEntities({ ...model, entities: [e] })) {
          if (hasId(entity)) each(entity, entity.kind === 'journey' ? undefined : journeyId);
        }
      } else if (hasId(e)) each(e);
    }
  }
}

/**
 * The defined entities of a models list, kept as long as the list is: a definition finds its
 * entity again by its ordinal, and a file that let its models go builds a new list.
 */
const definedByModels = new WeakMap<readonly DocModel[], Entity[]>();

/** The way back from a file's definitions to their entities, through whatever models the file holds now. */
function entitySource(file: TaxonomyFile): EntitySource {
  return {
    lines: file.lines,
    definedEntity(ordinal: number): Entity {
      const models = file.models;
      let list = definedByModels.get(models);
      if (!list) {
        const entities: Entity[] = [];
        forEachDefined(models, (entity) => entities.push(entity));
        definedByModels.set(models, (list = entities));
      }
      return list[ordinal];
    },
  };
}

/**
 * A file's definitions (stages and touchpoints under their journey), references and facets.
 * `detached`: the file may let its model go (`releaseModels`), so its entries hold none of it.
 */
export function contributionOf(
  file: TaxonomyFile,
  contributors: readonly FacetContributor[],
  detached = false,
): FileContribution {
  const definitions: Definition[] = [];
  let contained: ContainedTable | undefined;
  let references: ReferenceList;
  const facets = new Map<string, Map<string, FacetEntry[]>>();
  const lines = file.lines;
  const models = file.models;
  // A file has one model per YAML document, nearly always one: its sites are read where they are.
  const sites = models.length === 1 ? models[0].refs : models.flatMap((m) => m.refs);
  if (detached && models.length > 0) {
    const source = entitySource(file);
    const table = new ContainedTable(file.uri, source);
    let ordinal = 0;
    forEachDefined(models, (entity, container) => {
      const id = entity.id;
      const fields = detachedFields(entity, container);
      const start = startOf(id, lines);
      const end = endOf(id, lines);
      if (isContained(entity.kind, container)) table.add(ordinal++, fields, start, end);
      else definitions.push(new DetachedDefinition(file.uri, source, ordinal++, fields, start, end));
    });
    if (table.length > 0) contained = table.seal();
    references = new ReferenceTable(file.uri, lines, sites, (r) => [startOf(r.id, lines), endOf(r.id, lines)]);
  } else {
    forEachDefined(models, (entity, container) => definitions.push(new IndexedDefinition(file.uri, entity, container)));
    references = new SiteReferences(file.uri, sites);
  }
  const add = (facet: string, key: string, entry: FacetEntry) => {
    const f = facets.get(facet) ?? new Map<string, FacetEntry[]>();
    facets.set(facet, f);
    const list = f.get(key);
    if (list) list.push(entry);
    else f.set(key, [entry]);
  };
  for (const c of contributors) c(file, add);
  return contained ? { definitions, contained, references, facets } : { definitions, references, facets };
}
