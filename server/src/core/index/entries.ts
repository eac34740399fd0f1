import type { Entity, Located, RefSite } from '../model';
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

/**
 * A definition as the index keeps it: its entity and where it is, with the kind, id and range
 * read from the entity's located id on each read (a new range each time). The index holds one
 * per id of the workspace (~250,000 on L), and a range kept eagerly was three objects each
 * (BENCHMARKS.md, item 13). The located id belongs to the file's own parse, so its range follows
 * that text; the index replaces a file's definitions whenever the file changes.
 */
export class IndexedDefinition implements Definition {
  constructor(
    readonly uri: string,
    /** An entity with an id: the id read is its own (not kept twice: ~250,000 on L). */
    readonly entity: Entity & { id: Located<string> },
    readonly container?: string,
  ) {}

  get kind(): EntityKind {
    return this.entity.kind;
  }

  get id(): string {
    return this.entity.id.value;
  }

  get range(): Range {
    return this.entity.id.range;
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

/** A reference as the index keeps it: the model's reference site and its file (see `IndexedDefinition`). */
export class IndexedReference implements Reference {
  readonly #site: RefSite;

  constructor(
    readonly uri: string,
    site: RefSite,
  ) {
    this.#site = site;
  }

  get kind(): EntityKind {
    return this.#site.kind;
  }

  get id(): string {
    return this.#site.id.value;
  }

  get range(): Range {
    return this.#site.id.range;
  }

  get field(): string {
    return this.#site.field;
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
