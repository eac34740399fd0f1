import type { Entity } from '../model';
import type { FacetEntry } from './entries';

/*
 * Change signatures: what about a file's index entries other files may depend on. When a file is
 * replaced, a key counts as changed only if this file's signatures under it differ, and only the
 * files depending on a changed key are re-checked. A rule that reads a field of another file's
 * entity that `entitySig` leaves out would keep stale results in the editor; the test
 * test/unit/incremental-signatures.test.ts changes every schema field to catch that.
 */

/**
 * What about an entity other files may depend on: its names, owners and links, but not where
 * it is written. Rules that read more of another file's entity should use a facet.
 */
export function entitySig(e: Entity): string {
  const parts: unknown[] = [
    e.name?.value,
    e.owner?.teams.map((t) => t.value),
    e.owner?.lead?.value,
    e.status?.value,
    e.sunset?.value,
    e.replacedBy?.value,
    e.description?.value,
  ];
  switch (e.kind) {
    case 'team':
      parts.push(e.function?.value);
      break;
    case 'persona':
      parts.push(e.segments.map((s) => s.value));
      break;
    case 'segment':
      parts.push(
        e.personas.map((s) => s.value),
        e.lifecycleStage?.value,
      );
      break;
    case 'term':
      parts.push(
        e.label?.value,
        e.vocabulary,
        e.definition?.value,
        e.equivalent?.value,
        e.aliases.map((a) => a.value),
        e.avoid.map((a) => a.value),
        e.broader.map((a) => a.value),
      );
      break;
    case 'kpi':
      parts.push(e.formula?.value, e.definition?.value);
      break;
    case 'stage':
      parts.push(e.lifecycleStage?.value);
      break;
    case 'journey':
      parts.push(e.persona?.value);
      break;
    default:
      break;
  }
  return JSON.stringify(parts);
}

/** What about a facet entry other files may depend on: not where it is written. */
export function entrySig(e: FacetEntry): string {
  const data = JSON.stringify(e.data) ?? '';
  return e.group === undefined && e.subject === undefined
    ? data
    : `${data}\u0000${e.group ?? ''}\u0000${e.subject ?? ''}`;
}

/** True when two lists hold the same values as many times each, in any order. */
export function sameMultiset(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 1) return a[0] === b[0];
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}
