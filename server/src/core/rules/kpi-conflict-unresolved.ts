import type { Rule } from './types';

/**
 * A `conflictsWith` entry with no `resolution`: the tension between two KPIs is known, but not how
 * it is settled, so each owning team keeps optimising its own number.
 */
export const kpiConflictUnresolved: Rule = {
  id: 'kpi-conflict-unresolved',
  defaultSeverity: 'warning',
  description: 'A KPI declares a conflict with another KPI but not how the conflict is resolved.',
  appliesTo: ['kpi'],
  check({ file, report }) {
    for (const model of file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'kpi') continue;
        for (const c of e.conflictsWith) {
          if (c.resolution && c.resolution.value.trim() !== '') continue;
          const other = c.kpi?.value;
          report({
            range: c.kpi?.range ?? c.range,
            message:
              `The conflict with ${other ? `\`${other}\`` : 'another KPI'} has no \`resolution\`. ` +
              'Write down how the two are traded off (which threshold wins, and who decides), so the owning teams do not work against each other.',
          });
        }
      }
    }
  },
};
