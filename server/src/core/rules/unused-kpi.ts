import type { Rule } from './types';

/** A KPI no touchpoint measures: nothing in any journey moves it. A coverage hint, faded in editors. */
export const unusedKpi: Rule = {
  id: 'unused-kpi',
  defaultSeverity: 'hint',
  description: 'No touchpoint lists the KPI in its `kpis`, so no part of any journey is measured by it.',
  appliesTo: ['kpi'],
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'kpi' || !e.id || e.id.value === '' || e.status?.value === 'deprecated') continue;
        if (index.references('kpi', e.id.value).some((r) => r.field === 'kpis')) continue;
        report({
          range: e.id.range,
          message: `No touchpoint measures the KPI ${e.name ? `"${e.name.value}"` : `\`${e.id.value}\``}. List \`${e.id.value}\` in the \`kpis\` of the touchpoints it measures, or mark it deprecated.`,
          unnecessary: true,
        });
      }
    }
  },
};
