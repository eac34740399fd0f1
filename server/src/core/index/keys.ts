import type { EntityKind } from '../types';

/*
 * Key encoding: the keys dependency tracking speaks in, and the index's own keys for an id of a
 * kind. Parts are joined with NUL, which no id, facet name or facet key contains.
 */

/**
 * The key of an index entry. Dependency tracking speaks in these keys: a rule that looked a key
 * up while checking a file is re-run for that file when the key's entries change.
 */
export type IndexKey = string;

export const defKey = (kind: EntityKind, id: string): IndexKey => `def\u0000${kind}\u0000${id}`;
export const refKey = (kind: EntityKind, id: string): IndexKey => `ref\u0000${kind}\u0000${id}`;
/** Changes whenever an id of the kind appears or disappears (for "did you mean" and completion). */
export const idSetKey = (kind: EntityKind): IndexKey => `ids\u0000${kind}`;
export const facetKey = (facet: string, key: string): IndexKey => `facet\u0000${facet}\u0000${key}`;
/** Changes whenever any entry of the facet changes (for rules that read a whole facet). */
export const wholeFacetKey = (facet: string): IndexKey => `facet*\u0000${facet}`;

/** The parts a key was joined from: its tag (`def`, `ids`, ...) and one or two more ('' when it has one). */
export function keyParts(key: IndexKey): [tag: string, first: string, second: string] {
  const i = key.indexOf('\u0000');
  const j = key.indexOf('\u0000', i + 1);
  return j < 0 ? [key.slice(0, i), key.slice(i + 1), ''] : [key.slice(0, i), key.slice(i + 1, j), key.slice(j + 1)];
}

/** The tags of the keys as `keyParts` reads them, for those that name a key by its parts. */
export const KEY_TAGS = {
  def: keyParts(defKey('' as EntityKind, ''))[0],
  ref: keyParts(refKey('' as EntityKind, ''))[0],
  ids: keyParts(idSetKey('' as EntityKind))[0],
  facet: keyParts(facetKey('', ''))[0],
} as const;

/**
 * Says whether some file depends on a key, named by its parts (`keyParts`), so that a key nobody
 * depends on is never joined.
 */
export type WatchedKeys = (tag: string, first: string, second: string) => boolean;

const WHOLE_FACET_PREFIX = wholeFacetKey('');

/** The facet a whole-facet key (`wholeFacetKey`) is about; undefined for any other key. */
export function facetOfWholeKey(key: IndexKey): string | undefined {
  return key.startsWith(WHOLE_FACET_PREFIX) ? key.slice(WHOLE_FACET_PREFIX.length) : undefined;
}

/** The kinds whose ids are unique within their journey, not the workspace: stages and touchpoints. */
export const CONTAINED_KINDS: ReadonlySet<EntityKind> = new Set<EntityKind>(['stage', 'touchpoint']);

/**
 * True for a stage or touchpoint of a journey with an id: its id is qualified by the journey, and
 * the index finds it through the journey's files instead of keeping a key for it.
 */
export function isContained(kind: EntityKind, container: string | undefined): container is string {
  return container !== undefined && CONTAINED_KINDS.has(kind);
}

/** Qualifies stage and touchpoint ids by their journey; other ids are global per kind. */
export function qualifiedId(kind: EntityKind, id: string, container?: string): string {
  return isContained(kind, container) ? `${container}/${id}` : id;
}
