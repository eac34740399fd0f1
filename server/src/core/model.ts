import { childPointer, type ParsedDoc, type SourceSpan } from './parse';
import { exactSize } from './fastParse';
import type { LineIndex } from './lineIndex';
import type { EntityKind, Range, TaxonomyKind } from './types';

/** A value together with where it was written. */
export interface Located<T> {
  value: T;
  range: Range;
  /** The JSON pointer of the value inside its document. */
  pointer: string;
}

/** Who owns an entity: one team, or several with one accountable lead. */
export interface Ownership {
  teams: Located<string>[];
  /** True when written as a list (`owner: [a, b]`). */
  isList: boolean;
  /** The range of the whole `owner` value. */
  range: Range;
  lead?: Located<string>;
}

/** A reference from one place to an entity id, as written. */
export interface RefSite {
  kind: EntityKind;
  id: Located<string>;
  /** The field that holds it (`persona`, `segments`, `owner`, `kpis`, ...). */
  field: string;
}

/** Free text that terminology rules read: names, descriptions, definitions, goals, ... */
export interface TextSite {
  field: string;
  text: string;
  /** Offsets of the scalar's source, quotes and block indicators included. */
  start: number;
  end: number;
  scalarType?: string;
}

/** What every entity has. */
export interface EntityBase {
  kind: EntityKind;
  id?: Located<string>;
  name?: Located<string>;
  description?: Located<string>;
  status?: Located<string>;
  owner?: Ownership;
  /** The range of the entity's whole mapping. */
  range: Range;
  pointer: string;
  docIndex: number;
}

export interface Team extends EntityBase {
  kind: 'team';
  function?: Located<string>;
}

export interface Term extends EntityBase {
  kind: 'term';
  label?: Located<string>;
  vocabulary: string;
  definition?: Located<string>;
  aliases: Located<string>[];
  avoid: Located<string>[];
  equivalent?: Located<string>;
  broader: Located<string>[];
  related: Located<string>[];
}

export interface Persona extends EntityBase {
  kind: 'persona';
  segments: Located<string>[];
}

export interface Segment extends EntityBase {
  kind: 'segment';
  personas: Located<string>[];
  lifecycleStage?: Located<string>;
}

export interface Touchpoint extends EntityBase {
  kind: 'touchpoint';
  channel?: Located<string>;
  kpis: Located<string>[];
  handoff?: Located<string>;
  /** Set when the `handoff` key is written with no team. */
  handoffEmpty?: Range;
}

export interface Stage extends EntityBase {
  kind: 'stage';
  lifecycleStage?: Located<string>;
  touchpoints: Touchpoint[];
}

export interface Journey extends EntityBase {
  kind: 'journey';
  persona?: Located<string>;
  segments: Located<string>[];
  stages: Stage[];
}

export interface ConflictEntry {
  kpi?: Located<string>;
  resolution?: Located<string>;
  range: Range;
}

export interface Kpi extends EntityBase {
  kind: 'kpi';
  formula?: Located<string>;
  definition?: Located<string>;
  direction?: Located<string>;
  conflictsWith: ConflictEntry[];
}

export type Entity = Team | Term | Persona | Segment | Journey | Stage | Touchpoint | Kpi;

/** The entities of one YAML document. */
export interface DocModel {
  docIndex: number;
  kind?: Located<string>;
  /** Top-level entities (teams, terms, or the one persona/segment/journey/kpi). */
  entities: Entity[];
  refs: RefSite[];
  texts: TextSite[];
  /** Document-level defaults of a glossary. */
  glossaryVocabulary?: string;
}

/** Reads typed values out of a parsed document, with their ranges. */
export class DocReader {
  constructor(
    readonly doc: ParsedDoc,
    readonly lines: LineIndex,
  ) {}

  span(pointer: string): SourceSpan | undefined {
    const slot = this.slotOf(pointer);
    return slot < 0 ? undefined : this.doc.spans.at(slot);
  }

  /** The parent pointer whose span slot was looked up last, and that slot. */
  private slotParent = '\u0000';
  private slotParentSlot = -1;

