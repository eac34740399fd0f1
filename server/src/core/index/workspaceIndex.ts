import type { EntityKind } from '../types';
import { addTo, countOf, listOf, push, type Bucket, type OneOrMore } from './buckets';
import type { Definition, FacetEntry, FileContribution, Reference } from './entries';
import { GroupedEntries, NO_GROUPS, type FacetGroups } from './groups';
import { defKey, facetKey, idSetKey, kindIdKey, qualifiedId, refKey, wholeFacetKey, type IndexKey } from './keys';
import { entitySig, entrySig, sameMultiset } from './signatures';

/**
 * The workspace-wide index of definitions, references and rule facets. Each file's contribution is
 * kept whole so that replacing a file touches only its own keys; the returned set of changed keys
 * is what the dependency tracker uses to decide which other files to re-check. Positions do not
 * count as a change: moving a definition down a line does not re-check its dependants.
 */
export class WorkspaceIndex {
  /** Definitions by kind and qualified id: one definition alone, most ids having one (`OneOrMore`). */
  private readonly defs = new Map<string, OneOrMore<Definition>>();
  // References and facet entries pile up under popular keys (a team owns thousands of
  // touchpoints), so they are kept per file: an edit removes its own entries without scanning
  // everyone else's (see Bucket).
  private readonly refs = new Map<string, Bucket<Reference>>();
  private readonly facets = new Map<string, Map<string, Bucket<FacetEntry>>>();
  /** Facet -> key -> the key's entries by group, for entries that have one (`facetGroups`). */
  private readonly grouped = new Map<string, Map<string, GroupedEntries>>();
  /** facetEntries() views, rebuilt after a change to the facet. */
  private readonly facetViews = new Map<string, Map<string, FacetEntry[]>>();
  private readonly byFile = new Map<string, FileContribution>();
  private readonly idCounts = new Map<EntityKind, Map<string, number>>();
  /**
   * Entries that `remove` emptied, deleted only after the file's new contribution is added and
   * only if still empty. An edit takes out and puts back mostly the same keys, and deleting a key
   * of a Map then setting it again uses up a slot: in the index's largest maps (a quarter of a
   * million ids on L) that forced a full rehash every few hundred edits, the largest part of an
   * edit's cost that grew with the workspace (BENCHMARKS.md).
   */
  private emptied: (() => void)[] = [];

  /**
   * Replaces what a file contributes; returns the keys whose entries changed in substance.
   *
   * A key's entries change exactly when this file's own part of them changes (no other file's
   * entries move), so only this file's entries are compared, before and after. Comparing every
   * file's entries instead made loading quadratic in the number of files naming a popular id
   * (a team owns thousands of touchpoints): see BENCHMARKS.md.
   */
  replaceFile(uri: string, next: FileContribution | undefined): Set<IndexKey> {
    const prev = this.byFile.get(uri);
    // A file new to the index changes every key it contributes to; no signatures are needed.
    if (!prev) return this.addNew(uri, next);
    /**
     * Key -> this file's entry signatures before and after; for definitions the index's key and the
     * kind (whose id set may change), for facet entries the facet (whose whole-facet key changes).
     */
    const parts = new Map<
      IndexKey,
      { before: string[]; after: string[]; defs?: string; kind?: EntityKind; facet?: string; had?: boolean }
    >();
    const part = (k: IndexKey) => {
      let p = parts.get(k);
      if (!p) {
        p = { before: [], after: [] };
        parts.set(k, p);
      }
      return p;
    };
    const collect = (c: FileContribution, side: 'before' | 'after') => {
      for (const d of c.definitions) {
        const q = qualifiedId(d.kind, d.id, d.container);
        const p = part(defKey(d.kind, q));
        p.defs = kindIdKey(d.kind, q);
        p.kind = d.kind;
        p[side].push(entitySig(d.entity));
      }
      for (const r of c.references) part(refKey(r.kind, qualifiedId(r.kind, r.id, r.container)))[side].push(r.field);
      for (const [facet, keys] of c.facets)
        for (const [k, entries] of keys) {
          if (entries.length === 0) continue;
          const p = part(facetKey(facet, k));
          p.facet = facet;
          for (const e of entries) p[side].push(entrySig(e));
        }
    };
    if (prev) collect(prev, 'before');
    if (next) collect(next, 'after');
    for (const p of parts.values()) if (p.defs !== undefined) p.had = countOf(this.defs.get(p.defs)) > 0;
    if (prev) this.remove(uri, prev);
    if (next) this.add(uri, next);
    else this.byFile.delete(uri);
    this.sweep();
    const changed = new Set<IndexKey>();
    for (const [k, p] of parts) {
      if (sameMultiset(p.before, p.after)) continue;
      changed.add(k);
      if (p.facet !== undefined) changed.add(wholeFacetKey(p.facet));
      if (p.defs !== undefined && p.kind !== undefined && p.had !== countOf(this.defs.get(p.defs)) > 0)
        changed.add(idSetKey(p.kind));
    }
    return changed;
  }

  private addNew(uri: string, next: FileContribution | undefined): Set<IndexKey> {
    const changed = new Set<IndexKey>();
    if (!next) return changed;
    for (const d of next.definitions) {
      const q = qualifiedId(d.kind, d.id, d.container);
      changed.add(defKey(d.kind, q));
      if (!this.defs.has(kindIdKey(d.kind, q))) changed.add(idSetKey(d.kind));
    }
    for (const r of next.references) changed.add(refKey(r.kind, qualifiedId(r.kind, r.id, r.container)));
    for (const [facet, keys] of next.facets) {
      if (keys.size) changed.add(wholeFacetKey(facet));
      for (const k of keys.keys()) changed.add(facetKey(facet, k));
    }
    this.add(uri, next);
    return changed;
  }

