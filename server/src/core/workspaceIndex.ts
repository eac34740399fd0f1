import type { Entity } from './model';
import type { EntityKind, Range } from './types';

/** Where an entity id is defined. */
export interface Definition {
  kind: EntityKind;
  /** The id as written; stages and touchpoints are qualified by their journey in `key`. */
  id: string;
  uri: string;
  /** The range of the id scalar (the place rename edits and go-to-definition lands). */
  range: Range;
  /** The journey id for stages and touchpoints. */
  container?: string;
  entity: Entity;
}

/** A place that names an entity id. */
export interface Reference {
  kind: EntityKind;
  id: string;
  uri: string;
  range: Range;
  field: string;
  container?: string;
}

/** A named entry that a rule looks up across files (stage names, KPI formulas, term labels). */
export interface FacetEntry<T = unknown> {
  uri: string;
  range: Range;
  data: T;
}

/** Everything one file contributes to the index, replaced as a whole when the file changes. */
export interface FileContribution {
  definitions: Definition[];
  references: Reference[];
  /** Facet name -> key -> entries. */
  facets: Map<string, Map<string, FacetEntry[]>>;
}

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

/** Qualifies stage and touchpoint ids by their journey; other ids are global per kind. */
export function qualifiedId(kind: EntityKind, id: string, container?: string): string {
  return (kind === 'stage' || kind === 'touchpoint') && container !== undefined ? `${container}/${id}` : id;
}

/**
 * The workspace-wide index of definitions, references and rule facets. Each file's contribution is
 * kept whole so that replacing a file touches only its own keys; the returned set of changed keys
 * is what the dependency tracker uses to decide which other files to re-check. Positions do not
 * count as a change: moving a definition down a line does not re-check its dependants.
 */
export class WorkspaceIndex {
  private readonly defs = new Map<string, Definition[]>();
  // References and facet entries pile up under popular keys (a team owns thousands of
  // touchpoints), so they are kept per file: an edit removes its own entries without scanning
  // everyone else's (see Bucket).
  private readonly refs = new Map<string, Bucket<Reference>>();
  private readonly facets = new Map<string, Map<string, Bucket<FacetEntry>>>();
  /** facetEntries() views, rebuilt after a change to the facet. */
  private readonly facetViews = new Map<string, Map<string, FacetEntry[]>>();
  private readonly byFile = new Map<string, FileContribution>();
  private readonly idCounts = new Map<EntityKind, Map<string, number>>();

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
    /** Key -> this file's entry signatures before and after, and for definitions the index key. */
    const parts = new Map<IndexKey, { before: string[]; after: string[]; defs?: string; had?: boolean }>();
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
        p.defs = `${d.kind}\u0000${q}`;
        p[side].push(entitySig(d.entity));
      }
      for (const r of c.references) part(refKey(r.kind, qualifiedId(r.kind, r.id, r.container)))[side].push(r.field);
      for (const [facet, keys] of c.facets) for (const [k, entries] of keys) for (const e of entries) part(facetKey(facet, k))[side].push(JSON.stringify(e.data) ?? '');
    };
    if (prev) collect(prev, 'before');
    if (next) collect(next, 'after');
    for (const p of parts.values()) if (p.defs !== undefined) p.had = (this.defs.get(p.defs)?.length ?? 0) > 0;
    if (prev) this.remove(uri, prev);
    if (next) this.add(uri, next);
    const changed = new Set<IndexKey>();
    for (const [k, p] of parts) {
      if (sameMultiset(p.before, p.after)) continue;
      changed.add(k);
      const [type, a] = k.split('\u0000');
      if (type === 'facet') changed.add(wholeFacetKey(a));
      if (p.defs !== undefined && p.had !== (this.defs.get(p.defs)?.length ?? 0) > 0) changed.add(idSetKey(a as EntityKind));
    }
    return changed;
  }

  private addNew(uri: string, next: FileContribution | undefined): Set<IndexKey> {
    const changed = new Set<IndexKey>();
    if (!next) return changed;
    for (const d of next.definitions) {
      const q = qualifiedId(d.kind, d.id, d.container);
      changed.add(defKey(d.kind, q));
      if (!this.defs.has(`${d.kind}\u0000${q}`)) changed.add(idSetKey(d.kind));
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
      push(this.defs, `${d.kind}\u0000${qualifiedId(d.kind, d.id, d.container)}`, d);
      const counts = this.idCounts.get(d.kind) ?? new Map<string, number>();
      this.idCounts.set(d.kind, counts);
      const q = qualifiedId(d.kind, d.id, d.container);
      counts.set(q, (counts.get(q) ?? 0) + 1);
    }
    for (const r of c.references) addTo(this.refs, `${r.kind}\u0000${qualifiedId(r.kind, r.id, r.container)}`, uri, r);
    for (const [facet, keys] of c.facets) {
      let f = this.facets.get(facet);
      if (!f) {
        f = new Map<string, Bucket<FacetEntry>>();
        this.facets.set(facet, f);
      }
      for (const [k, entries] of keys) for (const e of entries) addTo(f, k, uri, e);
      this.facetViews.delete(facet);
    }
  }

  private remove(uri: string, c: FileContribution): void {
    this.byFile.delete(uri);
    for (const d of c.definitions) {
      const q = qualifiedId(d.kind, d.id, d.container);
      pull(this.defs, `${d.kind}\u0000${q}`, uri);
      const counts = this.idCounts.get(d.kind);
      if (counts) {
        const n = (counts.get(q) ?? 1) - 1;
        if (n <= 0) counts.delete(q);
        else counts.set(q, n);
      }
    }
    for (const r of c.references) removeFrom(this.refs, `${r.kind}\u0000${qualifiedId(r.kind, r.id, r.container)}`, uri);
    for (const [facet, keys] of c.facets) {
      const f = this.facets.get(facet);
      if (!f) continue;
      for (const k of keys.keys()) removeFrom(f, k, uri);
      this.facetViews.delete(facet);
    }
  }

  /** Definitions of an id (qualified for stages and touchpoints). */
  definitions(kind: EntityKind, qid: string): readonly Definition[] {
    return this.defs.get(`${kind}\u0000${qid}`) ?? [];
  }

  references(kind: EntityKind, qid: string): readonly Reference[] {
    return this.refs.get(`${kind}\u0000${qid}`)?.list() ?? [];
  }

  facet<T>(facet: string, key: string): readonly FacetEntry<T>[] {
    return (this.facets.get(facet)?.get(key)?.list() ?? []) as FacetEntry<T>[];
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

function sameMultiset(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 1) return a[0] === b[0];
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}