  /**
   * The span slot of a pointer. The span table finds a slot by walking the pointer from the root;
   * the model builder reads many children of one mapping in a row, so the parent's slot is kept
   * and each read is one lookup under it.
   */
  private slotOf(pointer: string): number {
    const slash = pointer.lastIndexOf('/');
    if (slash < 0) return this.doc.spans.slotOf(pointer);
    const last = this.slotParent;
    if (slash !== last.length || !pointer.startsWith(last)) {
      this.slotParent = pointer.slice(0, slash);
      this.slotParentSlot = this.doc.spans.slotOf(this.slotParent);
    }
    return this.doc.spans.childSlotOf(this.slotParentSlot, pointer, slash + 1);
  }

  /**
   * Containers looked up recently, by pointer. The model builder reads many children of one
   * mapping in a row, so resolving the parent once makes each read O(1) instead of a walk from
   * the root (the walk was the largest cost of building models; see BENCHMARKS.md). Bounded,
   * and dropped once the model is built (`forgetContainers`), so a reader kept with its file
   * holds little.
   */
  private containers: Map<string, unknown> | undefined;

  /** The container read last, which the next read most often shares (a fast path before the map). */
  private lastPointer = '\u0000';
  private lastContainer: unknown;

  get(pointer: string): unknown {
    if (pointer === '') return this.doc.value;
    const slash = pointer.lastIndexOf('/');
    let parent: unknown;
    const last = this.lastPointer;
    if (slash === last.length && pointer.startsWith(last)) parent = this.lastContainer;
    else {
      const parentPointer = pointer.slice(0, slash);
      if (parentPointer === '') parent = this.doc.value;
      else if (this.containers?.has(parentPointer)) parent = this.containers.get(parentPointer);
      else {
        parent = this.get(parentPointer);
        if (parent && typeof parent === 'object') {
          const containers = (this.containers ??= new Map());
          if (containers.size >= 64) containers.clear();
          containers.set(parentPointer, parent);
        }
      }
      if (parent && typeof parent === 'object') {
        this.lastPointer = parentPointer;
        this.lastContainer = parent;
      }
    }
    const raw = pointer.slice(slash + 1);
    const seg = raw.indexOf('~') >= 0 ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
    if (Array.isArray(parent)) return parent[Number(seg)];
    if (parent && typeof parent === 'object')
      return Object.prototype.hasOwnProperty.call(parent, seg) ? (parent as Record<string, unknown>)[seg] : undefined;
    return undefined;
  }

  /** Drops the lookup caches: ~1,000 kept readers' caches of 64 pointers were a few MB. */
  forgetContainers(): void {
    this.containers = undefined;
    this.lastPointer = '\u0000';
    this.lastContainer = undefined;
    this.slotParent = '\u0000';
    this.slotParentSlot = -1;
    this.fieldParent = '\u0000';
    this.fieldParentValue = undefined;
  }

  valueRange(pointer: string): Range {
    const s = this.span(pointer);
    return s ? this.lines.range(s.start, s.end) : this.lines.range(this.doc.start, this.doc.start);
  }

  keyRange(pointer: string): Range {
    const s = this.span(pointer);
    if (s && s.keyStart !== undefined && s.keyEnd !== undefined) return this.lines.range(s.keyStart, s.keyEnd);
    return this.valueRange(pointer);
  }

