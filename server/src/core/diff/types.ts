/**
 * What `cx-taxonomy diff` reports: the change in meaning between two versions of a taxonomy. It
 * is also the JSON the command prints (`--format json`), so its field names are a published
 * shape: add fields, rename none. Every list is sorted (by file, then id) so two runs on the same
 * versions give the same text.
 */

/** An entity that appeared or disappeared: its kind, its id (`journey/touchpoint` for a touchpoint) and its file. */
export interface DiffEntity {
  kind: string;
  id: string;
  /** Its file, relative to the taxonomy root. */
  file: string;
  /** Its name, or a term's label ('' when it has none). */
  label: string;
}

/** An entity whose id changed while the rest stayed alike (the same content, or the same place in the same file). */
export interface DiffRename {
  kind: string;
  from: string;
  to: string;
  /** Its file on the head side. */
  file: string;
}

/** Added, removed and renamed entities of some kinds. */
export interface DiffIds {
  added: DiffEntity[];
  removed: DiffEntity[];
  renamed: DiffRename[];
}

/** Who answers for something: its teams and, when shared, the lead. */
export interface DiffOwner {
  teams: string[];
  lead?: string;
}

/** A touchpoint whose effective owner (its own, else its stage's) changed. */
export interface DiffOwnership {
  journey: string;
  touchpoint: string;
  file: string;
  /** `unowned`: it had an owner and has none; `sharedWithoutLead`: several teams now own it and none leads; `changed`: another owner. */
  change: 'changed' | 'unowned' | 'sharedWithoutLead';
  /** Absent when it had no owner. */
  before?: DiffOwner;
  /** Absent when it has no owner. */
  after?: DiffOwner;
}

/** A value of one field of an entity, before and after (absent when not written). */
export interface DiffValue {
  id: string;
  file: string;
  field: string;
  before?: string;
  after?: string;
}

/** A value of one field of an entity of some kind, before and after (absent when not written). */
export interface DiffEntityValue extends DiffValue {
  kind: string;
}

/** A term whose status became `deprecated`. */
export interface DiffDeprecation {
  id: string;
  label: string;
  file: string;
  replacedBy?: string;
  sunset?: string;
}

/** A term whose labels (its `term` and its aliases) changed. */
export interface DiffRelabel {
  id: string;
  file: string;
  before: string[];
  after: string[];
}

/** The glossary: terms added, removed, renamed, deprecated, redefined, relabelled. */
export interface DiffGlossary extends DiffIds {
  deprecated: DiffDeprecation[];
  /** `field` is `definition`. */
  redefined: DiffValue[];
  relabelled: DiffRelabel[];
}

/** Journey stages added, removed, renamed, and lifecycle mappings changed. */
export interface DiffLifecycle {
  /** Stages, as `journey/stage`. */
  stages: DiffIds;
  /** `lifecycleStage` of a stage (`journey/stage`) or a segment: `field` is `stage` or `segment`. */
  mappings: DiffValue[];
  /** Lifecycle stages the config added to the defaults, or took away. */
  vocabulary: { added: string[]; removed: string[] };
}

/** A problem found on one side only, compared by rule, file and message (not by line). */
export interface DiffProblem {
  ruleId: string;
  severity: string;
  file: string;
  /** One-based line, on the side it is found on. */
  line: number;
  message: string;
}

/** The whole comparison. */
export interface TaxonomyDiff {
  /** Teams, personas, segments, journeys, KPIs and touchpoints (terms: `glossary`; stages: `lifecycle`). */
  entities: DiffIds;
  ownership: DiffOwnership[];
  glossary: DiffGlossary;
  /** `field` is `formula`, `unit`, `direction`, `target` or `owner`. */
  kpis: DiffValue[];
  /**
   * The owner (personas, segments, journeys), `status`, `sunset` and `replacedBy` (those, teams and
   * KPIs) of entities found on both sides; `field` names which. A renamed team or replacement is
   * not a change.
   */
  governance: DiffEntityValue[];
  lifecycle: DiffLifecycle;
  problems: { introduced: DiffProblem[]; fixed: DiffProblem[] };
}
