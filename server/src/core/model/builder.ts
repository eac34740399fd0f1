import { ENTITY_TEXT_FIELDS } from '../domain/fields';
import { SHARED_VOCABULARY } from '../domain/vocabularies';
import { exactSize } from '../exactSize';
import type { EntityKind, TaxonomyKind } from '../types';
import { childPointer } from '../yaml';
import { isRecord, SlotOwnership, type DocReader } from './docReader';
import { SlotDocModel, textCode } from './slotDocModel';
import type {
  DocModel,
  Entity,
  EntityBase,
  Journey,
  Kpi,
  Located,
  Ownership,
  Persona,
  RefSite,
  Segment,
  Stage,
  Team,
  Term,
  Touchpoint,
} from './types';

/** A mapping (or list) being read: its value, its span slot (-1 without one) and its pointer. */
interface At {
  value: unknown;
  slot: number;
  pointer: string;
}

const hasOwn = (obj: unknown, key: string): obj is Record<string, unknown> =>
  isRecord(obj) && Object.prototype.hasOwnProperty.call(obj, key);

/** A mapping's own value under a key (as `DocReader.get` reads it), or undefined. */
const own = (obj: unknown, key: string): unknown => (hasOwn(obj, key) ? obj[key] : undefined);

/**
 * Reads a document's entities by walking its values, each with its span slot: a field is one
 * property read and one slot lookup under its mapping's slot. Reading each field by its pointer
 * instead (`DocReader.get`), which splits the pointer and looks its last segment up as a new
 * string, was the largest cost of building models (BENCHMARKS.md).
 */
class ModelBuilder {
  readonly refs: RefSite[] = [];
  /** The free text read, as `SlotDocModel` keeps it: a code per site and its text. */
  readonly textCodes: number[] = [];
  readonly textValues: string[] = [];

  constructor(readonly r: DocReader) {}

  /** The slot of a mapping's child. */
  slot(at: At, key: string): number {
    return this.r.childSlot(at.slot, at.pointer, key);
  }

  /** A scalar field as a located string (`DocReader.field`). */
  field(at: At, key: string): Located<string> | undefined {
    const obj = at.value;
    if (!hasOwn(obj, key)) return undefined;
    const v = obj[key];
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
    return this.r.scalarAt(v, this.slot(at, key), at.pointer, key);
  }

  /** A list of strings; a single string is read as a list of one, as users often write (`DocReader.strings`). */
  strings(at: At, key: string): Located<string>[] {
    const v = own(at.value, key);
    if (!Array.isArray(v)) {
      const one = this.field(at, key);
      return one ? [one] : [];
    }
    const r = this.r;
    const slot = this.slot(at, key);
    const pointer = childPointer(at.pointer, key);
    const out: Located<string>[] = [];
    v.forEach((item, i) => {
      const s = r.scalarAt(item, typeof item === 'object' ? -1 : r.childSlot(slot, pointer, i), pointer, i);
      if (s) out.push(s);
    });
    return exactSize(out);
  }

  /** The mappings of a list, each with its slot and pointer. */
  list(at: At, key: string): At[] {
    const v = own(at.value, key);
    if (!Array.isArray(v)) return [];
    const slot = this.slot(at, key);
    const pointer = childPointer(at.pointer, key);
    const out: At[] = [];
    v.forEach((item, i) => {
      if (isRecord(item))
        out.push({ value: item, slot: this.r.childSlot(slot, pointer, i), pointer: childPointer(pointer, i) });
    });
    return out;
  }

  /**
   * The common fields, which each entity copies into one object literal of its own: spreading
   * this object into the entity instead gave every entity a hidden class of its own (V8), ~180
   * bytes each, 11 MB of the heap on M (BENCHMARKS.md).
   */
  base<K extends EntityKind>(kind: K, at: At): EntityBase & { kind: K } {
    const obj = at.value;
    ENTITY_TEXT_FIELDS.forEach((f, code) => {
      if (hasOwn(obj, f)) this.text(obj[f], this.slot(at, f), at.pointer, f, code);
    });
    return {
      kind,
      id: this.field(at, 'id'),
      name: this.field(at, 'name'),
      description: this.field(at, 'description'),
      status: this.field(at, 'status'),
      sunset: this.field(at, 'sunset'),
      replacedBy: this.refs1(kind, at, 'replacedBy', 'replacedBy'),
      owner: hasOwn(obj, 'owner') ? this.ownership(at) : undefined,
      range: this.r.rangeAt(at.slot),
      pointer: at.pointer,
      docIndex: this.r.doc.index,
    };
  }

  /** The free text of a value (a string, or a list of them) in a slot, at `childPointer(parentPointer, key)`. */
  text(v: unknown, slot: number, parentPointer: string, key: string | number, field: number): void {
    if (typeof v === 'string') {
      if (slot < 0) return;
      this.textCodes.push(textCode(slot, field));
      this.textValues.push(v);
    } else if (Array.isArray(v)) {
      const p = childPointer(parentPointer, key);
      v.forEach((item, i) => this.text(item, this.r.childSlot(slot, p, i), p, i, field));
    }
  }

  ownership(at: At): Ownership | undefined {
    const slot = this.slot(at, 'owner');
    if (slot < 0) return undefined;
    const teams = exactSize(this.strings(at, 'owner').filter((t) => t.value.trim() !== ''));
    teams.forEach((t) => this.ref('team', t, 'owner'));
    const lead = this.field(at, 'lead');
    if (lead) this.ref('team', lead, 'lead');
    return new SlotOwnership(teams, Array.isArray(own(at.value, 'owner')), this.r, slot, lead);
  }

