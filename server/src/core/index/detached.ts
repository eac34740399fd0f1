import type { Entity, Located, RefSite } from '../model';
import type { LineIndex } from '../lineIndex';
import type { EntityKind, Range } from '../types';
import { internalized, sharedString } from '../intern';
import {
  definitionJSON,
  eachReference,
  entityName,
  referenceJSON,
  type ContainedDefinitions,
  type Definition,
  type EntitySource,
  type FileContribution,
  type Reference,
  type ReferenceList,
} from './entries';

/*
 * The index's entries for a file that may let its model go: they hold nothing of the model, only
 * what the index reads of it and where it is written.
 */

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
  readonly #lifecycle: Lifecycle | undefined;
  readonly #source: EntitySource;
  /** Its place among the file's definitions (`EntitySource.definedEntity`). */
  readonly ordinal: number;
  readonly #start: number;
  readonly #end: number;

  constructor(
    readonly uri: string,
    source: EntitySource,
    ordinal: number,
    fields: DetachedFields,
    start: number,
    end: number,
  ) {
    this.kind = fields.kind;
    this.id = fields.id;
    this.name = fields.name;
    this.container = fields.container;
    this.#lifecycle = fields.lifecycle;
    this.#source = source;
    this.ordinal = ordinal;
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
    return this.#source.definedEntity(this.ordinal);
  }

  toJSON(): Definition {
    return definitionJSON(this);
  }
}

/** A status and a sunset as written, kept only for an id that has either. */
interface Lifecycle {
  status: string | undefined;
  sunset: string | undefined;
}

/** What a detached definition keeps of its entity. */
interface DetachedFields {
  kind: EntityKind;
  id: string;
  name: string | undefined;
  container: string | undefined;
  lifecycle: Lifecycle | undefined;
}

/** What a detached definition keeps of an entity: its id is the engine's shared copy (`internalized`). */
export function detachedFields(entity: Entity & { id: Located<string> }, container?: string): DetachedFields {
  const status = entity.status?.value;
  const sunset = entity.sunset?.value;
  return {
    kind: entity.kind,
    id: internalized(entity.id.value),
    name: entityName(entity),
    container,
    lifecycle: status === undefined && sunset === undefined ? undefined : { status, sunset },
  };
}

/**
 * The stages and touchpoints of a file that may let its model go, in a table: each one's kind,
 * id, name, journey and where its id is written, ~30 bytes a row where a `DetachedDefinition`
 * each, with its place in an array, was ~110 (~235,000 on L: ~20 MB of a lint's heap). The index
 * finds them through their journey (`WorkspaceIndex.definitions`), and a `DetachedDefinition` is
 * made when one is read (a new object on each read). Status and sunset are kept for the few rows
 * that have them. Built row by row (`add`), then `seal`ed into arrays of exact length: the
 * builder's arrays, grown as they filled, were a third empty.
 */
export class ContainedTable implements ContainedDefinitions {
  readonly #uri: string;
  readonly #source: EntitySource;
  #building: Building | undefined = { kinds: [], ids: [], names: [], containers: [], places: [] };
  /** Each row's kind, as its place in `TABLE_KINDS`. */
  #kinds: Uint8Array = new Uint8Array(0);
  #ids: readonly string[] = [];
  #names: readonly (string | undefined)[] = [];
  /** The journeys, each with the first row under it (rows come journey by journey). */
  #containers: readonly string[] = [];
  #containerFrom: Int32Array = new Int32Array(0);
  /** Each row's ordinal among the file's definitions, and its id's start and end offsets. */
  #places: Int32Array = new Int32Array(0);
  #lifecycles: Map<number, Lifecycle> | undefined;

  constructor(uri: string, source: EntitySource) {
    this.#uri = uri;
    this.#source = source;
  }

