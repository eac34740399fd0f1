import type { Entity, Located, RefSite } from '../model';
import type { LineIndex } from '../lineIndex';
import type { EntityKind, Range } from '../types';
import { internalized, sharedString } from '../intern';

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
function* eachReference(list: ReferenceList): IterableIterator<Reference> {
  for (let i = 0; i < list.length; i++) yield list.at(i);
}

/** What symbol lists show of an entity: a term's label, else its name. */
export function entityName(e: Entity): string | undefined {
  return (e.kind === 'term' ? e.label?.value : undefined) ?? e.name?.value;
}

/* Index entries serialise as plain objects (tests and logs compare them), whatever class holds them. */
function definitionJSON(d: Definition): Definition {
  return { kind: d.kind, id: d.id, uri: d.uri, range: d.range, container: d.container, entity: d.entity };
}

function referenceJSON(r: Reference): Reference {
  return { kind: r.kind, id: r.id, uri: r.uri, range: r.range, field: r.field };
}

/**
 * A definition as the index keeps it for a file that may let its model go (`releaseModels`): its
 * kind, id, name, status, sunset and where its id is written, and the way back to its entity,
 * which is read through the file (`EntitySource`), not held, so that the index does not keep a
 * model the file let go. The range is worked out from the id's offsets on each read (a new range
 * each time). Its id is the engine's shared copy (`internalized`): cut out of the text, each was a
 * string of its own (~8 MB on the styled L). Its journey's id is the one string the journey's
 * model read, the same for each of its stages and touchpoints. It costs ~50 bytes more than an
 * `IndexedDefinition`, which is why files that keep their models have those.
 */
export class DetachedDefinition implements Definition {
  readonly kind: EntityKind;
  readonly id: string;
  /** What symbol lists show: a term's label, else the name (undefined without either). */
  readonly name: string | undefined;
  readonly container: string | undefined;
  /** Its status and sunset, in an object of their own only when it has either (few ids do). */
  readonly #lifecycle: { status: string | undefined; sunset: string | undefined } | undefined;
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
    container?: string,
  ) {
    this.container = container;
    this.kind = entity.kind;
    this.id = internalized(entity.id.value);
    this.name = entityName(entity);
    const status = entity.status?.value;
    const sunset = entity.sunset?.value;
    this.#lifecycle = status === undefined && sunset === undefined ? undefined : { status, sunset };
    this.#source = source;
    this.#ordinal = ordinal;
    this.#start = start;
    this.#end = end;
  }

  get status(): string | undefined {
    return this.#lifecycle?.status;
  }

  get sunset(): string | undefined {
    return this.#lifecycle?.sunset;
  }

  get range(): Range {
    return this.#source.lines.range(this.#start, this.#end);
  }

  /** The entity, from the file's model (rebuilt if the file let it go). */
  get entity(): Entity {
    return this.#source.definedEntity(this.#ordinal);
  }

  toJSON(): Definition {
    return definitionJSON(this);
  }
}

/**
 * The references of a file that may let its model go, in a table that holds nothing of the model:
 * each reference's id, its kind and field (one number for the pair), and the offsets of the id,
 * ~18 bytes a reference where an object each was 80. An id is a shared copy (`sharedString`): on
 * L a few thousand ids are named ~420,000 times, each a string of its own when cut out of the
 * text. The range is worked out from the offsets on each read (a new range each time).
 */
export class ReferenceTable implements ReferenceList {
  readonly #lines: LineIndex;
  readonly #ids: string[];
  readonly #shapes: Uint16Array;
  /** Each reference's start and end offsets, side by side. */
  readonly #offsets: Int32Array;

  /** `place(site)` gives the offsets of a site's id in the file's text. */
  constructor(
    readonly uri: string,
    lines: LineIndex,
    sites: readonly RefSite[],
    place: (site: RefSite) => readonly [start: number, end: number],
  ) {
    this.#lines = lines;
    const n = sites.length;
    this.#ids = new Array<string>(n);
    this.#shapes = new Uint16Array(n);
    this.#offsets = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const site = sites[i];
      this.#ids[i] = sharedString(site.id.value);
      this.#shapes[i] = shapeCode(site.kind, site.field);
      const [start, end] = place(site);
      this.#offsets[2 * i] = start;
      this.#offsets[2 * i + 1] = end;
    }
  }

  get length(): number {
    return this.#ids.length;
  }

  kind(i: number): EntityKind {
    return SHAPES[this.#shapes[i]].kind;
  }

  id(i: number): string {
    return this.#ids[i];
  }

  field(i: number): string {
    return SHAPES[this.#shapes[i]].field;
  }

  range(i: number): Range {
    return this.#lines.range(this.#offsets[2 * i], this.#offsets[2 * i + 1]);
  }

  at(i: number): Reference {
    return new TableReference(this, i);
  }

  [Symbol.iterator](): IterableIterator<Reference> {
    return eachReference(this);
  }
}

/** A reference read from a `ReferenceTable`. */
class TableReference implements Reference {
  readonly #table: ReferenceTable;
  readonly #at: number;

  constructor(table: ReferenceTable, at: number) {
    this.#table = table;
    this.#at = at;
  }

  get uri(): string {
    return this.#table.uri;
  }

  get kind(): EntityKind {
    return this.#table.kind(this.#at);
  }

  get id(): string {
    return this.#table.id(this.#at);
  }

  get field(): string {
    return this.#table.field(this.#at);
  }

  get range(): Range {
    return this.#table.range(this.#at);
  }

  toJSON(): Reference {
    return referenceJSON(this);
  }
}

/** The kind and field pairs references have, numbered as first seen (a few dozen: the schema's reference fields). */
const SHAPES: { kind: EntityKind; field: string }[] = [];
const SHAPE_CODES = new Map<EntityKind, Map<string, number>>();

function shapeCode(kind: EntityKind, field: string): number {
  let byField = SHAPE_CODES.get(kind);
  if (!byField) SHAPE_CODES.set(kind, (byField = new Map<string, number>()));
  let code = byField.get(field);
  if (code === undefined) {
    code = SHAPES.push({ kind, field }) - 1;
    if (code > 0xffff) throw new Error('more reference fields than a table can number');
    byField.set(field, code);
  }
  return code;
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
  references: ReferenceList;
  /** Facet name -> key -> entries. */
  facets: Map<string, Map<string, FacetEntry[]>>;
}
