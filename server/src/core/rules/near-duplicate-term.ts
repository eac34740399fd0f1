import { vocabularyName } from '../domain';
import type { FacetContributor } from '../index/contribution';
import type { FacetEntry } from '../index/entries';
import type { Located, Term } from '../model';
import { normaliseLabel } from '../terms/normalise';
import { compactForm, deletions, labelSkeleton, letterCount, oneEditApart, skeletonWords } from '../terms/variants';
import type { RelatedInfo } from '../types';
import { GLOSSARY_LABEL_FACET, type GlossaryLabel } from '../terms/glossary';
import type { IndexView, Rule } from './types';

/**
 * The labels (term and aliases) of every glossary term, keyed by their skeleton (`labelSkeleton`:
 * case, hyphens, spaces, a final plural and British spelling left out) and, for skeletons of 8
 * letters or more, by each of their one-letter deletions. Two labels one edit apart share a key
 * (the deletion neighbourhood), so a check looks up about as many keys as its label has letters
 * and never walks the glossary; a file is re-checked only when a label sharing a key changes.
 */
const NEAR_LABEL_FACET = 'near-duplicate-label';

/** Labels of this many letters or more are compared one edit apart; shorter words differ by a letter too often. */
const MIN_EDIT_LETTERS = 8;

/**
 * The word the one edit lands in must be this long: "journey map" and "journey gap", "sales lead"
 * and "sales load" are other words, not a misspelling of one.
 */
const MIN_EDITED_WORD = 5;

/** One label as the facet holds it: plain JSON, free of positions (entries are compared by JSON). */
interface NearLabel {
  label: string;
  skeleton: string;
  termId: string;
  vocabulary: string;
  preferred: boolean;
  /** The term's `equivalent` and `replacedBy`: a pair linked either way is left alone. */
  equivalent?: string;
  replacedBy?: string;
}

/** The keys a skeleton is looked up and stored under: itself, and its deletions when long enough. */
function keysOf(skeleton: string): string[] {
  return letterCount(skeleton) >= MIN_EDIT_LETTERS ? [skeleton, ...deletions(skeleton)] : [skeleton];
}

/** A term's accepted labels: its `term` and its aliases (labels to avoid are not words to use). */
function labelsOf(e: Term): [Located<string>, boolean][] {
  return [
    ...(e.label ? [[e.label, true] as [Located<string>, boolean]] : []),
    ...e.aliases.map((a) => [a, false] as [Located<string>, boolean]),
  ];
}

/** Adds every accepted label of a glossary file under its skeleton and deletion keys. */
export const contributeNearLabels: FacetContributor = (file, add) => {
  if (file.kind !== 'glossary') return;
  for (const model of file.models) {
    for (const e of model.entities) {
      if (e.kind !== 'term' || !e.id || e.id.value.trim() === '') continue;
      for (const [label, preferred] of labelsOf(e)) {
        const skeleton = labelSkeleton(label.value);
        if (skeleton === '') continue;
        const data: NearLabel = {
          label: label.value,
          skeleton,
          termId: e.id.value,
          vocabulary: e.vocabulary,
          preferred,
          equivalent: e.equivalent?.value,
          replacedBy: e.replacedBy?.value,
        };
        const entry = { uri: file.uri, range: label.range, data };
        for (const key of keysOf(skeleton)) add(NEAR_LABEL_FACET, key, entry);
      }
    }
  }
};

/** Why two labels look like one word, as the rule's messages say it. */
type Nearness = 'form' | 'spelling' | 'edit';

const SAID: Record<Nearness, { pair: string; short: string }> = {
  form: { pair: 'differ only in case, hyphens or spaces', short: 'case, hyphens or spaces aside' },
  spelling: { pair: 'differ only in British and American spelling', short: 'British and American spelling aside' },
  edit: { pair: 'are one letter apart', short: 'one letter apart' },
};

/** How near two labels are (the first reason that holds), or undefined when they are not. */
function howNear(a: string, b: string, skeletonA: string, skeletonB: string): Nearness | undefined {
  if (skeletonA === skeletonB) return compactForm(a) === compactForm(b) ? 'form' : 'spelling';
  const long = letterCount(skeletonA) >= MIN_EDIT_LETTERS && letterCount(skeletonB) >= MIN_EDIT_LETTERS;
  return long && oneEditApart(skeletonA, skeletonB) && editInLongWord(a, b) ? 'edit' : undefined;
}

