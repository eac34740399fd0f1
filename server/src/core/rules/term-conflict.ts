import { GLOSSARY_LABEL_FACET, type GlossaryLabel } from '../terms/glossary';
import { normaliseLabel } from '../terms/normalise';
import { vocabularyName } from '../domain';
import type { Term } from '../model';
import type { RelatedInfo } from '../types';
import type { Rule } from './types';

const q = (s: string) => `"${s}"`;

/** Definitions compared as sentences: case, spacing and a final full stop do not count. */
function sameDefinition(a: string | undefined, b: string | undefined): boolean {
  const n = (s: string | undefined) =>
    (s ?? '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[.\s]+$/, '')
      .trim();
  return n(a) === n(b);
}

/**
 * Two glossary terms of different vocabularies whose labels or aliases read the same (case and
 * plural aside), with different definitions and no `equivalent` link between them: the word means
 * one thing to marketing and another to CX, and nothing says so. Both labels are reported, each
 * pointing at the other.
 */
export const termConflict: Rule = {
  id: 'term-conflict',
  defaultSeverity: 'warning',
  description:
    'Two vocabularies use the same word for different things, and no `equivalent` link says how they relate.',
  appliesTo: ['glossary'],
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'term' || !e.id) continue;
        const own = [...(e.label ? [e.label] : []), ...e.aliases];
        for (const label of own) {
          const key = normaliseLabel(label.value);
          if (key === '') continue;
          const seen = new Set<string>();
          const related: RelatedInfo[] = [];
          const names: string[] = [];
          for (const entry of index.facet<GlossaryLabel>(GLOSSARY_LABEL_FACET, key)) {
            const other = entry.data;
            if (other.termId === e.id.value || other.role === 'avoid' || other.vocabulary === e.vocabulary) continue;
            if (other.equivalent === e.id.value || e.equivalent?.value === other.termId) continue;
            const otherTerm = index
              .definitions('term', other.termId)
              .map((d) => d.entity)
              .find((x): x is Term => x.kind === 'term');
            if (otherTerm && sameDefinition(otherTerm.definition?.value, e.definition?.value)) continue;
            related.push({
              location: { uri: entry.uri, range: entry.range },
              message:
                other.role === 'preferred'
                  ? `${q(other.label)}, the ${vocabularyName(other.vocabulary)} term \`${other.termId}\``
                  : `${q(other.label)}, an alias of the ${vocabularyName(other.vocabulary)} term \`${other.termId}\``,
            });
            if (!seen.has(other.termId)) {
              seen.add(other.termId);
              names.push(
                `the ${vocabularyName(other.vocabulary)} term \`${other.termId}\`${other.preferred ? ` (${q(other.preferred)})` : ''}`,
              );
            }
          }
          if (related.length === 0) continue;
          report({
            range: label.range,
            message:
              `${q(label.value)} (${vocabularyName(e.vocabulary)}) is also a label of ${names.join(' and ')}, which is defined differently. ` +
              `Readers cannot tell which meaning a text uses: if both mean the same, link them with \`equivalent\`; otherwise rename one of the labels.`,
            related,
          });
        }
      }
    }
  },
};
