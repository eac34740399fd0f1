import { TAXONOMY_KINDS } from '../domain';
import type { TaxonomyFile } from '../taxonomyFile';
import { replacementFix } from '../edit';
import { findTermsInFile, type ProseMatch } from '../terms/prose';
import { glossaryOf, type Glossary, type GlossaryLabel } from '../terms/glossary';
import { entitiesAt } from '../model';
import { replacementFor } from '../terms/replace';
import type { Fix } from '../types';
import type { Rule } from './types';

/** Quotes a label for a message. */
const q = (s: string) => `"${s.replace(/\s+/g, ' ')}"`;

/**
 * A retired label written in free text (names, descriptions, definitions, goals, pains, notes) or
 * in a Markdown doc: an `avoid` label of a glossary term, or a label (term or alias) of a term
 * whose status is `deprecated`. The fix writes the preferred term, or the label of the term the
 * deprecated one is `replacedBy`, in the same case and number.
 *
 * Not reported: a label that some term in use also accepts (as its `term` or an alias), because
 * the glossary contradicts itself there and `label-clash` says so in the glossary; a term's own
 * entry mentioning the label it retires ("formerly called target group"); and the entry of the
 * term that replaces a deprecated one mentioning the label it replaces.
 */
export const deprecatedTerm: Rule = {
  id: 'deprecated-term',
  defaultSeverity: 'warning',
  description:
    'Free text or a Markdown doc uses a label the glossary says to avoid, or a label of a deprecated term; the quick fix writes the term to use.',
  appliesTo: [...TAXONOMY_KINDS, 'markdown'],
  // The glossary names the word to write; with one such term the fix needs no choice.
  fixable: 'safe',
  check({ file, index, report }) {
    const glossary = glossaryOf(index);
    for (const m of findTermsInFile(file, glossary.matcher)) {
      if (!m.labels.every(isRetired)) continue;
      const retired = m.labels.filter((l) => !isOwnMention(file, m, l));
      if (retired.length === 0) continue;
      const byTerm = new Map<string, GlossaryLabel>();
      for (const l of retired) if (!byTerm.has(l.termId)) byTerm.set(l.termId, l);
      const targets = [...byTerm.values()].map((l) => ({ label: l, use: useInstead(glossary, l) }));
      const fixes: Fix[] = [];
      for (const { use } of targets) {
        if (!use) continue;
        const words = replacementFor(m.text, use.label);
        if (words === m.text) continue;
        fixes.push(replacementFix(file, m, words, `Replace with ${q(words)}`, targets.length === 1));
      }
      const says = targets
        .map(({ label, use }) => (use ? `${q(use.label)} (term \`${use.termId}\`)` : `term \`${label.termId}\``))
        .join(' or ');
      const deprecated = targets.filter((t) => t.label.role !== 'avoid').map((t) => `\`${t.label.termId}\``);
      let message: string;
      if (deprecated.length === 0)
        message = `Avoid ${q(m.text)}: the glossary lists it as a label not to use. Write ${says} instead.`;
      else if (targets.some((t) => t.use))
        message = `Avoid ${q(m.text)}: it is a label of the deprecated term ${deprecated.join(' and ')}. Write ${targets
          .filter((t) => t.use)
          .map(({ use }) => `${q(use!.label)} (term \`${use!.termId}\`)`)
          .join(' or ')} instead.`;
      else
        message = `Avoid ${q(m.text)}: it is a label of the deprecated term ${deprecated.join(' and ')}, which names no replacement (\`replacedBy\`). Reword it.`;
      report({
        range: file.lines.range(m.start, m.end),
        message,
        fixes: fixes.length ? fixes : undefined,
        deprecated: true,
      });
    }
  },
};

/** True for a label the glossary retires: one to avoid, or any label of a deprecated term. */
function isRetired(l: GlossaryLabel): boolean {
  return l.role === 'avoid' || l.status === 'deprecated';
}

/**
 * What to write instead of a retired label: the preferred label of its own term (an `avoid`
 * label), or of the term its deprecated term is `replacedBy`.
 */
function useInstead(glossary: Glossary, l: GlossaryLabel): { label: string; termId: string } | undefined {
  if (l.role === 'avoid') return l.preferred ? { label: l.preferred, termId: l.termId } : undefined;
  const by = l.replacedBy === undefined ? undefined : glossary.terms.get(l.replacedBy);
  return by?.preferred ? { label: by.preferred, termId: by.id } : undefined;
}

/**
 * True when the match sits inside the glossary entry of the very term that lists the label, or,
 * for a deprecated term's label, of the term that replaces it.
 */
function isOwnMention(file: TaxonomyFile, m: ProseMatch, l: GlossaryLabel): boolean {
  if (file.kind !== 'glossary' || m.docIndex === undefined) return false;
  const model = file.models[m.docIndex];
  const entry = model && entitiesAt(model, file.lines.positionAt(m.start))[0];
  if (entry?.kind !== 'term' || entry.id === undefined) return false;
  return entry.id.value === l.termId || (l.role !== 'avoid' && entry.id.value === l.replacedBy);
}
