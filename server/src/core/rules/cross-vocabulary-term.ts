import { SHARED_VOCABULARY, vocabularyName } from '../domain';
import { replacementFix } from '../edit';
import { findTermsInFile } from '../terms/prose';
import { glossaryOf, type GlossaryTermInfo } from '../terms/glossary';
import { replacementFor } from '../terms/replace';
import { docVocabulary } from '../terms/vocabulary';
import type { Fix } from '../types';
import type { Rule } from './types';

const q = (s: string) => `"${s.replace(/\s+/g, ' ')}"`;

/**
 * A persona, segment, journey or KPI owned by a team of one function (say CX) that uses the other
 * vocabulary's word (marketing's "segment") where its own vocabulary has an `equivalent`
 * ("persona"). A hint with a fix to the file's own word: both words are right, for different
 * readers, and the seeds' point is that each team should meet its own.
 *
 * Words that the file's own vocabulary (or the shared one) also uses are never hinted.
 */
export const crossVocabularyTerm: Rule = {
  id: 'cross-vocabulary-term',
  defaultSeverity: 'hint',
  description:
    "A file owned by one team's function uses another vocabulary's word where its own vocabulary has an equivalent.",
  appliesTo: ['persona', 'segment', 'journey', 'kpi'],
  check({ file, index, report }) {
    const glossary = glossaryOf(index);
    const vocabularies = new Map(file.models.map((m) => [m.docIndex, docVocabulary(file, m, index)]));
    for (const m of findTermsInFile(file, glossary.matcher)) {
      const own = m.docIndex === undefined ? undefined : vocabularies.get(m.docIndex);
      if (!own || own.vocabulary === SHARED_VOCABULARY) continue;
      if (
        m.labels.some(
          (l) => l.role === 'avoid' || l.vocabulary === own.vocabulary || l.vocabulary === SHARED_VOCABULARY,
        )
      )
        continue;
      const foreign = m.labels[0];
      const targets = new Map<string, GlossaryTermInfo>();
      for (const l of m.labels)
        for (const t of glossary.equivalentsIn(l.termId, own.vocabulary)) if (t.preferred) targets.set(t.id, t);
      if (targets.size === 0) continue;
      const choices = [...targets.values()];
      const fixes: Fix[] = choices.map((t, i) => {
        const words = replacementFor(m.text, t.preferred!);
        return replacementFix(file, m, words, `Replace with ${q(words)}`, i === 0 && choices.length === 1);
      });
      const who = own.team
        ? `owned by ${own.team.name ?? own.team.id}, a ${vocabularyName(own.vocabulary)} team`
        : `written in the ${vocabularyName(own.vocabulary)} vocabulary`;
      const words = choices.map((t) => q(t.preferred!)).join(' or ');
      report({
        range: file.lines.range(m.start, m.end),
        message: `${q(m.text)} is the ${vocabularyName(foreign.vocabulary)} word (term \`${foreign.termId}\`). This file is ${who}; its word for it is ${words}.`,
        fixes,
      });
    }
  },
};
