import { GLOSSARY_LABEL_FACET, type GlossaryLabel, type LabelRole } from '../terms/glossary';
import { normaliseLabel } from '../terms/normalise';
import { vocabularyName } from '../domain';
import type { Located, Term } from '../model';
import type { RelatedInfo } from '../types';
import type { Rule, RuleContext } from './types';

const ROLE: Record<LabelRole, string> = {
  preferred: 'the preferred term',
  alias: 'an alias',
  avoid: 'a label to avoid',
};
const HERE: Record<LabelRole, string> = {
  preferred: 'the preferred term here',
  alias: 'an alias here',
  avoid: 'listed here as a label to avoid',
};

/**
 * Glossary labels that lead to more than one place, after SKOS's label integrity rules:
 *
 * - within one vocabulary, one label (case and plural aside) names two terms, as the preferred
 *   term of one and an alias of the other, or as the preferred term or alias of both: a reader
 *   hovering the word cannot know which definition is meant;
 * - in any vocabularies, a label one term says to avoid is accepted by another term (as its term
 *   or an alias): `deprecated-term` cannot tell writers what to write;
 * - within one term, a label listed in two roles (as `term` and in `aliases`, or accepted and
 *   avoided at once).
 *
 * The same label accepted by terms of different vocabularies is `term-conflict`'s concern.
 * Both sides of a clash between terms are reported, each pointing at the other.
 */
export const labelClash: Rule = {
  id: 'label-clash',
  defaultSeverity: 'warning',
  description:
    'A glossary label leads to two terms of one vocabulary, is avoided by one term and accepted by another, or appears twice in one term.',
  appliesTo: ['glossary'],
  check(ctx) {
    for (const model of ctx.file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'term' || !e.id || e.id.value === '') continue;
        const labels: [LabelRole, Located<string>][] = [
          ...(e.label ? [['preferred', e.label] as [LabelRole, Located<string>]] : []),
          ...e.aliases.map((a) => ['alias', a] as [LabelRole, Located<string>]),
          ...e.avoid.map((a) => ['avoid', a] as [LabelRole, Located<string>]),
        ];
        const firstRole = new Map<string, LabelRole>();
        for (const [role, label] of labels) {
          const key = normaliseLabel(label.value);
          if (key === '') continue;
          const earlier = firstRole.get(key);
          if (earlier !== undefined && earlier !== role) {
            ctx.report({
              range: label.range,
              message: `"${label.value}" is already ${HERE[earlier]}; a label has one role in a term. Remove it from ${role === 'avoid' ? '`avoid`' : role === 'alias' ? '`aliases`' : '`term`'}.`,
            });
            continue;
          }
          if (earlier === undefined) firstRole.set(key, role);
          checkAcrossTerms(ctx, e, role, label, key);
        }
      }
    }
  },
};

function checkAcrossTerms(ctx: RuleContext, term: Term, role: LabelRole, label: Located<string>, key: string): void {
  const accepted = role !== 'avoid';
  const clashes = ctx.index.facet<GlossaryLabel>(GLOSSARY_LABEL_FACET, key).filter((o) => {
    const d = o.data;
    if (d.termId === term.id!.value) return false;
    // Accepted by both: a clash within one vocabulary (across vocabularies it is term-conflict).
    if (accepted) return d.role === 'avoid' || d.vocabulary === term.vocabulary;
    return d.role !== 'avoid';
  });
  if (clashes.length === 0) return;
  const related: RelatedInfo[] = clashes.map((o) => ({
    location: { uri: o.uri, range: o.range },
    message: `"${o.data.label}", ${ROLE[o.data.role]} of term \`${o.data.termId}\``,
  }));
  const others = [...new Set(clashes.map((o) => `\`${o.data.termId}\``))].join(', ');
  let message: string;
  if (!accepted) {
    message = `"${label.value}" is ${HERE.avoid}, but it is ${ROLE[clashes[0].data.role]} of ${others}. Writers cannot both use and avoid it: remove it from one of the two terms.`;
  } else if (clashes.some((o) => o.data.role === 'avoid')) {
    message = `"${label.value}" is ${HERE[role]}, but ${others} lists it as a label to avoid. Writers cannot both use and avoid it: remove it from one of the two terms.`;
  } else {
    message = `"${label.value}" is ${HERE[role]} and ${ROLE[clashes[0].data.role]} of ${others}, both in the ${vocabularyName(term.vocabulary)} vocabulary. A label must lead to one definition: keep it on one term only.`;
  }
  ctx.report({ range: label.range, message, related });
}
