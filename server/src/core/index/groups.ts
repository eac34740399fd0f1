import type { FacetEntry } from './entries';

/* A facet key's entries counted by group (`facetGroups`), kept up to date as files come and go. */

/**
 * The entries of one facet key counted by group, kept up to date as files come and go, so a rule
 * can ask "what else do the others say, and how often" without reading every entry: a stage name
 * shared by thousands of journeys (BENCHMARKS.md). Entries are in key order: by file uri, then as
 * the file contributed them, so answers do not depend on the order files were loaded or edited.
 */
export interface FacetGroups<T = unknown> {
  /** Each group with its number of entries, leaving out those of the subject `except`; no zeros. */
  counts(except?: string): ReadonlyMap<string, number>;
  /**
   * The given groups that have entries besides `except`'s, ordered by where their first entry is
   * in key order, each with its count and first `perGroup` entries; and the first `limit` entries
   * of all of them together. Reads O(groups x (perGroup + limit)) entries, not all of them.
   */
  sample(groups: Iterable<string>, perGroup: number, limit: number, except?: string): FacetGroupSample<T>;
}

export interface FacetGroupSample<T> {
  groups: { group: string; count: number; first: FacetEntry<T>[] }[];
  first: FacetEntry<T>[];
}

/** Groups one key's entries, as `facet` returns them, the way the index does (for views without `facetGroups`). */
export function groupFacetEntries<T>(entries: readonly FacetEntry<T>[]): FacetGroups<T> {
  const byUri = new Map<string, FacetEntry<T>[]>();
  for (const e of entries) {
    const l = byUri.get(e.uri);
    if (l) l.push(e);
    else byUri.set(e.uri, [e]);
  }
  const g = new GroupedEntries();
  for (const [uri, l] of byUri) g.add(uri, l);
  return g as FacetGroups<T>;
}

/** An entry of a group, with its place among its file's entries under the key. */
interface Placed {
  uri: string;
  ord: number;
  entry: FacetEntry;
}

/** The entries of one key and group. Files are kept sorted by uri, so key order costs no sort on lookup. */
class Group {
  count = 0;
  private readonly uris: string[] = [];
  private readonly byUri = new Map<string, Placed[]>();
  /** Entries per subject, so one subject's can be left out of a count without reading them. */
  private readonly subjects = new Map<string, number>();

  add(uri: string, placed: Placed[]): void {
    this.remove(uri);
    this.byUri.set(uri, placed);
    this.uris.splice(sortedIndex(this.uris, uri), 0, uri);
    this.count += placed.length;
    for (const p of placed)
      if (p.entry.subject !== undefined)
        this.subjects.set(p.entry.subject, (this.subjects.get(p.entry.subject) ?? 0) + 1);
  }

  remove(uri: string): void {
    const placed = this.byUri.get(uri);
    if (!placed) return;
    this.byUri.delete(uri);
    const i = sortedIndex(this.uris, uri);
    if (this.uris[i] === uri) this.uris.splice(i, 1);
    this.count -= placed.length;
    for (const p of placed) {
      const s = p.entry.subject;
      if (s === undefined) continue;
      const n = (this.subjects.get(s) ?? 0) - 1;
      if (n <= 0) this.subjects.delete(s);
      else this.subjects.set(s, n);
    }
  }

  countWithout(except: string | undefined): number {
    return this.count - (except === undefined ? 0 : (this.subjects.get(except) ?? 0));
  }

  /** Entries in key order without the subject `except`'s; lazy, so a caller reads only what it keeps. */
  *walk(except: string | undefined): Generator<Placed> {
    for (const uri of this.uris)
      for (const p of this.byUri.get(uri) ?? []) if (except === undefined || p.entry.subject !== except) yield p;
  }
}

/**
 * A key's entries by group: per group a count, a count per subject, and the entries by file.
 * Adding or removing a file costs O(its entries) plus a binary search and a move in the sorted
 * uri list of each group it is in.
 */
export class GroupedEntries implements FacetGroups {
  private readonly groups = new Map<string, Group>();

  get empty(): boolean {
    return this.groups.size === 0;
  }

  add(uri: string, entries: readonly FacetEntry[]): void {
    const byGroup = new Map<string, Placed[]>();
    entries.forEach((entry, ord) => {
      if (entry.group === undefined) return;
      const l = byGroup.get(entry.group);
      if (l) l.push({ uri, ord, entry });
      else byGroup.set(entry.group, [{ uri, ord, entry }]);
    });
    for (const [name, placed] of byGroup) {
      let g = this.groups.get(name);
      if (!g) {
        g = new Group();
        this.groups.set(name, g);
      }
      g.add(uri, placed);
    }
  }

  remove(uri: string, entries: readonly FacetEntry[]): void {
    for (const e of entries) {
      if (e.group === undefined) continue;
      const g = this.groups.get(e.group);
      if (!g) continue;
      g.remove(uri);
      if (g.count === 0) this.groups.delete(e.group);
    }
  }

  counts(except?: string): ReadonlyMap<string, number> {
    const out = new Map<string, number>();
    for (const [name, g] of this.groups) {
      const n = g.countWithout(except);
      if (n > 0) out.set(name, n);
    }
    return out;
  }

  sample(groups: Iterable<string>, perGroup: number, limit: number, except?: string): FacetGroupSample<unknown> {
    // No group gives more than `limit` of the first `limit` overall, so reading that many of each
    // (and `perGroup` for its own list) is enough, however many entries the groups hold.
    const take = Math.max(perGroup, limit);
    const heads: { group: string; count: number; placed: Placed[] }[] = [];
    for (const name of new Set(groups)) {
      const g = this.groups.get(name);
      const count = g?.countWithout(except) ?? 0;
      if (!g || count === 0) continue;
      const placed: Placed[] = [];
      for (const p of g.walk(except)) {
        placed.push(p);
        if (placed.length >= take) break;
      }
      heads.push({ group: name, count, placed });
    }
    heads.sort((a, b) => beforeInKey(a.placed[0], b.placed[0]));
    const first = heads
      .flatMap((h) => h.placed)
      .sort(beforeInKey)
      .slice(0, limit)
      .map((p) => p.entry);
    return {
      groups: heads.map((h) => ({
        group: h.group,
        count: h.count,
        first: h.placed.slice(0, perGroup).map((p) => p.entry),
      })),
      first,
    };
  }
}

export const NO_GROUPS: FacetGroups = new GroupedEntries();

function beforeInKey(a: Placed, b: Placed): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.ord - b.ord;
}

/** Where `v` is, or would go, in a sorted list of strings. */
function sortedIndex(list: readonly string[], v: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
