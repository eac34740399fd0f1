import type { Rule } from './types';

/**
 * A persona nothing connects to: no journey is written for it, no segment lists it, and it lists
 * no segment. CX described a customer that neither a journey nor marketing's segments account for.
 */
export const orphanPersona: Rule = {
  id: 'orphan-persona',
  defaultSeverity: 'hint',
  description: 'No journey or segment uses the persona, and it lists no segment.',
  appliesTo: ['persona'],
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'persona' || !e.id || e.id.value === '' || e.status?.value === 'deprecated') continue;
        if (e.segments.length > 0) continue;
        if (index.references('persona', e.id.value).some((r) => r.field === 'persona' || r.field === 'personas'))
          continue;
        report({
          range: e.id.range,
          message:
            `No journey or segment uses the persona ${e.name ? `"${e.name.value}"` : `\`${e.id.value}\``}. ` +
            'Map a journey for them, or link the marketing segments they belong to in `segments`.',
          unnecessary: true,
        });
      }
    }
  },
};
