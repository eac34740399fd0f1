import type { TaxonomyConfig } from './config';
import type { FacetEntry, FileContribution } from './index/entries';
import type { IndexView, Rule, RuleContext } from './rules/types';
import { unusedDirectiveReports, unusedDisableDirective } from './rules/unused-disable-directive';
import { applySuppressions, directivesOf, type SuppressedDiagnostic } from './suppressions';
import type { TaxonomyFile } from './taxonomyFile';
import type { Severity, TaxonomyDiagnostic } from './types';

/* The rule runner: one file's check, from running the rules to applying its disable comments. */

/** What every check of a workspace shares. */
export interface CheckSetup {
  rules: readonly Rule[];
  config: TaxonomyConfig;
  /** The ids of `rules`. */
  ruleIds: ReadonlySet<string>;
  fileAt: (uri: string) => TaxonomyFile | undefined;
  /** What a file adds to the index (`RuleContext.own` reads its facets). */
  contribution: (uri: string) => FileContribution | undefined;
}

/** Which of the rules a check runs: all, or only those that read the index (`Rule.readsOnlyIndex`), or only the others. */
export type RuleSelection = 'all' | 'readsOnlyIndex' | 'readsModel';

const NO_FACET: ReadonlyMap<string, readonly FacetEntry[]> = new Map();

/** A rule's configured severity, else its default. */
export function severityOf(rule: Rule, config: TaxonomyConfig): Severity {
  return config.rules[rule.id] ?? rule.defaultSeverity;
}

/**
 * Runs every rule of the selection that applies to the file and is not off; a rule that throws
 * reports that instead.
 */
export function runRules(
  file: TaxonomyFile,
  setup: CheckSetup,
  index: IndexView,
  selection: RuleSelection = 'all',
): TaxonomyDiagnostic[] {
  const diagnostics: TaxonomyDiagnostic[] = [];
  const own = <T>(facet: string) =>
    (setup.contribution(file.uri)?.facets.get(facet) ?? NO_FACET) as ReadonlyMap<string, readonly FacetEntry<T>[]>;
  for (const rule of setup.rules) {
    if (!rule.appliesTo.includes(file.kind)) continue;
    if (selection !== 'all' && (rule.readsOnlyIndex === true) !== (selection === 'readsOnlyIndex')) continue;
    // An unreadable file has no content for other rules to judge.
    if (file.unreadable && !rule.readsUnreadable) continue;
    const severity = severityOf(rule, setup.config);
    if (severity === 'off') continue;
    const ctx: RuleContext = {
      file,
      config: setup.config,
      index,
      own,
      fileAt: setup.fileAt,
      knownRules: setup.ruleIds,
      report: (r) => diagnostics.push({ ...r, ruleId: rule.id, severity }),
    };
    try {
      rule.check(ctx);
    } catch (err) {
      // A rule bug must never take the file's other diagnostics (or the server) with it.
      diagnostics.push({
        ruleId: rule.id,
        severity: 'warning',
        message: `The rule ${rule.id} failed on this file (${err instanceof Error ? err.message : String(err)}); please report it.`,
        range: file.lines.range(0, 0),
      });
    }
  }
  return diagnostics;
}

/**
 * Applies the file's `cx-taxonomy-disable` comments to its findings, here where every front end
 * gets its diagnostics, and adds the directives that silenced nothing at the severity of
 * `unused-disable-directive` (the CLI turns it off unless asked). Both lists come back sorted.
 */
export function applyDirectives(
  file: TaxonomyFile,
  diagnostics: TaxonomyDiagnostic[],
  setup: CheckSetup,
): { diagnostics: TaxonomyDiagnostic[]; suppressed: SuppressedDiagnostic[] } {
  const directives = directivesOf(file);
  if (directives.length === 0) return { diagnostics: diagnostics.sort(diagnosticOrder), suppressed: [] };
  const { kept, suppressed, unused } = applySuppressions(directives, diagnostics, setup.ruleIds);
  const unusedRule = setup.rules.find((r) => r.id === unusedDisableDirective.id);
  const severity = unusedRule ? severityOf(unusedRule, setup.config) : 'off';
  if (severity !== 'off' && unusedRule?.appliesTo.includes(file.kind)) {
    for (const u of unused)
      for (const r of unusedDirectiveReports(file, u)) kept.push({ ...r, ruleId: unusedRule.id, severity });
  }
  return { diagnostics: kept.sort(diagnosticOrder), suppressed: suppressed.sort(diagnosticOrder) };
}

/** The order of a file's diagnostics in every report: by start position, then rule id. */
export function diagnosticOrder(a: TaxonomyDiagnostic, b: TaxonomyDiagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
