import { ENTITY_TEXT_FIELDS } from '../domain/fields';
import { SHARED_VOCABULARY } from '../domain/vocabularies';
import { exactSize } from '../exactSize';
import type { EntityKind, TaxonomyKind } from '../types';
import { childPointer } from '../yaml';
import { isRecord, type DocReader } from './docReader';
import type {
  DocModel,
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
  TextSite,
  Touchpoint,
} from './types';

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
    for (const f of ENTITY_TEXT_FIELDS) if (has(f)) this.r.text(p(f), f, this.texts);
    return {
      kind,
      id: has('id') ? r.field(pointer, 'id') : undefined,
      name: has('name') ? r.field(pointer, 'name') : undefined,
      description: has('description') ? r.field(pointer, 'description') : undefined,
      status: has('status') ? r.field(pointer, 'status') : undefined,
      sunset: has('sunset') ? r.field(pointer, 'sunset') : undefined,
      replacedBy: has('replacedBy') ? this.refs1(kind, p('replacedBy'), 'replacedBy') : undefined,
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
      sunset: b.sunset,
      replacedBy: b.replacedBy,
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
      sunset: b.sunset,
      replacedBy: b.replacedBy,
      owner: b.owner ?? defaultOwner,
      range: b.range,
      pointer: b.pointer,
      docIndex: b.docIndex,
      label,
      vocabulary: r.field(pointer, 'vocabulary')?.value ?? defaultVocabulary ?? SHARED_VOCABULARY,
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
      sunset: b.sunset,
      replacedBy: b.replacedBy,
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
      sunset: b.sunset,
      replacedBy: b.replacedBy,
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

  stage(pointer: string): Stage {
    const b = this.base('stage', pointer);
    const touchpoints = this.list(childPointer(pointer, 'touchpoints')).map((tp) => this.touchpoint(tp));
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
      sunset: b.sunset,
      replacedBy: b.replacedBy,
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
      sunset: b.sunset,
      replacedBy: b.replacedBy,
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
