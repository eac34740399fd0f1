import { vocabularyName } from '../domain';
import type { Term } from '../model';
import type { Rule } from './types';

/**
 * `equivalent` links a term to the word for the same thing in another vocabulary (marketing's
 * "segment", CX's "persona"). Pointing it at a term of the same vocabulary, or at the term itself,
 * says two words of one team mean the same: that is an alias, or a `related` term.
 */
export const equivalentSameVocabulary: Rule = {
  id: 'equivalent-same-vocabulary',
  defaultSeverity: 'warning',
  description:
    '`equivalent` points at a term of the same vocabulary (or at the term itself) instead of another vocabulary.',
  appliesTo: ['glossary'],
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'term' || !e.id || !e.equivalent) continue;
        const ref = e.equivalent;
        if (ref.value === e.id.value) {
          report({
            range: ref.range,
            message:
              'This term names itself as its equivalent. `equivalent` names the term for the same thing in another vocabulary.',
          });
          continue;
        }
        const def = index.definitions('term', ref.value).find((d) => d.entity.kind === 'term');
        if (!def) continue;
        const other = def.entity as Term;
        if (other.vocabulary !== e.vocabulary) continue;
        report({
          range: ref.range,
          message:
            `\`${ref.value}\` is a term of the same ${vocabularyName(e.vocabulary)} vocabulary. \`equivalent\` links the words two vocabularies use for one thing; ` +
            'within one vocabulary, make one label an alias of the other term, or link them with `related`.',
          related: [
            {
              location: { uri: def.uri, range: def.range },
              message: `The ${vocabularyName(other.vocabulary)} term \`${ref.value}\``,
            },
          ],
        });
      }
    }
  },
};