  string(pointer: string): Located<string> | undefined {
    const v = this.get(pointer);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      const slot = this.slotOf(pointer);
      // Values without a span of their own (under an alias) sit at the document's start.
      return slot >= 0
        ? new SlotLocated(String(v), this, slot)
        : new FixedLocated(String(v), pointer, this.doc.start, this.lines);
    }
    return undefined;
  }

  /** The mapping `field` read from last, its value and its span slot. */
  private fieldParent = '\u0000';
  private fieldParentValue: unknown;
  private fieldParentSlot = -1;

  /**
   * `string(childPointer(parent, key))` for a plain key (no `/` or `~`) of a mapping. The model
   * builder reads several fields of each entity in a row: this resolves the mapping and its span
   * slot once, finds each field's slot under it by key, and builds the field's pointer only when
   * its value has no span of its own. Splitting and comparing a new pointer string for every
   * read was a tenth of a cold lint of L (BENCHMARKS.md).
   */
  field(parent: string, key: string): Located<string> | undefined {
    if (parent !== this.fieldParent) {
      this.fieldParent = parent;
      this.fieldParentValue = this.get(parent);
      this.fieldParentSlot = this.doc.spans.slotOf(parent);
    }
    const obj = this.fieldParentValue;
    if (!isRecord(obj) || !Object.prototype.hasOwnProperty.call(obj, key)) return undefined;
    const v = obj[key];
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
    const spans = this.doc.spans;
    // A key never starts with `/`, so it cannot match a pointer the table keeps whole.
    const found = this.fieldParentSlot >= 0 ? spans.childSlotOf(this.fieldParentSlot, key, 0) : -1;
    const slot = found >= 0 ? found : spans.slotOf(childPointer(parent, key));
    return slot >= 0
      ? new SlotLocated(String(v), this, slot)
      : new FixedLocated(String(v), childPointer(parent, key), this.doc.start, this.lines);
  }

  /** A list of strings; a single string is read as a list of one, as users often write. */
  strings(pointer: string): Located<string>[] {
    const v = this.get(pointer);
    if (Array.isArray(v)) {
      const out: Located<string>[] = [];
      v.forEach((_, i) => {
        const s = this.string(childPointer(pointer, i));
        if (s) out.push(s);
      });
      return exactSize(out);
    }
    const one = this.string(pointer);
    return one ? [one] : [];
  }

  has(pointer: string): boolean {
    return this.slotOf(pointer) >= 0;
  }

  text(pointer: string, field: string, out: TextSite[]): void {
    const v = this.get(pointer);
    const s = this.span(pointer);
    if (typeof v === 'string' && s) out.push({ field, text: v, start: s.start, end: s.end, scalarType: s.scalarType });
    else if (Array.isArray(v)) v.forEach((_, i) => this.text(childPointer(pointer, i), field, out));
  }
}

/**
 * A located string that keeps only its value, its document and the slot of its span: the range
 * and the pointer are worked out when read. A workspace holds a located value for every id,
 * reference and name (~130,000 on M); with a pointer string and a range (three objects) each,
 * they were a large share of the heap, and most are never read (BENCHMARKS.md). Each read of
 * `range` returns a new object, so callers may keep or change it. It serialises like a plain
 * `{ value, range, pointer }` (toJSON).
 */
class SlotLocated implements Located<string> {
  readonly #reader: DocReader;
  readonly #slot: number;

  constructor(
    readonly value: string,
    reader: DocReader,
    slot: number,
  ) {
    this.#reader = reader;
    this.#slot = slot;
  }

  get range(): Range {
    const spans = this.#reader.doc.spans;
    return this.#reader.lines.range(spans.startAt(this.#slot), spans.endAt(this.#slot));
  }

  get pointer(): string {
    return this.#reader.doc.spans.pointerAt(this.#slot);
  }

  toJSON(): Located<string> {
    return { value: this.value, range: this.range, pointer: this.pointer };
  }
}

/** A located string without a span of its own: an empty range at one offset. */
class FixedLocated implements Located<string> {
  readonly #offset: number;
  readonly #lines: LineIndex;

  constructor(
    readonly value: string,
    readonly pointer: string,
    offset: number,
    lines: LineIndex,
  ) {
    this.#offset = offset;
    this.#lines = lines;
  }

  get range(): Range {
    return this.#lines.range(this.#offset, this.#offset);
  }

