import { normaliseLabel, tokenize } from '../terms/normalise';
import type { Kpi } from '../model';
import type { FacetContributor } from '../index/contribution';
import type { Located } from '../model';
import type { RelatedInfo } from '../types';
import type { Rule, RuleContext } from './types';

/** KPIs by normalised name. */
const KPI_NAME_FACET = 'kpi-name';
/** KPIs by normalised formula. */
const KPI_FORMULA_FACET = 'kpi-formula';

interface KpiEntry {
  id: string;
  text: string;
}

const OPERATORS: Record<string, string> = { '\u00d7': '*', '\u00f7': '/', '\u2212': '-', x: '*' };

/**
 * A formula's normal form: case, spacing, plurals and the spelling of operators do not count, so
 * "Orders / Sessions × 100" and "orders/session*100" are the same formula.
 */
export function normaliseFormula(formula: string): string {
  return tokenize(formula)
    .map((t) => OPERATORS[t.key] ?? t.key)
    .join(' ');
}

/** Adds each KPI's name and formula, keyed by their normal forms. */
export const contributeKpiKeys: FacetContributor = (file, add) => {
  if (file.kind !== 'kpi') return;
  for (const model of file.models) {
    for (const e of model.entities) {
      if (e.kind !== 'kpi' || !e.id || e.id.value === '') continue;
      if (e.name) {
        const key = normaliseLabel(e.name.value);
        if (key)
          add(KPI_NAME_FACET, key, {
            uri: file.uri,
            range: e.name.range,
            data: { id: e.id.value, text: e.name.value } satisfies KpiEntry,
          });
      }
      if (e.formula) {
        const key = normaliseFormula(e.formula.value);
        if (key)
          add(KPI_FORMULA_FACET, key, {
            uri: file.uri,
            range: e.formula.range,
            data: { id: e.id.value, text: e.formula.value } satisfies KpiEntry,
          });
      }
    }
  }
};

/**
 * Two KPIs (different ids) with the same name or the same formula: one number reported twice
 * under two owners, or two numbers that readers cannot tell apart. Reported on both KPIs at the
 * name or formula that collides, each linking the other. (The same id twice is `duplicate-id`.)
 */
export const kpiOverlap: Rule = {
  id: 'kpi-overlap',
  defaultSeverity: 'warning',
  description: 'Two KPIs with different ids have the same name or compute the same formula.',
  appliesTo: ['kpi'],
  check(ctx) {
    for (const model of ctx.file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'kpi' || !e.id || e.id.value === '') continue;
        if (e.name) check(ctx, e, e.name, KPI_NAME_FACET, normaliseLabel(e.name.value), 'name');
        if (e.formula) check(ctx, e, e.formula, KPI_FORMULA_FACET, normaliseFormula(e.formula.value), 'formula');
      }
    }
  },
};

function check(
  ctx: RuleContext,
  kpi: Kpi,
  value: Located<string>,
  facet: string,
  key: string,
  what: 'name' | 'formula',
): void {
  if (key === '') return;
  const others = ctx.index.facet<KpiEntry>(facet, key).filter((o) => o.data.id !== kpi.id!.value);
  if (others.length === 0) return;
  const ids = [...new Set(others.map((o) => `\`${o.data.id}\``))];
  const related: RelatedInfo[] = others.map((o) => ({
    location: { uri: o.uri, range: o.range },
    message: `The ${what} of KPI \`${o.data.id}\``,
  }));
  const many = ids.length > 1;
  const who = many ? `Other KPIs (${ids.join(', ')})` : `Another KPI, ${ids[0]},`;
  const message =
    what === 'name'
      ? `${who} ${many ? 'have' : 'has'} the same name, "${value.value}". Reports will mix them up: merge them into one KPI, or rename one to say how it differs.`
      : `${who} ${many ? 'compute' : 'computes'} the same formula. Two KPIs that measure one thing split its ownership: merge them into one KPI, or make the difference explicit in the formula.`;
  ctx.report({ range: value.range, message, related });
}
