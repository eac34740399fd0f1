import { TAXONOMY_KINDS } from '../domain';
import { setScalarFix } from '../edit';
import { validateDoc } from '../schema';
import type { TaxonomyKind } from '../types';
import type { Rule } from './types';

/** The `kind` of a document disagrees with the suffix of its file. */
export const kindMismatch: Rule = {
  id: 'kind-mismatch',
  defaultSeverity: 'error',
  description: "A document's `kind` must match its file suffix (`*.persona.yaml` holds `kind: persona`).",
  appliesTo: TAXONOMY_KINDS,
  fixable: 'safe',
  check({ file, report }) {
    const expected = file.kind as TaxonomyKind;
    for (const model of file.models) {
      const k = model.kind;
      if (!k || k.value === expected) continue;
      // Changing the kind is the fix without a choice only when the document already reads as a
      // valid one of the suffix's kind; otherwise renaming the file may be what is meant.
      const reader = file.readers[model.docIndex];
      const fitsSuffix = reader !== undefined && validateDoc(expected, reader).length === 0;
      report({
        range: k.range,
        message: `This file's suffix says \`${expected}\` but the document says \`kind: ${k.value}\`. Change the kind, or rename the file to end in .${k.value}.yaml.`,
        fixes: [setScalarFix(`Change kind to \`${expected}\``, fitsSuffix, file, k.range, expected)],
      });
    }
  },
};
