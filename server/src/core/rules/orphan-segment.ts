import type { Rule } from './types';

/**
 * A segment nothing connects to: no persona or journey lists it, and it lists no persona.
 * Marketing targets a group that CX has never described.
 */
export const orphanSegment: Rule = {
  id: 'orphan-segment',
  defaultSeverity: 'hint',
  description: 'No persona or journey uses the segment, and it lists no persona.',
  appliesTo: ['segment'],
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'segment' || !e.id || e.id.value === '' || e.status?.value === 'deprecated') continue;
        if (e.personas.length > 0) continue;
        if (index.references('segment', e.id.value).some((r) => r.field === 'segments')) continue;
        report({
          range: e.id.range,
          message:
            `No persona or journey uses the segment ${e.name ? `"${e.name.value}"` : `\`${e.id.value}\``}. ` +
            'Link the personas that describe its customers in `personas`, so CX and marketing talk about the same people.',
          unnecessary: true,
        });
      }
    }
  },
};
