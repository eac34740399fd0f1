/** Glossary terms added, removed, renamed, deprecated, redefined (definition) or relabelled (term, aliases). */
import type { Term } from '../model';
import type { MatchedKinds } from './entities';
import { byFileThenId } from './match';
import type { EntityFact } from './snapshot';
import type { DiffDeprecation, DiffGlossary, DiffRelabel, DiffValue } from './types';
import { valueText } from './values';

const termOf = (f: EntityFact): Term | undefined => (f.entity.kind === 'term' ? f.entity : undefined);

/** A term's labels as written: its `term`, then its aliases. */
function labels(t: Term): string[] {
  return [...(t.label ? [t.label.value] : []), ...t.aliases.map((a) => a.value)];
}

/** The same labels, whatever their order. */
function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  const key = (l: readonly string[]) => JSON.stringify([...new Set(l)].sort());
  return key(a) === key(b);
}

/** Compares the terms matched on both sides. */
export function glossaryChanges(m: MatchedKinds): DiffGlossary {
  const deprecated: DiffDeprecation[] = [];
  const redefined: DiffValue[] = [];
  const relabelled: DiffRelabel[] = [];
  for (const [bf, hf] of m.term.pairs) {
    const b = termOf(bf);
    const h = termOf(hf);
    if (!b || !h) continue;
    const id = hf.id;
    const file = hf.file;
    if (h.status?.value === 'deprecated' && b.status?.value !== 'deprecated')
      deprecated.push({
        id,
        label: hf.label,
        file,
        ...(h.replacedBy ? { replacedBy: h.replacedBy.value } : {}),
        ...(h.sunset ? { sunset: h.sunset.value } : {}),
      });
    const before = valueText(b.definition?.value);
    const after = valueText(h.definition?.value);
    if (before !== after) redefined.push({ id, file, field: 'definition', before, after });
    if (!sameLabels(labels(b), labels(h))) relabelled.push({ id, file, before: labels(b), after: labels(h) });
  }
  return {
    ...m.term.ids,
    deprecated: deprecated.sort(byFileThenId),
    redefined: redefined.sort(byFileThenId),
    relabelled: relabelled.sort(byFileThenId),
  };
}
