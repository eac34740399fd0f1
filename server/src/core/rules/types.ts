import type { TaxonomyConfig } from '../config';
import type { TaxonomyFile } from '../taxonomyFile';
import type { Definition, FacetEntry, Reference } from '../index/entries';
import type { FacetGroups } from '../index/groups';
import type { EntityKind, FileKind, Fix, Range, RelatedInfo, Severity } from '../types';

/** What a rule reports; the workspace adds the rule id and the configured severity. */
export interface RuleReport {
  range: Range;
  message: string;
  related?: RelatedInfo[];
  fixes?: Fix[];
  unnecessary?: boolean;
  deprecated?: boolean;
}

/**
 * The index as a rule sees it. Every lookup is recorded as a dependency of the file being
 * checked, so the file is re-checked when (and only when) what it looked at changes.
 */
export interface IndexView {
  definitions(kind: EntityKind, qualifiedId: string): readonly Definition[];
  references(kind: EntityKind, qualifiedId: string): readonly Reference[];
  /** Every id of a kind; makes the file depend on the set of ids of that kind. */
  ids(kind: EntityKind): Iterable<string>;
  facet<T>(facet: string, key: string): readonly FacetEntry<T>[];
  /**
   * A key's entries counted by group (`FacetEntry.group`), without reading them all; makes the
   * file depend on the key, as `facet` does. Optional so that hand-made views in tests need not
   * provide it; callers fall back to `groupFacetEntries(facet(...))`.
   */
  facetGroups?<T>(facet: string, key: string): FacetGroups<T>;
  /** A whole facet; makes the file depend on every entry of it. */
  facetEntries<T>(facet: string): ReadonlyMap<string, readonly FacetEntry<T>[]>;
  /**
   * A value computed from a whole facet and cached by the workspace until the facet changes (the
   * glossary matcher); makes the file depend on every entry of the facet. Optional so that
   * hand-made views in tests need not provide it; callers fall back to building the value.
   */
  derived?<T>(facet: string, build: (entries: ReadonlyMap<string, readonly FacetEntry[]>) => T): T;
}

/** Everything a rule needs to check one file. */
export interface RuleContext {
  file: TaxonomyFile;
  config: TaxonomyConfig;
  index: IndexView;
  // Function properties, not methods: rules destructure them (`check({ file, report })`), so they
  // must not depend on `this` (the workspace passes closures).
  /**
   * The file's own entries of a facet as the index holds them, by key (empty when it adds none):
   * what a rule that never reads the model works from (`Rule.readsOnlyIndex`).
   */
  own: <T>(facet: string) => ReadonlyMap<string, readonly FacetEntry<T>[]>;
  /** Look up another file already in the workspace (for fixes that edit it). */
  fileAt: (uri: string) => TaxonomyFile | undefined;
  /** The ids of every registered rule (for the config file's own check). */
  knownRules: ReadonlySet<string>;
  report: (report: RuleReport) => void;
}

/** One rule: a stable id, a default severity, and a check over one file at a time. */
export interface Rule {
  id: string;
  defaultSeverity: Exclude<Severity, 'off'>;
  /** One sentence for rule tables, SARIF and hovers. */
  description: string;
  /** The kinds of file the rule reads. */
  appliesTo: readonly FileKind[];
  /** True for the one rule that explains why a file was not read. */
  readsUnreadable?: boolean;
  /**
   * `'safe'`: the rule's preferred fix needs no choice from a person (the suffix says the kind, the
   * glossary names the one replacement), so `lint --fix` applies it when a finding has exactly
   * one. Other rules' fixes (an owner, a lead, a guessed id, a link to add in another file)
   * stay quick fixes in the editor.
   */
  fixable?: 'safe';
  /**
   * True for a rule that reads the file it checks only through the index (its own entries,
   * `RuleContext.own`), never its model or text: a file that let its model go is checked by it
   * without rebuilding one. A one-shot check (the CLI's lint) runs the other rules on each journey
   * as it is loaded, and these once every file is in, since what they report on one file counts
   * what every file adds (a stage name thousands of journeys share). A unit test
   * (checkEarly.test.ts) fails when such a rule reads the model.
   */
  readsOnlyIndex?: boolean;
  /** True for the rules that say a file could not be read or parsed: ESLint's `fatal` messages. */
  fatal?: boolean;
  check(ctx: RuleContext): void;
}
