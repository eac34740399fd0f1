import { entityNoun, TAXONOMY_KINDS } from '../domain';
import type { Definition } from '../index/entries';
import { statusHolderAt, type Entity } from '../model';
import { glossaryOf } from '../terms/glossary';
import { findTermsInFile } from '../terms/prose';
import type { RelatedInfo } from '../types';
import type { Rule } from './types';

/** Quotes a label or a name for a message. */
const q = (s: string) => `"${s.replace(/\s+/g, ' ')}"`;

/**
 * An approved entity that leans on a draft: it refers by id to an entity or glossary term whose
 * status is `draft`, or its free text uses a label of a draft term. Whether something is approved
 * is read where the reference or the text is written: a touchpoint's own status, else its
 * journey's. A label that some term not in draft also accepts is not reported (the word has an
 * approved meaning), nor is a label the glossary says to avoid (`deprecated-term` reports it).
 */
export const statusGating: Rule = {
  id: 'status-gating',
  defaultSeverity: 'warning',
  description:
    'An approved entity refers by id to a draft entity or glossary term, or uses the label of a draft term in its free text.',
  appliesTo: TAXONOMY_KINDS,
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const ref of model.refs) {
        // The lookup first: finding the writer works out the reference's range, and few ids are drafts.
        const defs = index.definitions(ref.kind, ref.id.value);
        if (!allDraft(defs)) continue;
        const writer = approvedAt(statusHolderAt(model, ref.id.range.start));
        if (!writer) continue;
        const e = defs[0].entity;
        const name = e.kind === 'term' ? (e.label?.value ?? e.name?.value) : e.name?.value;
        report({
          range: ref.id.range,
          message:
            `This approved ${entityNoun(writer.kind)} refers to \`${ref.id.value}\`${name ? ` (${q(name)})` : ''}, ` +
            `a ${entityNoun(ref.kind)} still in draft. Approve it first, or refer to an approved ${entityNoun(ref.kind)}.`,
          related: draftSites(defs, ref.id.value),
        });
      }
    }
    const { matcher } = glossaryOf(index);
    for (const m of findTermsInFile(file, matcher)) {
      if (m.docIndex === undefined) continue;
      const model = file.models[m.docIndex];
      const writer = approvedAt(model && statusHolderAt(model, file.lines.positionAt(m.start)));
      if (!writer || !m.labels.every((l) => l.status === 'draft' && l.role !== 'avoid')) continue;
      const termIds = [...new Set(m.labels.map((l) => l.termId))];
      const terms = termIds.map((id) => `\`${id}\``).join(' and ');
      report({
        range: file.lines.range(m.start, m.end),
        message:
          `This approved ${entityNoun(writer.kind)} uses ${q(m.text)}, a label of the glossary term ${terms}, still in draft. ` +
          'Approve the term first, or reword.',
        related: termIds.flatMap((id) => draftSites(index.definitions('term', id), id)),
      });
    }
  },
};

/** The entity when its status is `approved`. */
function approvedAt(e: Entity | undefined): Entity | undefined {
  return e?.status?.value === 'approved' ? e : undefined;
}

/**
 * True when there is a definition and every one says `status: draft` (read from the definition,
 * so that a file that let its model go does not build it again to say so).
 */
function allDraft(defs: readonly Definition[]): boolean {
  return defs.length > 0 && defs.every((d) => d.status === 'draft');
}

/** Where each draft definition says so, for related information. */
function draftSites(defs: readonly Definition[], id: string): RelatedInfo[] {
  return defs
    .filter((d) => d.entity.status?.value === 'draft')
    .map((d) => ({
      location: { uri: d.uri, range: d.entity.status?.range ?? d.range },
      message: `\`${id}\` is a draft here`,
    }));
}