/**
 * True when two labels one edit apart differ in one word of `MIN_EDITED_WORD` letters or more.
 * Labels whose words are cut differently ("re-engagement", "reengagment") count as one long word.
 */
function editInLongWord(a: string, b: string): boolean {
  const x = skeletonWords(a);
  const y = skeletonWords(b);
  if (x.length !== y.length) return true;
  const differing = x.flatMap((w, i) => (w === y[i] ? [] : [Math.max(letterCount(w), letterCount(y[i]))]));
  return differing.length === 1 && differing[0] >= MIN_EDITED_WORD;
}

/**
 * The terms that accept one of the term's labels as it is written (case and plural aside): such a
 * pair is `term-conflict`'s or `label-clash`'s, and its other labels are not reported again here.
 */
function termsSharingALabel(index: IndexView, e: Term): Set<string> {
  const out = new Set<string>();
  for (const [label] of labelsOf(e)) {
    const key = normaliseLabel(label.value);
    if (key === '') continue;
    for (const entry of index.facet<GlossaryLabel>(GLOSSARY_LABEL_FACET, key))
      if (entry.data.role !== 'avoid') out.add(entry.data.termId);
  }
  return out;
}

/** True when the two terms are linked by `equivalent` or `replacedBy`, either way. */
function linked(e: Term, other: NearLabel): boolean {
  const id = e.id!.value;
  return (
    other.equivalent === id ||
    other.replacedBy === id ||
    e.equivalent?.value === other.termId ||
    e.replacedBy?.value === other.termId
  );
}

const termName = (termId: string, vocabulary: string) => `the ${vocabularyName(vocabulary)} term \`${termId}\``;

/**
 * Labels of two different glossary terms that a reader takes for one word: they differ only in
 * case, hyphens or spaces, in British and American spelling, or (8 letters or more) by one
 * letter, and no `equivalent` or `replacedBy` links the terms. Labels that read the same once
 * normalised (case and plural aside) are left to `term-conflict` and `label-clash`, so no pair is
 * reported by two rules. Both labels are reported, each pointing at the other.
 */
export const nearDuplicateTerm: Rule = {
  id: 'near-duplicate-term',
  defaultSeverity: 'warning',
  description:
    'Two glossary terms have labels that differ only in case, hyphens, spaces, British and American spelling, or one letter.',
  appliesTo: ['glossary'],
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'term' || !e.id || e.id.value.trim() === '') continue;
        const sharing = termsSharingALabel(index, e);
        for (const [label] of labelsOf(e)) {
          const skeleton = labelSkeleton(label.value);
          if (skeleton === '') continue;
          const normal = normaliseLabel(label.value);
          const seen = new Set<NearLabel>();
          const near: { entry: FacetEntry<NearLabel>; how: Nearness }[] = [];
          for (const key of keysOf(skeleton)) {
            for (const entry of index.facet<NearLabel>(NEAR_LABEL_FACET, key)) {
              const other = entry.data;
              if (seen.has(other) || other.termId === e.id.value) continue;
              seen.add(other);
              if (linked(e, other) || sharing.has(other.termId) || normaliseLabel(other.label) === normal) continue;
              const how = howNear(label.value, other.label, skeleton, other.skeleton);
              if (how) near.push({ entry, how });
            }
          }
          if (near.length === 0) continue;
          const related: RelatedInfo[] = near.map(({ entry }) => ({
            location: { uri: entry.uri, range: entry.range },
            message: `"${entry.data.label}", ${entry.data.preferred ? 'the label' : 'an alias'} of ${termName(entry.data.termId, entry.data.vocabulary)}`,
          }));
          const own = `"${label.value}" (${termName(e.id.value, e.vocabulary)})`;
          const named = (d: NearLabel) => `"${d.label}" (${termName(d.termId, d.vocabulary)})`;
          const what =
            near.length === 1
              ? `${own} and ${named(near[0].entry.data)} ${SAID[near[0].how].pair}`
              : `${own} is near ${near.map((n) => `${named(n.entry.data)}, ${SAID[n.how].short}`).join('; ')}`;
          report({
            range: label.range,
            message:
              `${what}. Readers will take them for one word with two definitions: if they mean the same, ` +
              'keep one term (with the other label as an alias) or link them with `equivalent` or `replacedBy`; otherwise rename one.',
            related,
          });
        }
      }
    }
  },
};
