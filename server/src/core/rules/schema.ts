import { CONFIG_FILE_NAME, TAXONOMY_KINDS } from '../domain';
import { validateDoc } from '../schema';
import type { TaxonomyKind } from '../types';
import type { Rule } from './types';

/**
 * JSON Schema violations, mapped to the exact key or value, plus the one check the schema cannot
 * express because the config extends it: lifecycle stages must be known.
 */
export const schema: Rule = {
  id: 'schema',
  defaultSeverity: 'error',
  description: 'A field is missing, unknown, or holds a value of the wrong form.',
  appliesTo: TAXONOMY_KINDS,
  check({ file, config, report }) {
    const kind = file.kind as TaxonomyKind;
    file.readers.forEach((reader, i) => {
      const root = reader.doc.value;
      if (root === null || root === undefined) return;
      // A document of another kind is the kind-mismatch rule's to report; its schema would only add noise.
      const declared = file.models[i]?.kind?.value;
      if (declared !== undefined && declared !== kind) return;
      // A document that does not parse has a guessed structure; its syntax error says it all.
      const broken = (file.yaml?.problems ?? []).some((p) => p.start >= reader.doc.start && p.start <= reader.doc.end);
      if (broken) return;
      // Found valid where it was parsed (a parse worker, `ParsedElsewhere`): nothing to report.
      if (file.yaml?.schemaValid?.[i] !== true) for (const p of validateDoc(kind, reader)) report(p);
      const known = new Set(config.lifecycleStages);
      const model = file.models[i];
      const stages = model.entities.flatMap((e) =>
        e.kind === 'journey' ? e.stages.map((s) => s.lifecycleStage) : e.kind === 'segment' ? [e.lifecycleStage] : [],
      );
      for (const ls of stages) {
        if (ls && !known.has(ls.value)) {
          report({
            range: ls.range,
            message: `\`${ls.value}\` is not a lifecycle stage. Use one of ${config.lifecycleStages.join(', ')}, or add it to \`lifecycleStages\` in ${CONFIG_FILE_NAME}.`,
          });
        }
      }
    });
  },
};
