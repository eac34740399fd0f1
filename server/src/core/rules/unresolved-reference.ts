import { setScalarFix } from '../edit';
import { entityNoun, TAXONOMY_KINDS } from '../domain';
import { closest } from '../suggest';
import type { Rule } from './types';

/** A persona, segment, team, KPI or term id that nothing defines, with the closest real id. */
export const unresolvedReference: Rule = {
  id: 'unresolved-reference',
  defaultSeverity: 'error',
  description: 'A reference names an id that is not defined anywhere in the workspace.',
  appliesTo: TAXONOMY_KINDS,
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const ref of model.refs) {
        if (index.definitions(ref.kind, ref.id.value).length > 0) continue;
        const guess = closest(ref.id.value, index.ids(ref.kind));
        const noun = entityNoun(ref.kind);
        report({
          range: ref.id.range,
          message: `No ${noun} has the id \`${ref.id.value}\`.${guess ? ` Did you mean \`${guess}\`?` : ` Define the ${noun}, or correct the id.`}`,
          fixes: guess ? [setScalarFix(`Change to \`${guess}\``, true, file, ref.id.range, guess)] : undefined,
        });
      }
    }
  },
};