  toJSON(): Located<string> {
    return { value: this.value, range: this.range, pointer: this.pointer };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Free-text fields that terminology rules read, whatever the entity. */
const TEXT_FIELDS = ['name', 'description', 'definition', 'criteria', 'goals', 'pains', 'quote', 'notes'];

class ModelBuilder {
  readonly refs: RefSite[] = [];
  readonly texts: TextSite[] = [];

  constructor(readonly r: DocReader) {}

  /**
   * The common fields, which each entity copies into one object literal of its own: spreading
   * this object into the entity instead gave every entity a hidden class of its own (V8), ~180
   * bytes each, 11 MB of the heap on M (BENCHMARKS.md).
   */
  base<K extends EntityKind>(kind: K, pointer: string): EntityBase & { kind: K } {
    const r = this.r;
    const p = (k: string) => childPointer(pointer, k);
    // Most fields are absent from most entities: look at the mapping's keys before building a
    // pointer for each (which was a large share of building models; see BENCHMARKS.md).
    const obj = r.get(pointer);
    const has = (k: string) => isRecord(obj) && Object.prototype.hasOwnProperty.call(obj, k);
    for (const f of TEXT_FIELDS) if (has(f)) this.r.text(p(f), f, this.texts);
    return {
      kind,
      id: has('id') ? r.field(pointer, 'id') : undefined,
      name: has('name') ? r.field(pointer, 'name') : undefined,
      description: has('description') ? r.field(pointer, 'description') : undefined,
      status: has('status') ? r.field(pointer, 'status') : undefined,
      owner: has('owner') ? this.ownership(pointer) : undefined,
      range: r.valueRange(pointer),
      pointer,
      docIndex: r.doc.index,
    };
  }

  ownership(pointer: string): Ownership | undefined {
    const r = this.r;
    const op = childPointer(pointer, 'owner');
    if (!r.has(op)) return undefined;
    const raw = r.get(op);
    const teams = exactSize(r.strings(op).filter((t) => t.value.trim() !== ''));
    teams.forEach((t) => this.ref('team', t, 'owner'));
    const parent = r.get(pointer);
    const lead =
      isRecord(parent) && Object.prototype.hasOwnProperty.call(parent, 'lead') ? r.field(pointer, 'lead') : undefined;
    if (lead) this.ref('team', lead, 'lead');
    return { teams, isList: Array.isArray(raw), range: r.valueRange(op), lead };
  }

  ref(kind: EntityKind, id: Located<string>, field: string): void {
    if (id.value.trim() !== '') this.refs.push({ kind, id, field });
  }

  refs1(kind: EntityKind, pointer: string, field: string): Located<string> | undefined {
    const v = this.r.string(pointer);
    if (v) this.ref(kind, v, field);
    return v;
  }

  refsN(kind: EntityKind, pointer: string, field: string): Located<string>[] {
    const vs = this.r.strings(pointer);
    vs.forEach((v) => this.ref(kind, v, field));
    return vs;
  }

  list(pointer: string): string[] {
    const v = this.r.get(pointer);
    return Array.isArray(v) ? v.map((_, i) => childPointer(pointer, i)).filter((p) => isRecord(this.r.get(p))) : [];
  }

  team(pointer: string): Team {
    const b = this.base('team', pointer);
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      function: this.r.field(pointer, 'function'),
    };
  }

  term(pointer: string, defaultVocabulary: string | undefined, defaultOwner: Ownership | undefined): Term {
    const r = this.r;
    const p = (k: string) => childPointer(pointer, k);
    const b = this.base('term', pointer);
    const label = r.field(pointer, 'term');
    return {
      kind: b.kind,
      id: b.id,
      name: b.name ?? label,
      description: b.description,
      status: b.status,
      owner: b.owner ?? defaultOwner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      label,
      vocabulary: r.field(pointer, 'vocabulary')?.value ?? defaultVocabulary ?? 'shared',
      definition: r.field(pointer, 'definition'),
      aliases: r.strings(p('aliases')),
      avoid: r.strings(p('avoid')),
      equivalent: this.refs1('term', p('equivalent'), 'equivalent'),
      broader: this.refsN('term', p('broader'), 'broader'),
      related: this.refsN('term', p('related'), 'related'),
    };
  }

  persona(pointer: string): Persona {
    const b = this.base('persona', pointer);
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      segments: this.refsN('segment', childPointer(pointer, 'segments'), 'segments'),
    };
  }

