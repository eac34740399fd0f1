import { childPointer, pointerSegment, type ParsedDoc } from '../yaml';
import type { TaxonomyFile } from '../taxonomyFile';
import type { Range } from '../types';

/**
 * The ranges "expand selection" steps through from a position, innermost first: the scalar (or
 * key), the `key: value` pair, the mapping holding it, the list item, the list, the pair naming
 * the list, ... up to the whole document. Each range holds the one before it.
 */
export function selectionRanges(file: TaxonomyFile, offset: number): Range[] {
  if (!file.yaml) return [];
  const doc = file.yaml.docs.find((d) => offset >= d.start && offset <= d.end);
  if (!doc) return [];
  // Outermost first while descending; reversed at the end.
  const chain: [number, number][] = [[doc.start, trimmedEnd(file.text, doc.start, doc.end)]];
  descend(doc, file.text, offset, chain);
  const out: Range[] = [];
  let prev: [number, number] | undefined;
  for (let i = chain.length - 1; i >= 0; i--) {
    let [s, e] = chain[i];
    // A parent always holds its child, even where a span ends early (an empty value after a key).
    if (prev) {
      s = Math.min(s, prev[0]);
      e = Math.max(e, prev[1]);
      if (s === prev[0] && e === prev[1]) continue;
    }
    prev = [s, e];
    out.push(file.lines.range(s, e));
  }
  return out;
}

function trimmedEnd(text: string, start: number, end: number): number {
  let e = Math.min(end, text.length);
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/**
 * Walks down from the root value to the deepest value (or key) holding the offset, looking each
 * child's span up by its parent's slot: the work is the breadth of the mappings on the way, not
 * the size of the document.
 */
function descend(doc: ParsedDoc, text: string, offset: number, chain: [number, number][]): void {
  const spans = doc.spans;
  let value: unknown = doc.value;
  let pointer = '';
  let slot = spans.slotOf('');
  if (slot < 0) return;
  chain.push([spans.startAt(slot), trimmedEnd(text, spans.startAt(slot), spans.endAt(slot))]);
  for (;;) {
    if (value === null || typeof value !== 'object') return;
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    let found = false;
    for (const key of keys) {
      const child = childPointer(pointer, key);
      const childSlot = spans.childSlotOf(slot, child, child.length - pointerSegment(key).length);
      if (childSlot < 0) continue;
      const span = spans.at(childSlot);
      const from = span.keyStart ?? span.start;
      const to = trimmedEnd(text, span.start, span.end);
      if (offset < from || offset > Math.max(to, span.keyEnd ?? to)) continue;
      if (span.keyStart !== undefined) {
        // The pair, then the key itself or the value.
        chain.push([from, Math.max(to, span.keyEnd ?? to)]);
        if (span.keyEnd !== undefined && offset <= span.keyEnd) {
          chain.push([span.keyStart, span.keyEnd]);
          return;
        }
      }
      if (span.end > span.start) chain.push([span.start, to]);
      value = (value as Record<string | number, unknown>)[key];
      pointer = child;
      slot = childSlot;
      found = true;
      break;
    }
    if (!found) return;
  }
}
