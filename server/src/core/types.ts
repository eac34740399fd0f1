/**
 * Plain data shapes shared by the core, its rules and both front ends. Positions follow the LSP
 * convention (zero-based line, UTF-16 character) so adapters pass them through untouched, but no
 * LSP package is imported: the core must stay usable from the CLI and from tests alone.
 */

/** A zero-based line and UTF-16 character offset. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range between two positions. */
export interface Range {
  start: Position;
  end: Position;
}

/** A range in a specific file, used for related information and cross-file links. */
export interface Location {
  uri: string;
  range: Range;
}

/** How loudly a rule speaks. `off` silences it. */
export type Severity = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** Every severity, loudest last; the order is used to compare thresholds. */
export const SEVERITIES: readonly Severity[] = ['off', 'hint', 'info', 'warning', 'error'];

/** One text replacement in one file. */
export interface TextEdit {
  uri: string;
  range: Range;
  newText: string;
}

/** A quick fix computed together with the diagnostic that offers it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply with "fix all" or a single keystroke. */
  isPreferred?: boolean;
}

/** A related place that explains a diagnostic (the other duplicate, the colliding term). */
export interface RelatedInfo {
  location: Location;
  message: string;
}

/** A problem found by a rule, in the core's own vocabulary. */
export interface TaxonomyDiagnostic {
  ruleId: string;
  severity: Exclude<Severity, 'off'>;
  message: string;
  range: Range;
  related?: RelatedInfo[];
  fixes?: Fix[];
  /** Marks diagnostics about unused things so editors can fade them. */
  unnecessary?: boolean;
  /** Marks diagnostics about deprecated things so editors can strike them through. */
  deprecated?: boolean;
}

/** The taxonomy file kinds, recognised by suffix. */
export type TaxonomyKind = 'teams' | 'glossary' | 'persona' | 'segment' | 'journey' | 'kpi';

/** Every kind of file the workspace tracks. */
export type FileKind = TaxonomyKind | 'config' | 'markdown';

/** Every kind of thing that has an id and can be referenced. */
export type EntityKind = 'team' | 'term' | 'persona' | 'segment' | 'journey' | 'stage' | 'touchpoint' | 'kpi';

export const ENTITY_KINDS: readonly EntityKind[] = [
  'team',
  'term',
  'persona',
  'segment',
  'journey',
  'stage',
  'touchpoint',
  'kpi',
];
