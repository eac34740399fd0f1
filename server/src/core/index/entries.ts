import type { Entity, Located, RefSite } from '../model';
import type { LineIndex } from '../lineIndex';
import type { EntityKind, Range } from '../types';

/* What the index holds: definitions, references and facet entries, and a file's contribution of them. */

/** Where an entity id is defined. */
export interface Definition {
  kind: EntityKind;
  /** The id as written; stages and touchpoints are qualified by their journey in `key`. */
  id: string;
  uri: string;
  /** The range of the id scalar (the place rename edits and go-to-definition lands). */
  range: Range;
  /** The journey id for stages and touchpoints. */
  container?: string;
  /** A term's label, else the entity's name, read without the entity (symbol lists). */
  name?: string;
  /** The entity's `status`, read without the entity. */
  status?: string;
  entity: Entity;
}

/** A place that names an entity id. */
export interface Reference {
  kind: EntityKind;
  id: string;
  uri: string;
  range: Range;
  field: string;
  container?: string;
}

/** Where a definition's entity is found again: its file and its place among the file's definitions. */
export interface EntitySource {
  /** The file's defined entities in the order `contributionOf` lists them (rebuilt when let go). */
  definedEntity(ordinal: number): Entity;
  lines: LineIndex;
}

/**
 * A definition as the index keeps it: its kind, id, name, status and where its id is written, and
 * the way back to its entity. The entity is read through the file (`EntitySource`), not held: a
 * file nobody looks at may let its model go (`releaseModels`), and the index, which holds a
 * definition for every id of the workspace (~250,000 on L), must not keep it alive. The range is
 * worked out from the id's offsets on each read (a new range each time).
 */
export class IndexedDefinition implements Definition {
  readonly kind: EntityKind;
  readonly id: string;
  /** What symbol lists show: a term's label, else the name (undefined without either). */
  readonly name: string | undefined;
  readonly status: string | undefined;
  readonly #source: EntitySource;
  readonly #ordinal: number;
  readonly #start: number;
  readonly #end: number;

  constructor(
    readonly uri: string,
    source: EntitySource,
    ordinal: number,
    entity: Entity & { id: Located<string> },
    start: number,
    end: number,
    readonly container?: string,
  ) {
    this.kind = entity.kind;
    this.id = entity.id.value;
    this.name = (entity.kind === 'term' ? entity.label?.value : undefined) ?? entity.name?.value;
    this.status = entity.status?.value;
    this.#source = source;
    this.#ordinal = ordinal;
    this.#start = start;
    this.#end = end;
  }

  get range(): Range {
    return this.#source.lines.range(this.#start, this.#end);
  }

  /** The entity, from the file's model (rebuilt if the file let it go). */
  get entity(): Entity {
    return this.#source.definedEntity(this.#ordinal);
  }

  toJSON(): Definition {
    return {
      kind: this.kind,
      id: this.id,
      uri: this.uri,
      range: this.range,
      container: this.container,
      entity: this.entity,
    };
  }
}

/**
 * A reference as the index keeps it: its kind, id, field and the offsets of the id, with the range
 * worked out on each read. It holds nothing of the file's model (see `IndexedDefinition`).
 */
export class IndexedReference implements Reference {
  readonly kind: EntityKind;
  readonly id: string;
  readonly field: string;
  readonly #lines: LineIndex;
  readonly #start: number;
  readonly #end: number;

  constructor(
    readonly uri: string,
    site: RefSite,
    lines: LineIndex,
    start: number,
    end: number,
  ) {
    this.kind = site.kind;
    this.id = site.id.value;
    this.field = site.field;
    this.#lines = lines;
    this.#start = start;
    this.#end = end;
  }

  get range(): Range {
    return this.#lines.range(this.#start, this.#end);
  }

  toJSON(): Reference {
    return { kind: this.kind, id: this.id, uri: this.uri, range: this.range, field: this.field };
  }
}

/** A named entry that a rule looks up across files (stage names, KPI formulas, term labels). */
export interface FacetEntry<T = unknown> {
  uri: string;
  range: Range;
  data: T;
  /**
   * What the entry says, when lookups count a key's entries by it (`facetGroups`): the lifecycle
   * stage of a named stage. Entries without a group are not counted.
   */
  group?: string;
  /** Who says it, so that a lookup can leave out the asker's own entries: the stage's journey. */
  subject?: string;
}

/** Everything one file contributes to the index, replaced as a whole when the file changes. */
export interface FileContribution {
  definitions: Definition[];
  references: Reference[];
  /** Facet name -> key -> entries. */
  facets: Map<string, Map<string, FacetEntry[]>>;
}
