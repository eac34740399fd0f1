import type { EntityKind } from '../types';
import { addTo, countOf, inner, listOf, type Bucket, type OneOrMore } from './buckets';
import { contributedDefinitions, forEachContributed } from './detached';
import { type Definition, type FacetEntry, type FileContribution, type Reference } from './entries';
import { GroupedEntries, NO_GROUPS, type FacetGroups } from './groups';
import {
  CONTAINED_KINDS,
  defKey,
  isContained,
  facetKey,
  idSetKey,
  KEY_TAGS,
  qualifiedId,
  refKey,
  wholeFacetKey,
  type IndexKey,
  type WatchedKeys,
} from './keys';

import { entitySig, entrySig, sameMultiset } from './signatures';

const nothingWatched: WatchedKeys = () => false;

/**
 * The workspace-wide index of definitions, references and rule facets. Each file's contribution is
 * kept whole so that replacing a file touches only its own keys; the returned set of changed keys
 * is what the dependency tracker uses to decide which other files to re-check. Positions do not
 * count as a change: moving a definition down a line does not re-check its dependants.
 */
export class WorkspaceIndex {
  /**
   * Definitions by kind, then qualified id: one definition alone, most ids having one
   * (`OneOrMore`). A map per kind keyed by the id itself, rather than one map keyed by a string
   * joined from both, spares a new string (and its hash) on every lookup and every add: rules
   * look ids up by the very strings the models hold, whose hashes the engine keeps. Its keys are
   * also the ids of the kind (`ids`).
   */
  private readonly defs = new Map<EntityKind, Map<string, OneOrMore<Definition>>>();
  // References and facet entries pile up under popular keys (a team owns thousands of
  // touchpoints), so they are kept per file: an edit removes its own entries without scanning
  // everyone else's (see Bucket).
  // A reference is kept as its place among its file's references (`ReferenceList`), and made when read.
  private readonly refs = new Map<EntityKind, Map<string, Bucket<number>>>();
  private readonly facets = new Map<string, Map<string, Bucket<FacetEntry>>>();
  /** Facet -> key -> the key's entries by group, for entries that have one (`facetGroups`). */
  private readonly grouped = new Map<string, Map<string, GroupedEntries>>();
  /** facetEntries() views, rebuilt after a change to the facet. */
  private readonly facetViews = new Map<string, Map<string, readonly FacetEntry[]>>();
  private readonly byFile = new Map<string, FileContribution>();
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
  replaceFile(uri: string, next: FileContribution | undefined, watched?: WatchedKeys): Set<IndexKey> {
    const prev = this.byFile.get(uri);
    // A file new to the index changes every key it contributes to: `add` names them as it goes,
    // without signatures, but only those some file depends on (`watched`; none without it), and
    // the whole-facet keys that derived values are kept by: a key for each entry of a workspace
    // (~750,000 on L) was a string joined and hashed for nobody.
    if (!prev) {
      const changed = new Set<IndexKey>();
      if (next) this.add(uri, next, changed, watched);
      return changed;
    }
    /**
     * Key -> this file's entry signatures before and after; for definitions the kind and the
     * qualified id (whose kind's id set may change), for facet entries the facet (whose
     * whole-facet key changes).
     */
    const parts = new Map<
      IndexKey,
      { before: string[]; after: string[]; qid?: string; kind?: EntityKind; facet?: string; had?: boolean }
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
      for (const d of contributedDefinitions(c)) {
        const q = qualifiedId(d.kind, d.id, d.container);
        const p = part(defKey(d.kind, q));
        p.qid = q;
        p.kind = d.kind;
        p[side].push(entitySig(d.entity));
      }
      const refs = c.references;
      for (let i = 0; i < refs.length; i++) part(refKey(refs.kind(i), refs.id(i)))[side].push(refs.field(i));
      for (const [facet, keys] of c.facets)
        for (const [k, entries] of keys) {
          if (entries.length === 0) continue;
          const p = part(facetKey(facet, k));
          p.facet = facet;
          for (const e of entries) p[side].push(entrySig(e));
        }
    };
    collect(prev, 'before');
    if (next) collect(next, 'after');
    const hasId = (kind: EntityKind, qid: string) => this.definitions(kind, qid).length > 0;
    for (const p of parts.values()) if (p.kind !== undefined && p.qid !== undefined) p.had = hasId(p.kind, p.qid);
    this.remove(uri, prev);
    if (next) this.add(uri, next);
    else this.byFile.delete(uri);
    this.sweep();
    const changed = new Set<IndexKey>();
    for (const [k, p] of parts) {
      if (sameMultiset(p.before, p.after)) continue;
      changed.add(k);
      if (p.facet !== undefined) changed.add(wholeFacetKey(p.facet));
      if (p.kind !== undefined && p.qid !== undefined && p.had !== hasId(p.kind, p.qid)) changed.add(idSetKey(p.kind));
    }
    return changed;
  }

  /**
   * Adds a file's contribution. For a file new to the index, `newKeys` collects the keys it
   * contributes to, in the order of its entries, each once: a facet's whole-facet key, and of the
   * others those `watched` names (an id's kind's id-set key after the first definition of an id
   * new to the workspace, a facet's keys after its whole-facet key).
   */
  private add(uri: string, c: FileContribution, newKeys?: Set<IndexKey>, watched?: WatchedKeys): void {
    const watch = watched ?? nothingWatched;
    /** The keys of this file's contained definitions noted so far. */
    const ownContained = new Set<IndexKey>();
    // A stage or touchpoint is found through its journey (`definitions`), not kept under a key of
    // its own; a new file only names its keys, in the order of the file's definitions.
    const noteContained = (kind: EntityKind, id: string, container: string) => {
      if (!newKeys) return;
      const q = qualifiedId(kind, id, container);
      if (watch(KEY_TAGS.def, kind, q)) newKeys.add(defKey(kind, q));
      if (!watch(KEY_TAGS.ids, kind, '')) return;
      const own = defKey(kind, q);
      if (!ownContained.has(own) && this.definitions(kind, q).length === 0) newKeys.add(idSetKey(kind));
      ownContained.add(own);
    };
    const addDefinition = (d: Definition) => {
      if (isContained(d.kind, d.container)) {
        noteContained(d.kind, d.id, d.container);
        return;
      }
      const q = qualifiedId(d.kind, d.id, d.container);
      const defs = inner(this.defs, d.kind);
      const list = defs.get(q);
      if (newKeys) {
        if (watch(KEY_TAGS.def, d.kind, q)) newKeys.add(defKey(d.kind, q));
        if (list === undefined && watch(KEY_TAGS.ids, d.kind, '')) newKeys.add(idSetKey(d.kind));
      }
      if (list === undefined) defs.set(q, d);
      else if (Array.isArray(list)) {
        if (list.length === 0) defs.set(q, d);
        else list.push(d);
      } else defs.set(q, [list, d]);
    };
    forEachContributed(
      c,
      addDefinition,
      newKeys ? (table, row) => noteContained(table.kind(row), table.id(row), table.container(row)) : undefined,
    );
    this.byFile.set(uri, c);
    const refs = c.references;
    for (let i = 0; i < refs.length; i++) {
      const kind = refs.kind(i);
      const id = refs.id(i);
      if (addTo(inner(this.refs, kind), id, uri, i) && newKeys && watch(KEY_TAGS.ref, kind, id))
        newKeys.add(refKey(kind, id));
    }
    for (const [facet, keys] of c.facets) {
      if (newKeys && keys.size) newKeys.add(wholeFacetKey(facet));
      const f = inner(this.facets, facet);
      for (const [k, entries] of keys) {
        if (newKeys && watch(KEY_TAGS.facet, facet, k)) newKeys.add(facetKey(facet, k));
        for (const e of entries) addTo(f, k, uri, e);
        if (!entries.some((e) => e.group !== undefined)) continue;
        const g = inner(this.grouped, facet);
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
      if (isContained(d.kind, d.container)) continue;
      const q = qualifiedId(d.kind, d.id, d.container);
      const defs = this.defs.get(d.kind);
      const list = defs?.get(q);
      if (defs && list) {
        const kept = listOf(list).filter((e) => e.uri !== uri);
        defs.set(q, kept.length === 1 ? kept[0] : kept);
        if (kept.length === 0) this.emptied.push(() => countOf(defs.get(q)) === 0 && defs.delete(q));
      }
    }
    const list = c.references;
    for (let i = 0; i < list.length; i++) {
      const refs = this.refs.get(list.kind(i));
      if (refs) this.removeFrom(refs, list.id(i), uri);
    }
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

  private removeFrom<T extends object | number>(m: Map<string, Bucket<T>>, k: string, uri: string): void {
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
    const kept = listOf(this.defs.get(kind)?.get(qid));
    if (!CONTAINED_KINDS.has(kind) || !qid.includes('/')) return kept;
    const contained = this.containedDefinitions(kind, qid);
    return contained.length === 0 ? kept : kept.length === 0 ? contained : [...kept, ...contained];
  }

  /**
   * The stages or touchpoints of a qualified id (`journey/id`), found in the files that define the
   * journey. A key per stage and touchpoint of the workspace (~235,000 on L, a joined string each
   * and a slot in the largest map) was ~25 MB of a lint's heap for lookups that only the editor's
   * features on one journey make (no rule looks them up, and no field refers to them). A journey
   * id may itself hold a `/`: each split is tried.
   */
  private containedDefinitions(kind: EntityKind, qid: string): Definition[] {
    const out: Definition[] = [];
    const journeys = this.defs.get('journey');
    for (let at = qid.indexOf('/'); at !== -1; at = qid.indexOf('/', at + 1)) {
      const container = qid.slice(0, at);
      const id = qid.slice(at + 1);
      const files = new Set(listOf(journeys?.get(container)).map((j) => j.uri));
      for (const uri of files) {
        const c = this.byFile.get(uri);
        if (!c) continue;
        for (const d of c.definitions) if (d.kind === kind && d.container === container && d.id === id) out.push(d);
        const table = c.contained;
        if (!table) continue;
        for (let row = 0; row < table.length; row++)
          if (table.kind(row) === kind && table.container(row) === container && table.id(row) === id)
            out.push(table.at(row));
      }
    }
    return out;
  }

  /** The references to an id (qualified for stages and touchpoints), each a new object. */
  references(kind: EntityKind, qid: string): readonly Reference[] {
    const bucket = this.refs.get(kind)?.get(qid);
    if (!bucket) return [];
    const out: Reference[] = [];
    bucket.forEachFile((uri, places) => {
      const list = (this.byFile.get(uri) as FileContribution).references;
      if (typeof places === 'number') out.push(list.at(places));
      else for (const i of places) out.push(list.at(i));
    });
    return out;
  }

  facet<T>(facet: string, key: string): readonly FacetEntry<T>[] {
    return (this.facets.get(facet)?.get(key)?.list() ?? []) as FacetEntry<T>[];
  }

  /** A key's entries by group (see `FacetGroups`): those `facet` returns that have a group. */
  facetGroups<T>(facet: string, key: string): FacetGroups<T> {
    return (this.grouped.get(facet)?.get(key) ?? NO_GROUPS) as FacetGroups<T>;
  }

  /** Every key of a facet with its entries. */
  facetEntries<T>(facet: string): ReadonlyMap<string, readonly FacetEntry<T>[]> {
    let view = this.facetViews.get(facet);
    if (!view) {
      view = new Map();
      for (const [k, b] of this.facets.get(facet) ?? []) view.set(k, b.list());
      this.facetViews.set(facet, view);
    }
    return view as ReadonlyMap<string, readonly FacetEntry<T>[]>;
  }

  /** Every defined id of a kind (qualified for stages and touchpoints). */
  ids(kind: EntityKind): Iterable<string> {
    const kept = this.defs.get(kind)?.keys() ?? [];
    if (!CONTAINED_KINDS.has(kind)) return kept;
    // Nothing asks this of stages or touchpoints on a keystroke: no field refers to them.
    const all = new Set(kept);
    for (const d of this.allDefinitions(kind))
      if (isContained(d.kind, d.container)) all.add(qualifiedId(d.kind, d.id, d.container));
    return all;
  }

  /** Every definition of a kind, for workspace symbols and completion. */
  *allDefinitions(kind?: EntityKind): Iterable<Definition> {
    for (const c of this.byFile.values())
      for (const d of contributedDefinitions(c)) if (!kind || d.kind === kind) yield d;
  }

  contribution(uri: string): FileContribution | undefined {
    return this.byFile.get(uri);
  }
}
