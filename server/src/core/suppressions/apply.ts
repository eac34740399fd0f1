import type { TaxonomyDiagnostic } from '../types';
import type { DirectiveRule, DisableDirective } from './directives';

/** Why a finding is not shown, in ESLint's shape (`suppressions` of a suppressed message). */
export interface Suppression {
  /** `directive`: a `cx-taxonomy-disable` comment; `file`: the CLI's baseline (cx-taxonomy-suppressions.json). */
  kind: 'directive' | 'file';
  /** The reason written after ` -- `; empty when none was given. */
  justification: string;
}

/** A finding a directive silenced, with every directive that covers it. */
export interface SuppressedDiagnostic extends TaxonomyDiagnostic {
  suppressions: Suppression[];
}

/** A directive, or one rule of its list, that silenced nothing. */
export interface UnusedDirective {
  directive: DisableDirective;
  /** The rules of its list that silenced nothing; undefined when the whole directive did. */
  rules?: DirectiveRule[];
}

/** A file's findings split by its directives. */
export interface SuppressionResult {
  kept: TaxonomyDiagnostic[];
  suppressed: SuppressedDiagnostic[];
  unused: UnusedDirective[];
}

/** The rule that reports a directive naming an unknown rule, or a misplaced file-level one. */
export const DISABLE_DIRECTIVE_RULE_ID = 'disable-directive';

/** The rule that reports a directive that silences nothing. */
export const UNUSED_DISABLE_DIRECTIVE_RULE_ID = 'unused-disable-directive';

/**
 * Findings about the directives themselves: a directive cannot silence the report that it names
 * no rule or that it silences nothing (ESLint does the same for its unused-directive reports).
 */
export const DIRECTIVE_RULE_IDS: ReadonlySet<string> = new Set<string>([
  DISABLE_DIRECTIVE_RULE_ID,
  UNUSED_DISABLE_DIRECTIVE_RULE_ID,
]);

/**
 * Splits a file's findings into those shown and those a directive covers. A directive covers a
 * finding that starts on one of its lines (or anywhere, for a file-level one) when its list is
 * empty or names the finding's rule. `knownRules` keeps an unknown rule id of a list, which is
 * reported on its own (`disable-directive`), from also being reported as unused.
 */
export function applySuppressions(
  directives: readonly DisableDirective[],
  diagnostics: readonly TaxonomyDiagnostic[],
  knownRules: ReadonlySet<string>,
): SuppressionResult {
  const active = directives.filter((d) => !d.misplaced);
  if (active.length === 0) return { kept: [...diagnostics], suppressed: [], unused: [] };
  const usedDirectives = new Set<DisableDirective>();
  const usedRules = new Set<DirectiveRule>();
  const kept: TaxonomyDiagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const suppressions: Suppression[] = [];
    if (!DIRECTIVE_RULE_IDS.has(diagnostic.ruleId)) {
      const line = diagnostic.range.start.line;
      for (const d of active) {
        if (d.scope !== 'file' && (line < d.firstLine || line > d.lastLine)) continue;
        let covers = d.rules.length === 0;
        for (const r of d.rules) {
          if (r.id !== diagnostic.ruleId) continue;
          covers = true;
          usedRules.add(r);
        }
        if (!covers) continue;
        usedDirectives.add(d);
        suppressions.push({ kind: 'directive', justification: d.reason });
      }
    }
    if (suppressions.length) suppressed.push({ ...diagnostic, suppressions });
    else kept.push(diagnostic);
  }
  const unused: UnusedDirective[] = [];
  for (const d of active) {
    if (d.rules.length === 0) {
      if (!usedDirectives.has(d)) unused.push({ directive: d });
      continue;
    }
    const idle = d.rules.filter((r) => knownRules.has(r.id) && !usedRules.has(r));
    if (idle.length === 0) continue;
    const known = d.rules.filter((r) => knownRules.has(r.id));
    unused.push(idle.length === known.length ? { directive: d } : { directive: d, rules: idle });
  }
  return { kept, suppressed, unused };
}
