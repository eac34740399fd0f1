import type { EntityKind, Range } from '../types';

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
  /** `sunset`: the date (YYYY-MM-DD) after which nothing should use it. */
  sunset?: Located<string>;
  /** `replacedBy`: the id of the entity of the same kind that takes its place. */
  replacedBy?: Located<string>;
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

/** One entry of a KPI's `conflictsWith` list. */
interface ConflictEntry {
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
