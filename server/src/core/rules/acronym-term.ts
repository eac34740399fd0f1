import { vocabularyName } from '../domain';
import { addListItem, lazyFix } from '../edit';
import type { FacetContributor } from '../index/contribution';
import type { FacetEntry } from '../index/entries';
import type { Located, Term } from '../model';
import { GLOSSARY_LABEL_FACET, type GlossaryLabel } from '../terms/glossary';
import { normaliseLabel } from '../terms/normalise';
import { childPointer } from '../yaml';
import type { Fix } from '../types';
import type { Rule, RuleContext } from './types';

/**
 * Every accepted label of two words or more (a term's `term` and aliases), keyed by the capitals
 * it spells ("customer lifetime value" under `CLV`): an acronym looks its spelt-out terms up by
 * one key, and is re-checked only when a label spelling it changes.
 */
const SPELT_OUT_FACET = 'acronym-spelt-out';

/** An acronym label: 2 to 6 capital letters ("CLV", "NPS"). */
const ACRONYM = /^[A-Z]{2,6}$/;

/** Articles most acronyms leave out ("voice of the customer": VOC). */
const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);

/** Small words some acronyms leave out too ("cost of acquisition": CA as well as COA). */
const SMALL_WORDS: ReadonlySet<string> = new Set([...ARTICLES, 'and', 'of', 'to', 'for', 'in', 'on', 'by', 'per', '&']);

/** A spelt-out label as the facet holds it: plain JSON, free of positions. */
interface SpeltOut {
  label: string;
  termId: string;
  vocabulary: string;
  equivalent?: string;
}

/**
 * The acronyms a label spells: the initials of its words (cut at spaces and hyphens), of its
 * words without articles, and without small words ("voice of the customer": VOTC, VOC and VC),
 * and of its space-separated words ("add-to-cart rate": ATCR and AR). Only those of 2 to 6
 * letters; none for one word.
 */
function acronymsOf(label: string): string[] {
  const initials = (words: string[]) =>
    words
      .map((w) => w[0])
      .join('')
      .toUpperCase();
  const parts = label.split(/[\s\-\u2010-\u2015]+/u).filter((w) => /^\p{L}/u.test(w));
  if (parts.length < 2) return [];
  const spaced = label.split(/\s+/u).filter((w) => /^\p{L}/u.test(w));
  const without = (small: ReadonlySet<string>) => parts.filter((w) => !small.has(w.toLowerCase()));
  const out = new Set([initials(parts), initials(without(ARTICLES)), initials(without(SMALL_WORDS)), initials(spaced)]);
  return [...out].filter((a) => ACRONYM.test(a));
}

/** A term's accepted labels: its `term` and its aliases. */
const acceptedLabels = (e: Term): Located<string>[] => [...(e.label ? [e.label] : []), ...e.aliases];

/** Adds every accepted label of two words or more under each acronym it spells. */
export const contributeSpeltOut: FacetContributor = (file, add) => {
  if (file.kind !== 'glossary') return;
  for (const model of file.models) {
    for (const e of model.entities) {
      if (e.kind !== 'term' || !e.id || e.id.value.trim() === '') continue;
      for (const label of acceptedLabels(e)) {
        const data: SpeltOut = {
          label: label.value,
          termId: e.id.value,
          vocabulary: e.vocabulary,
          equivalent: e.equivalent?.value,
        };
        for (const acronym of acronymsOf(label.value))
          add(SPELT_OUT_FACET, acronym, { uri: file.uri, range: label.range, data });
      }
    }
  }
};

/**
 * An acronym label ("CLV") of one glossary term that is not a label of the term whose label spells
 * it out ("customer lifetime value"): readers meet two terms and cannot tell they are one. Left
 * alone: an acronym its own term spells out, a spelt-out term that already has the acronym as a
 * label (or to avoid), and terms linked by `equivalent` or `replacedBy`. The fix adds the acronym
 * to the spelt-out term's aliases; it is the preferred one only when one term spells it out.
 * `lint --fix` does not apply it: removing the acronym term afterwards is a person's choice.
 */
