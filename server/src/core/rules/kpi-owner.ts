import type { Rule } from './types';

/** A KPI nobody owns is a number nobody acts on. */
export const kpiOwner: Rule = {
  id: 'kpi-owner',
  defaultSeverity: 'warning',
  description: 'A KPI has no owner.',
  appliesTo: ['kpi'],
  check({ file, report }) {
    for (const model of file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'kpi' || (e.owner && e.owner.teams.length)) continue;
        report({
          range: e.id?.range ?? e.name?.range ?? e.range,
          message: `KPI \`${e.name?.value ?? e.id?.value ?? '?'}\` has no owner. Name the team that answers for it with \`owner:\`.`,
        });
      }
    }
  },
};