/**
 * The entries of one index key, grouped by the file that contributed them, so a file's entries
 * leave in O(their number) however many other files share the key. The flat list that lookups
 * return is built on first use after a change and never mutated afterwards.
 */
class Bucket<T> {
  private readonly byUri = new Map<string, T[]>();
  private flat: T[] | undefined;

  add(uri: string, v: T): void {
    const l = this.byUri.get(uri);
    if (l) l.push(v);
    else this.byUri.set(uri, [v]);
    this.flat = undefined;
  }

  remove(uri: string): void {
    if (this.byUri.delete(uri)) this.flat = undefined;
  }

  get empty(): boolean {
    return this.byUri.size === 0;
  }

  list(): T[] {
    if (!this.flat) {
      const out: T[] = [];
      for (const l of this.byUri.values()) for (const v of l) out.push(v);
      this.flat = out;
    }
    return this.flat;
  }
}

function addTo<T>(m: Map<string, Bucket<T>>, k: string, uri: string, v: T): void {
  let b = m.get(k);
  if (!b) {
    b = new Bucket<T>();
    m.set(k, b);
  }
  b.add(uri, v);
}

function removeFrom<T>(m: Map<string, Bucket<T>>, k: string, uri: string): void {
  const b = m.get(k);
  if (!b) return;
  b.remove(uri);
  if (b.empty) m.delete(k);
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function pull<T extends { uri: string }>(m: Map<string, T[]>, k: string, uri: string): void {
  const list = m.get(k);
  if (!list) return;
  const kept = list.filter((e) => e.uri !== uri);
  if (kept.length) m.set(k, kept);
  else m.delete(k);
}

/**
 * What about an entity other files may depend on: its names, owners and links, but not where
 * it is written. Rules that read more of another file's entity should use a facet.
 */
function entitySig(e: Entity): string {
  const parts: unknown[] = [e.name?.value, e.owner?.teams.map((t) => t.value), e.owner?.lead?.value, e.status?.value, e.description?.value];
  switch (e.kind) {
    case 'team':
      parts.push(e.function?.value);
      break;
    case 'persona':
      parts.push(e.segments.map((s) => s.value));
      break;
    case 'segment':
      parts.push(e.personas.map((s) => s.value), e.lifecycleStage?.value);
      break;
    case 'term':
      parts.push(e.label?.value, e.vocabulary, e.definition?.value, e.equivalent?.value, e.aliases.map((a) => a.value), e.avoid.map((a) => a.value), e.broader.map((a) => a.value));
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