  /** Adds a stage or touchpoint under its journey while the table is built; `seal` ends the building. */
  add(ordinal: number, fields: DetachedFields, start: number, end: number): void {
    if (fields.container === undefined) throw new Error('a stage or touchpoint in a table needs its journey');
    const b = this.#building!;
    const row = b.ids.length;
    b.kinds.push(kindCode(fields.kind));
    b.ids.push(fields.id);
    b.names.push(fields.name);
    b.containers.push(fields.container);
    if (fields.lifecycle) (this.#lifecycles ??= new Map()).set(row, fields.lifecycle);
    b.places.push(ordinal, start, end);
  }

  seal(): this {
    const b = this.#building!;
    this.#building = undefined;
    this.#kinds = Uint8Array.from(b.kinds);
    this.#ids = b.ids.slice();
    this.#names = b.names.slice();
    const containers: string[] = [];
    const from: number[] = [];
    b.containers.forEach((c, row) => {
      if (row === 0 || c !== containers[containers.length - 1]) {
        containers.push(c);
        from.push(row);
      }
    });
    this.#containers = containers;
    this.#containerFrom = Int32Array.from(from);
    this.#places = Int32Array.from(b.places);
    return this;
  }

  get length(): number {
    return this.#building ? this.#building.ids.length : this.#ids.length;
  }

  kind(row: number): EntityKind {
    return TABLE_KINDS[this.#kinds[row]];
  }

  id(row: number): string {
    return this.#ids[row];
  }

  container(row: number): string {
    // Nearly always one journey a file: the last run that starts at or before the row.
    const from = this.#containerFrom;
    let i = from.length - 1;
    while (i > 0 && from[i] > row) i--;
    return this.#containers[i];
  }

  ordinal(row: number): number {
    return this.#places[3 * row];
  }

  /** The definition of a row, a new object on each read. */
  at(row: number): DetachedDefinition {
    const p = 3 * row;
    const fields: DetachedFields = {
      kind: this.kind(row),
      id: this.#ids[row],
      name: this.#names[row],
      container: this.container(row),
      lifecycle: this.#lifecycles?.get(row),
    };
    return new DetachedDefinition(
      this.#uri,
      this.#source,
      this.#places[p],
      fields,
      this.#places[p + 1],
      this.#places[p + 2],
    );
  }
}

/** A `ContainedTable`'s rows while it is built. */
interface Building {
  kinds: number[];
  ids: string[];
  names: (string | undefined)[];
  containers: string[];
  places: number[];
}

/** The kinds a table's rows have, numbered as first seen (stages and touchpoints). */
const TABLE_KINDS: EntityKind[] = [];

function kindCode(kind: EntityKind): number {
  const code = TABLE_KINDS.indexOf(kind);
  return code >= 0 ? code : TABLE_KINDS.push(kind) - 1;
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

/**
 * Walks a file's contribution in the order the file lists its definitions: `onDefinition` for
 * each of `definitions`, and `onRow` for each row of `contained` between them (rows are skipped
 * without it). A file with a table holds `DetachedDefinition`s, whose ordinals place the rows.
 */
export function forEachContributed(
  c: FileContribution,
  onDefinition: (d: Definition) => void,
  onRow?: (table: ContainedDefinitions, row: number) => void,
): void {
  const table = onRow ? c.contained : undefined;
  let row = 0;
  for (const d of c.definitions) {
    if (table) {
      const ordinal = d instanceof DetachedDefinition ? d.ordinal : 0;
      for (; row < table.length && table.ordinal(row) < ordinal; row++) onRow!(table, row);
    }
    onDefinition(d);
  }
  if (table) for (; row < table.length; row++) onRow!(table, row);
}

/** Every definition of a file's contribution, in the file's order, the rows of `contained` made when read. */
export function contributedDefinitions(c: FileContribution): Definition[] {
  if (!c.contained) return c.definitions;
  const out: Definition[] = [];
  forEachContributed(
    c,
    (d) => out.push(d),
    (table, row) => out.push(table.at(row)),
  );
  return out;
}
