import type { IndexView } from '../rules/types';
import type { TaxonomyFile } from '../taxonomyFile';
import type { FacetContributor } from '../index/contribution';
import type { DerivedSource } from '../derived';
import type { FacetEntry } from '../index/entries';
import { TermMatcher, type MatchLabel } from './matcher';
import { normaliseLabel } from './normalise';

/**
 * The facet glossary files contribute: one entry per label (preferred term, alias, avoid),
 * keyed by the label's normal form (`normaliseLabel`). Rules that compare labels across files
 * look a key up (`index.facet`), so only files sharing a label are re-checked when it changes;
 * the term matcher is built from the whole facet.
 */
export const GLOSSARY_LABEL_FACET = 'glossary-label';

/** How a label stands in its term: the preferred `term`, an accepted alias, or a label to avoid. */
export type LabelRole = 'preferred' | 'alias' | 'avoid';

/**
 * One glossary label as the matcher and the rules see it. Plain JSON (it is a facet entry's
 * data, and the index compares entries by their JSON), and free of positions, so moving a term
 * within its file does not rebuild the matcher.
 */
export interface GlossaryLabel extends MatchLabel {
  termId: string;
  role: LabelRole;
  /** The term's vocabulary (`marketing`, `cx`, ..., or `shared`). */
  vocabulary: string;
  /** The term's preferred label, when it has one. */
  preferred?: string;
  /** The term's status (`draft`, `approved`, `deprecated`), when written. */
  status?: string;
  /** The id the term names in `equivalent`, when written. */
  equivalent?: string;
  /** The id of the term that replaces this one (`replacedBy`), when written. */
  replacedBy?: string;
  /**
   * The term's `sunset` as written, when it has one: the sunset rules look a term up only when
   * its label says it has one, so a file mentioning ordinary terms does not depend on each.
   */
  sunset?: string;
}

/** What the glossary says about one term, gathered from its labels. */
export interface GlossaryTermInfo {
  id: string;
  preferred?: string;
  vocabulary: string;
  status?: string;
  equivalent?: string;
  replacedBy?: string;
}

/** The compiled glossary: the matcher over every label, and each term's vocabulary and links. */
export interface Glossary {
  matcher: TermMatcher<GlossaryLabel>;
  terms: ReadonlyMap<string, GlossaryTermInfo>;
  /** Ids of terms of `vocabulary` that are linked by `equivalent` (either way) to `termId`. */
  equivalentsIn(termId: string, vocabulary: string): GlossaryTermInfo[];
}

/** Adds every label of a glossary file to the `glossary-label` facet. */
export const contributeGlossaryLabels: FacetContributor = (file: TaxonomyFile, add) => {
  if (file.kind !== 'glossary') return;
  for (const model of file.models) {
    for (const e of model.entities) {
      if (e.kind !== 'term' || !e.id || e.id.value.trim() === '') continue;
      const base = {
        termId: e.id.value,
        vocabulary: e.vocabulary,
        preferred: e.label?.value,
        status: e.status?.value,
        equivalent: e.equivalent?.value,
        replacedBy: e.replacedBy?.value,
        sunset: e.sunset?.value,
      };
      const labels: [LabelRole, typeof e.aliases][] = [
        ['preferred', e.label ? [e.label] : []],
        ['alias', e.aliases],
        ['avoid', e.avoid],
      ];
      for (const [role, list] of labels) {
        for (const l of list) {
          const key = normaliseLabel(l.value);
          if (key === '') continue;
          const data: GlossaryLabel = { label: l.value, role, ...base };
          add(GLOSSARY_LABEL_FACET, key, { uri: file.uri, range: l.range, data });
        }
      }
    }
  }
};

/** Compiles the glossary from the facet. Kept as one function so the workspace caches it by identity. */
export function buildGlossary(entries: ReadonlyMap<string, readonly FacetEntry[]>): Glossary {
  const labels: GlossaryLabel[] = [];
  const terms = new Map<string, GlossaryTermInfo>();
  for (const list of entries.values()) {
    for (const entry of list) {
      const l = entry.data as GlossaryLabel;
      labels.push(l);
      if (!terms.has(l.termId))
        terms.set(l.termId, {
          id: l.termId,
          preferred: l.preferred,
          vocabulary: l.vocabulary,
          status: l.status,
          equivalent: l.equivalent,
          replacedBy: l.replacedBy,
        });
    }
  }
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    const s = links.get(a) ?? new Set<string>();
    s.add(b);
    links.set(a, s);
  };
  for (const t of terms.values()) {
    if (t.equivalent && t.equivalent !== t.id) {
      link(t.id, t.equivalent);
      link(t.equivalent, t.id);
    }
  }
  return {
    matcher: TermMatcher.build(labels),
    terms,
    equivalentsIn(termId, vocabulary) {
      const out: GlossaryTermInfo[] = [];
      for (const id of links.get(termId) ?? []) {
        const t = terms.get(id);
        if (t && t.vocabulary === vocabulary) out.push(t);
      }
      return out;
    },
  };
}

/**
 * The glossary as a rule sees it: cached by the workspace, and recorded as a dependency on every
 * glossary label, so the file is re-checked when any label changes.
 */
export function glossaryOf(index: IndexView): Glossary {
  if (index.derived) return index.derived(GLOSSARY_LABEL_FACET, buildGlossary);
  return buildGlossary(index.facetEntries(GLOSSARY_LABEL_FACET));
}

/** The glossary of a workspace, for hover and completion (no dependency is recorded). */
export function workspaceGlossary(ws: DerivedSource): Glossary {
  return ws.derived(GLOSSARY_LABEL_FACET, buildGlossary);
}