  segment(pointer: string): Segment {
    const b = this.base('segment', pointer);
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      personas: this.refsN('persona', childPointer(pointer, 'personas'), 'personas'),
      lifecycleStage: this.r.field(pointer, 'lifecycleStage'),
    };
  }

  journey(pointer: string): Journey {
    const p = (k: string) => childPointer(pointer, k);
    const b = this.base('journey', pointer);
    const persona = this.refs1('persona', p('persona'), 'persona');
    const segments = this.refsN('segment', p('segments'), 'segments');
    const stages = this.list(p('stages')).map((sp) => this.stage(sp));
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      persona,
      segments,
      stages,
    };
  }

  stage(pointer: string): Stage {
    const b = this.base('stage', pointer);
    const touchpoints = this.list(childPointer(pointer, 'touchpoints')).map((tp) => this.touchpoint(tp));
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      lifecycleStage: this.r.field(pointer, 'lifecycleStage'),
      touchpoints,
    };
  }

  touchpoint(pointer: string): Touchpoint {
    const r = this.r;
    const p = (k: string) => childPointer(pointer, k);
    const handoffPointer = p('handoff');
    const handoff = this.refs1('team', handoffPointer, 'handoff');
    const rawHandoff = r.get(handoffPointer);
    const handoffEmpty =
      r.has(handoffPointer) && (rawHandoff === null || rawHandoff === '') ? r.keyRange(handoffPointer) : undefined;
    const b = this.base('touchpoint', pointer);
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      channel: r.field(pointer, 'channel'),
      kpis: this.refsN('kpi', p('kpis'), 'kpis'),
      handoff: handoff && handoff.value.trim() !== '' ? handoff : undefined,
      handoffEmpty,
    };
  }

  kpi(pointer: string): Kpi {
    const r = this.r;
    const p = (k: string) => childPointer(pointer, k);
    const conflictsWith = this.list(p('conflictsWith')).map((cp) => ({
      kpi: this.refs1('kpi', childPointer(cp, 'kpi'), 'conflictsWith'),
      resolution: r.field(cp, 'resolution'),
      range: r.valueRange(cp),
    }));
    const b = this.base('kpi', pointer);
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      formula: r.field(pointer, 'formula'),
      definition: r.field(pointer, 'definition'),
      direction: r.field(pointer, 'direction'),
      conflictsWith,
    };
  }
}

/**
 * Builds the typed entities of one document for the kind its file suffix promises. It reads
 * defensively: a document that fails its schema still yields whatever entities it can, so the
 * index and the other rules keep working while the user types.
 */
export function buildDocModel(fileKind: TaxonomyKind, reader: DocReader): DocModel {
  const b = new ModelBuilder(reader);
  const root = reader.doc.value;
  const model: DocModel = {
    docIndex: reader.doc.index,
    kind: reader.string('/kind'),
    entities: [],
    refs: b.refs,
    texts: b.texts,
  };
  if (!isRecord(root)) return model;
  switch (fileKind) {
    case 'teams':
      model.entities.push(...b.list('/teams').map((p) => b.team(p)));
      break;
    case 'glossary': {
      const vocabulary = reader.string('/vocabulary')?.value;
      const owner = b.ownership('');
      model.glossaryVocabulary = vocabulary;
      model.entities.push(...b.list('/terms').map((p) => b.term(p, vocabulary, owner)));
      break;
    }
    case 'persona':
      model.entities.push(b.persona(''));
      break;
    case 'segment':
      model.entities.push(b.segment(''));
      break;
    case 'journey':
      model.entities.push(b.journey(''));
      break;
    case 'kpi':
      model.entities.push(b.kpi(''));
      break;
  }
  return model;
}

/** Every entity of a document model, nested stages and touchpoints included. */
export function* allEntities(model: DocModel): Iterable<Entity> {
  for (const e of model.entities) {
    yield e;
    if (e.kind === 'journey') {
      for (const s of e.stages) {
        yield s;
        yield* s.touchpoints;
      }
    }
  }
}