export const acronymTerm: Rule = {
  id: 'acronym-term',
  defaultSeverity: 'warning',
  description: 'An acronym is a label of one glossary term and is not a label of the term whose label spells it out.',
  appliesTo: ['glossary'],
  // Not `safe`: the fix leaves the acronym on both terms (label-clash or term-conflict) until a
  // person removes the acronym term, and `lint --fix` must not trade one finding for two.
  check(ctx) {
    for (const model of ctx.file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'term' || !e.id || e.id.value.trim() === '') continue;
        const labels = acceptedLabels(e);
        const ownAcronyms = new Set(labels.flatMap((l) => acronymsOf(l.value)));
        for (const label of labels) {
          if (ACRONYM.test(label.value) && !ownAcronyms.has(label.value)) checkAcronym(ctx, e, label);
        }
      }
    }
  },
};

function checkAcronym(ctx: RuleContext, term: Term, acronym: Located<string>): void {
  const id = term.id!.value;
  const candidates = ctx.index
    .facet<SpeltOut>(SPELT_OUT_FACET, acronym.value)
    .filter(
      (s) =>
        s.data.termId !== id &&
        s.data.equivalent !== id &&
        term.equivalent?.value !== s.data.termId &&
        term.replacedBy?.value !== s.data.termId,
    );
  if (candidates.length === 0) return;
  const labelled = new Set(
    ctx.index.facet<GlossaryLabel>(GLOSSARY_LABEL_FACET, normaliseLabel(acronym.value)).map((l) => l.data.termId),
  );
  // One entry per spelt-out term (its first label that spells the acronym).
  const byTerm = new Map<string, FacetEntry<SpeltOut>>();
  for (const c of candidates)
    if (!labelled.has(c.data.termId) && !byTerm.has(c.data.termId)) byTerm.set(c.data.termId, c);
  const spelt = [...byTerm.values()];
  if (spelt.length === 0) return;
  const name = (s: SpeltOut) => `"${s.label}" (the ${vocabularyName(s.vocabulary)} term \`${s.termId}\`)`;
  const own = `"${acronym.value}" (the ${vocabularyName(term.vocabulary)} term \`${id}\`)`;
  const message =
    spelt.length === 1
      ? `${own} stands for ${name(spelt[0].data)}, which does not list it. Readers meet two terms and cannot tell they are one: ` +
        `add "${acronym.value}" to the aliases of \`${spelt[0].data.termId}\` and remove the term \`${id}\`; if it means something else, rename one of the labels.`
      : `${own} could stand for ${spelt.map((s) => name(s.data)).join(' and ')}, none of which lists it. Readers cannot tell which one it stands for: ` +
        `add "${acronym.value}" to the aliases of the one it abbreviates and remove the term \`${id}\`.`;
  ctx.report({
    range: acronym.range,
    message,
    related: spelt.map((s) => ({
      location: { uri: s.uri, range: s.range },
      message: `"${s.data.label}", a label of the term \`${s.data.termId}\``,
    })),
    fixes: spelt.map((s) => aliasFix(ctx, s, acronym.value, spelt.length === 1)),
  });
}

/** Adds `acronym` to the aliases of the spelt-out term, built from its file when the fix is read. */
function aliasFix(ctx: RuleContext, spelt: FacetEntry<SpeltOut>, acronym: string, preferred: boolean): Fix {
  const { uri, data } = spelt;
  const build = () => {
    const file = ctx.fileAt(uri);
    const entity = file?.models
      .flatMap((m) => m.entities)
      .find((x) => x.kind === 'term' && x.id?.value === data.termId);
    if (!file || !entity) return undefined;
    return [addListItem(file, entity.docIndex, childPointer(entity.pointer, 'aliases'), acronym, 'term')];
  };
  return lazyFix(`Add "${acronym}" to the aliases of term \`${data.termId}\``, preferred, build, () => ctx.fileAt(uri));
}