  private add(uri: string, c: FileContribution): void {
    this.byFile.set(uri, c);
    for (const d of c.definitions) {
      const q = qualifiedId(d.kind, d.id, d.container);
      push(this.defs, kindIdKey(d.kind, q), d);
      const counts = this.idCounts.get(d.kind) ?? new Map<string, number>();
      this.idCounts.set(d.kind, counts);
      const n = counts.get(q);
      if (n === undefined) counts.set(q, 1);
      else counts.set(q, n + 1);
    }
    for (const r of c.references) addTo(this.refs, kindIdKey(r.kind, qualifiedId(r.kind, r.id, r.container)), uri, r);
    for (const [facet, keys] of c.facets) {
      let f = this.facets.get(facet);
      if (!f) {
        f = new Map<string, Bucket<FacetEntry>>();
        this.facets.set(facet, f);
      }
      for (const [k, entries] of keys) {
        for (const e of entries) addTo(f, k, uri, e);
        if (!entries.some((e) => e.group !== undefined)) continue;
        let g = this.grouped.get(facet);
        if (!g) {
          g = new Map<string, GroupedEntries>();
          this.grouped.set(facet, g);
        }
        let ge = g.get(k);
        if (!ge) {
          ge = new GroupedEntries();
          g.set(k, ge);
        }
        ge.add(uri, entries);
      }
      this.facetViews.delete(facet);
    }
  }

  /** Takes out a file's contribution, leaving emptied entries for `sweep`; the caller sweeps. */
  private remove(uri: string, c: FileContribution): void {
    for (const d of c.definitions) {
      const q = qualifiedId(d.kind, d.id, d.container);
      const k = kindIdKey(d.kind, q);
      const list = this.defs.get(k);
      if (list) {
        const kept = listOf(list).filter((e) => e.uri !== uri);
        this.defs.set(k, kept.length === 1 ? kept[0] : kept);
        if (kept.length === 0) this.emptied.push(() => countOf(this.defs.get(k)) === 0 && this.defs.delete(k));
      }
      const counts = this.idCounts.get(d.kind);
      if (counts) {
        const n = Math.max(0, (counts.get(q) ?? 1) - 1);
        counts.set(q, n);
        if (n === 0) this.emptied.push(() => counts.get(q) === 0 && counts.delete(q));
      }
    }
    for (const r of c.references)
      this.removeFrom(this.refs, kindIdKey(r.kind, qualifiedId(r.kind, r.id, r.container)), uri);
    for (const [facet, keys] of c.facets) {
      const f = this.facets.get(facet);
      if (!f) continue;
      const g = this.grouped.get(facet);
      for (const [k, entries] of keys) {
        this.removeFrom(f, k, uri);
        const ge = g?.get(k);
        if (!g || !ge) continue;
        ge.remove(uri, entries);
        if (ge.empty) this.emptied.push(() => ge.empty && g.get(k) === ge && g.delete(k));
      }
      this.facetViews.delete(facet);
    }
  }

  private removeFrom<T extends object>(m: Map<string, Bucket<T>>, k: string, uri: string): void {
    const b = m.get(k);
    if (!b) return;
    b.remove(uri);
    if (b.empty) this.emptied.push(() => b.empty && m.get(k) === b && m.delete(k));
  }

  /** Deletes what `remove` emptied and `add` did not fill again. */
  private sweep(): void {
    for (const f of this.emptied) f();
    this.emptied = [];
  }

  /** Definitions of an id (qualified for stages and touchpoints). */
  definitions(kind: EntityKind, qid: string): readonly Definition[] {
    return listOf(this.defs.get(kindIdKey(kind, qid)));
  }

  references(kind: EntityKind, qid: string): readonly Reference[] {
    return this.refs.get(kindIdKey(kind, qid))?.list() ?? [];
  }

  facet<T>(facet: string, key: string): readonly FacetEntry<T>[] {
    return (this.facets.get(facet)?.get(key)?.list() ?? []) as FacetEntry<T>[];
  }

  /** A key's entries by group (see `FacetGroups`): those `facet` returns that have a group. */
  facetGroups<T>(facet: string, key: string): FacetGroups<T> {
    return (this.grouped.get(facet)?.get(key) ?? NO_GROUPS) as FacetGroups<T>;
  }

  /** Every key of a facet with its entries. */
  facetEntries<T>(facet: string): ReadonlyMap<string, FacetEntry<T>[]> {
    let view = this.facetViews.get(facet);
    if (!view) {
      view = new Map();
      for (const [k, b] of this.facets.get(facet) ?? []) view.set(k, b.list());
      this.facetViews.set(facet, view);
    }
    return view as ReadonlyMap<string, FacetEntry<T>[]>;
  }

  /** Every defined id of a kind (qualified for stages and touchpoints). */
  ids(kind: EntityKind): Iterable<string> {
    return this.idCounts.get(kind)?.keys() ?? [];
  }

  /** Every definition of a kind, for workspace symbols and completion. */
  *allDefinitions(kind?: EntityKind): Iterable<Definition> {
    for (const c of this.byFile.values()) for (const d of c.definitions) if (!kind || d.kind === kind) yield d;
  }

  contribution(uri: string): FileContribution | undefined {
    return this.byFile.get(uri);
  }
}