  ref(kind: EntityKind, id: Located<string>, field: string): void {
    if (id.value.trim() !== '') this.refs.push({ kind, id, field });
  }

  refs1(kind: EntityKind, at: At, key: string, field: string): Located<string> | undefined {
    const v = this.field(at, key);
    if (v) this.ref(kind, v, field);
    return v;
  }

  refsN(kind: EntityKind, at: At, key: string): Located<string>[] {
    const vs = this.strings(at, key);
    vs.forEach((v) => this.ref(kind, v, key));
    return vs;
  }

  team(at: At): Team {
    const b = this.base('team', at);
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      sunset: b.sunset,
      replacedBy: b.replacedBy,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      function: this.field(at, 'function'),
    };
  }

  term(at: At, defaultVocabulary: string | undefined, defaultOwner: Ownership | undefined): Term {
    const b = this.base('term', at);
    const label = this.field(at, 'term');
    return {
      kind: b.kind,
      id: b.id,
      name: b.name ?? label,
      description: b.description,
      status: b.status,
      sunset: b.sunset,
      replacedBy: b.replacedBy,
      owner: b.owner ?? defaultOwner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      label,
      vocabulary: this.field(at, 'vocabulary')?.value ?? defaultVocabulary ?? SHARED_VOCABULARY,
      definition: this.field(at, 'definition'),
      aliases: this.strings(at, 'aliases'),
      avoid: this.strings(at, 'avoid'),
      equivalent: this.refs1('term', at, 'equivalent', 'equivalent'),
      broader: this.refsN('term', at, 'broader'),
      related: this.refsN('term', at, 'related'),
    };
  }

  persona(at: At): Persona {
    const b = this.base('persona', at);
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      sunset: b.sunset,
      replacedBy: b.replacedBy,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      segments: this.refsN('segment', at, 'segments'),
    };
  }

  segment(at: At): Segment {
    const b = this.base('segment', at);
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      sunset: b.sunset,
      replacedBy: b.replacedBy,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      personas: this.refsN('persona', at, 'personas'),
      lifecycleStage: this.field(at, 'lifecycleStage'),
    };
  }

  journey(at: At): Journey {
    const b = this.base('journey', at);
    const persona = this.refs1('persona', at, 'persona', 'persona');
    const segments = this.refsN('segment', at, 'segments');
    const stages = this.list(at, 'stages').map((s) => this.stage(s));
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      sunset: b.sunset,
      replacedBy: b.replacedBy,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      persona,
      segments,
      stages,
    };
  }

  stage(at: At): Stage {
    const b = this.base('stage', at);
    const touchpoints = this.list(at, 'touchpoints').map((tp) => this.touchpoint(tp));
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      sunset: b.sunset,
      replacedBy: b.replacedBy,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      lifecycleStage: this.field(at, 'lifecycleStage'),
      touchpoints,
    };
  }

  touchpoint(at: At): Touchpoint {
    const handoff = this.refs1('team', at, 'handoff', 'handoff');
    const rawHandoff = own(at.value, 'handoff');
    const emptySlot = rawHandoff === null || rawHandoff === '' ? this.slot(at, 'handoff') : -1;
    const handoffEmpty = emptySlot >= 0 ? this.r.keyRangeAt(emptySlot) : undefined;
    const b = this.base('touchpoint', at);
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      sunset: b.sunset,
      replacedBy: b.replacedBy,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      channel: this.field(at, 'channel'),
      kpis: this.refsN('kpi', at, 'kpis'),
      handoff: handoff && handoff.value.trim() !== '' ? handoff : undefined,
      handoffEmpty,
    };
  }

  kpi(at: At): Kpi {
    const conflictsWith = this.list(at, 'conflictsWith').map((c) => ({
      kpi: this.refs1('kpi', c, 'kpi', 'conflictsWith'),
      resolution: this.field(c, 'resolution'),
      range: this.r.rangeAt(c.slot),
    }));
    const b = this.base('kpi', at);
    return {
      kind: b.kind,
      id: b.id,
      name: b.name,
      description: b.description,
      status: b.status,
      sunset: b.sunset,
      replacedBy: b.replacedBy,
      owner: b.owner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      formula: this.field(at, 'formula'),
      definition: this.field(at, 'definition'),
      direction: this.field(at, 'direction'),
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
  const kind = reader.string('/kind');
  const entities: Entity[] = [];
  let glossaryVocabulary: string | undefined;
  if (isRecord(root)) {
    const at: At = { value: root, slot: reader.doc.spans.slotOf(''), pointer: '' };
    switch (fileKind) {
      case 'teams':
        entities.push(...b.list(at, 'teams').map((t) => b.team(t)));
        break;
      case 'glossary': {
        glossaryVocabulary = reader.string('/vocabulary')?.value;
        const owner = b.ownership(at);
        entities.push(...b.list(at, 'terms').map((t) => b.term(t, glossaryVocabulary, owner)));
        break;
      }
      case 'persona':
        entities.push(b.persona(at));
        break;
      case 'segment':
        entities.push(b.segment(at));
        break;
      case 'journey':
        entities.push(b.journey(at));
        break;
      case 'kpi':
        entities.push(b.kpi(at));
        break;
    }
  }
  // Built once the entities are read: it keeps the free text read, trimmed.
  const model = new SlotDocModel(reader.doc.index, kind, entities, b.refs, reader, b.textCodes, b.textValues);
  if (fileKind === 'glossary' && isRecord(root)) model.glossaryVocabulary = glossaryVocabulary;
  return model;
}
