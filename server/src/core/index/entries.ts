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
  /** The entity's `sunset` as written, read without the entity (most have none). */
  sunset?: string;
  entity: Entity;
}

/** A place that names an entity id. */
export interface Reference {
  kind: EntityKind;
  id: string;
  uri: string;
  range: Range;
  field: string;
}

/**
 * A file's references, read by place: the index keeps which file and which place, and makes the
 * `Reference` when it is read. A kept object per reference (~420,000 on L, 80 bytes each for a
 * file that lets its model go) was the largest part of the index (BENCHMARKS.md, item 36).
 */
export interface ReferenceList extends Iterable<Reference> {
  readonly length: number;
  kind(i: number): EntityKind;
  id(i: number): string;
  field(i: number): string;
  /** The reference at a place, a new object on each read. */
  at(i: number): Reference;
}

/** Where a definition's entity is found again: its file and its place among the file's definitions. */
export interface EntitySource {
  /** The file's defined entities in the order `contributionOf` lists them (rebuilt when let go). */
  definedEntity(ordinal: number): Entity;
  lines: LineIndex;
}

/**
 * A definition as the index keeps it for a file that keeps its model: its entity and where it
 * is, with the kind, id and range read from the entity's located id on each read (a new range
 * each time). The index holds one per id of the workspace (~250,000 on L), and a range kept
 * eagerly was three objects each (BENCHMARKS.md, item 13). The located id belongs to the file's
 * own parse, so its range follows that text; the index replaces a file's definitions whenever the
 * file changes. A file that may let its model go has `DetachedDefinition`s instead.
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

  get name(): string | undefined {
    return entityName(this.entity);
  }

  get status(): string | undefined {
    return this.entity.status?.value;
  }

  get sunset(): string | undefined {
    return this.entity.sunset?.value;
  }

  toJSON(): Definition {
    return definitionJSON(this);
  }
}

/** A reference of a file that keeps its model, read from the model's reference site. */
class SiteReference implements Reference {
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
    return referenceJSON(this);
  }
}

/** The references of a file that keeps its model: its models' reference sites, read through. */
export class SiteReferences implements ReferenceList {
  readonly #sites: readonly RefSite[];

  constructor(
    readonly uri: string,
    sites: readonly RefSite[],
  ) {
    this.#sites = sites;
  }

  get length(): number {
    return this.#sites.length;
  }

  kind(i: number): EntityKind {
    return this.#sites[i].kind;
  }

  id(i: number): string {
    return this.#sites[i].id.value;
  }

  field(i: number): string {
    return this.#sites[i].field;
  }

  at(i: number): Reference {
    return new SiteReference(this.uri, this.#sites[i]);
  }

  [Symbol.iterator](): IterableIterator<Reference> {
    return eachReference(this);
  }
}

/** A list's references in order, each made as it is read. */
export function* eachReference(list: ReferenceList): IterableIterator<Reference> {
  for (let i = 0; i < list.length; i++) yield list.at(i);
}

/** What symbol lists show of an entity: a term's label, else its name. */
export function entityName(e: Entity): string | undefined {
  return (e.kind === 'term' ? e.label?.value : undefined) ?? e.name?.value;
}

/* Index entries serialise as plain objects (tests and logs compare them), whatever class holds them. */
export function definitionJSON(d: Definition): Definition {
  return { kind: d.kind, id: d.id, uri: d.uri, range: d.range, container: d.container, entity: d.entity };
}

export function referenceJSON(r: Reference): Reference {
  return { kind: r.kind, id: r.id, uri: r.uri, range: r.range, field: r.field };
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

/**
 * A file's stages and touchpoints kept as rows (`ContainedTable`): each row's kind, id, journey
 * and ordinal among the file's definitions, and its definition made when read.
 */
export interface ContainedDefinitions {
  readonly length: number;
  kind(row: number): EntityKind;
  id(row: number): string;
  container(row: number): string;
  ordinal(row: number): number;
  at(row: number): Definition;
}

/** Everything one file contributes to the index, replaced as a whole when the file changes. */
export interface FileContribution {
  /**
   * Its definitions, in the order the file lists them, but for those `contained` holds (read
   * them all with `contributedDefinitions`).
   */
  definitions: Definition[];
  /** The stages and touchpoints of a file that may let its model go (`ContainedTable`). */
  contained?: ContainedDefinitions;
  references: ReferenceList;
  /** Facet name -> key -> entries. */
  facets: Map<string, Map<string, FacetEntry[]>>;
}
