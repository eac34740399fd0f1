/**
 * Which entity of one side is which of the other: the same id, or a rename (an id changed while
 * the rest stayed alike). Every section compares the pairs this finds.
 */
import type { EntityFact } from './snapshot';
import type { DiffEntity, DiffIds, DiffRename } from './types';

/** The entities of one kind matched across the sides. */
export interface Matched {
  ids: DiffIds;
  /** Each entity on both sides, base first (renamed ones included). */
  pairs: [EntityFact, EntityFact][];
  /** Base id -> head id of each renamed entity. */
  renames: Map<string, string>;
}

/** Sorts by file, then id, so the report's order does not depend on the order of reading. */
export function byFileThenId<T extends { file: string; id: string }>(a: T, b: T): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const shown = (f: EntityFact): DiffEntity => ({ kind: f.kind, id: f.id, file: f.file, label: f.label });

/**
 * Matches the entities of one kind. `mapBase` spells a base id as the head would if nothing but
 * its container changed (a touchpoint of a renamed journey). A base entity gone and a head entity
 * new are one renamed entity when their content without the id is the same (anywhere), or else
 * when they sit at the same place of the same file (a persona file whose id was edited, along
 * with a few words).
 */
export function matchEntities(
  base: ReadonlyMap<string, EntityFact>,
  head: ReadonlyMap<string, EntityFact>,
  mapBase: (f: EntityFact) => string = (f) => f.id,
): Matched {
  const pairs: [EntityFact, EntityFact][] = [];
  const gone: EntityFact[] = [];
  const kept = new Set<string>();
  for (const b of base.values()) {
    const h = head.get(mapBase(b));
    if (h) {
      pairs.push([b, h]);
      kept.add(h.id);
    } else gone.push(b);
  }
  const fresh = [...head.values()].filter((h) => !kept.has(h.id));
  const renames = new Map<string, string>();
  const renamed: DiffRename[] = [];
  const pair = (b: EntityFact, h: EntityFact) => {
    pairs.push([b, h]);
    renames.set(b.id, h.id);
    renamed.push({ kind: h.kind, from: b.id, to: h.id, file: h.file });
  };
  const taken = new Set<EntityFact>();
  // Each way of being alike is a key; the new entities are indexed by it, so matching is linear.
  for (const alike of [
    // An entity with nothing but an id is alike every other such: only its place can tell.
    (f: EntityFact) => (f.content === '{}' ? undefined : f.content),
    (f: EntityFact) => `${f.file}\u0000${f.place}`,
  ]) {
    const byKey = new Map<string, EntityFact[]>();
    for (const h of fresh) {
      const k = taken.has(h) ? undefined : alike(h);
      if (k === undefined) continue;
      const same = byKey.get(k);
      if (same) same.push(h);
      else byKey.set(k, [h]);
    }
    for (const b of gone) {
      const k = taken.has(b) ? undefined : alike(b);
      const h = k === undefined ? undefined : byKey.get(k)?.find((x) => !taken.has(x));
      if (!h) continue;
      taken.add(b);
      taken.add(h);
      pair(b, h);
    }
  }
  return {
    ids: {
      added: fresh
        .filter((h) => !taken.has(h))
        .map(shown)
        .sort(byFileThenId),
      removed: gone
        .filter((b) => !taken.has(b))
        .map(shown)
        .sort(byFileThenId),
      renamed: renamed.sort((a, b) => byFileThenId({ file: a.file, id: a.to }, { file: b.file, id: b.to })),
    },
    pairs,
    renames,
  };
}
