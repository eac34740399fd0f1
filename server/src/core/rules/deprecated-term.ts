import { TAXONOMY_KINDS } from '../domain';
import type { TaxonomyFile } from '../taxonomyFile';
import { replacementFix } from '../edit';
import { findTermsInFile, type ProseMatch } from '../terms/prose';
import { glossaryOf, type GlossaryLabel } from '../terms/glossary';
import { replacementFor } from '../terms/replace';
import type { Fix } from '../types';
import type { Rule } from './types';

/** Quotes a label for a message. */
const q = (s: string) => `"${s.replace(/\s+/g, ' ')}"`;

/**
 * An `avoid` label of a glossary term written in free text (names, descriptions, definitions,
 * goals, pains, notes) or in a Markdown doc, with a fix that writes the preferred term in the
 * same case and number.
 *
 * Not reported: a label that some term also accepts (as its `term` or an alias), because the
 * glossary contradicts itself there and `label-clash` says so in the glossary; and a term's own
 * definition or notes mentioning the label it replaces ("formerly called target group").
 */
export const deprecatedTerm: Rule = {
  id: 'deprecated-term',
  defaultSeverity: 'warning',
  description:
    'Free text or a Markdown doc uses a label the glossary says to avoid; the quick fix writes the preferred term.',
  appliesTo: [...TAXONOMY_KINDS, 'markdown'],
  // The glossary names the word to write; with one such term the fix needs no choice.
  fixable: 'safe',
  check({ file, index, report }) {
    const { matcher } = glossaryOf(index);
    for (const m of findTermsInFile(file, matcher)) {
      if (m.labels.some((l) => l.role !== 'avoid')) continue;
      const avoided = m.labels.filter((l) => !isOwnMention(file, m, l));
      if (avoided.length === 0) continue;
      const byTerm = new Map<string, GlossaryLabel>();
      for (const l of avoided) if (!byTerm.has(l.termId)) byTerm.set(l.termId, l);
      const targets = [...byTerm.values()];
      const fixes: Fix[] = [];
      for (const t of targets) {
        if (!t.preferred) continue;
        const words = replacementFor(m.text, t.preferred);
        fixes.push(replacementFix(file, m, words, `Replace with ${q(words)}`, targets.length === 1));
      }
      const says = targets
        .map((t) => (t.preferred ? `${q(t.preferred)} (term \`${t.termId}\`)` : `term \`${t.termId}\``))
        .join(' or ');
      report({
        range: file.lines.range(m.start, m.end),
        message: `Avoid ${q(m.text)}: the glossary lists it as a label not to use. Write ${says} instead.`,
        fixes: fixes.length ? fixes : undefined,
        deprecated: true,
      });
    }
  },
};

/** True when the match sits inside the glossary entry of the very term that lists the label. */
function isOwnMention(file: TaxonomyFile, m: ProseMatch, l: GlossaryLabel): boolean {
  if (file.kind !== 'glossary' || m.docIndex === undefined) return false;
  const model = file.models[m.docIndex];
  const pos = file.lines.positionAt(m.start);
  return model.entities.some((e) => e.kind === 'term' && e.id?.value === l.termId && contains(e.range, pos));
}

function contains(
  r: { start: { line: number; character: number }; end: { line: number; character: number } },
  p: { line: number; character: number },
): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}
