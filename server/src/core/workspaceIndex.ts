import type { Entity, Located, RefSite } from './model';
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

/**
 * A definition as the index keeps it: its entity and where it is, with the kind, id and range
 * read from the entity's located id on each read (a new range each time). The index holds one
 * per id of the workspace (~250,000 on L), and a range kept eagerly was three objects each
 * (BENCHMARKS.md, item 13). The located id belongs to the file's own parse, so its range follows
 * that text; the index replaces a file's definitions whenever the file changes.
 */
export class IndexedDefinition implements Definition {
  readonly #id: Located<string>;

  constructor(
    readonly uri: string,
    readonly entity: Entity,
    id: Located<string>,
    readonly container?: string,
  ) {
    this.#id = id;
  }

  get kind(): EntityKind {
    return this.entity.kind;
  }

  get id(): string {
    return this.#id.value;
  }

  get range(): Range {
    return this.#id.range;
  }

  toJSON(): Definition {
    return {
      kind: this.kind,
      id: this.id,
      uri: this.uri,
      range: this.range,
      container: this.container,
      entity: this.entity,
    };
  }
}

/** A reference as the index keeps it: the model's reference site and its file (see `IndexedDefinition`). */
export class IndexedReference implements Reference {
  readonly #site: RefSite;

  constructor(
    readonly uri: string,
    site: RefSite,
  ) {
    this.#site = site;
  }

  get kind(): EntityKind {
    return this.#site.kind;
  }

  get id(): string {
    return this.#site.id.value;
  }

  get range(): Range {
    return this.#site.id.range;
  }

  get field(): string {
    return this.#site.field;
  }

  toJSON(): Reference {
    return { kind: this.kind, id: this.id, uri: this.uri, range: this.range, field: this.field };
  }
}

/** A named entry that a rule looks up across files (stage names, KPI formulas, term labels). */
export interface FacetEntry<T = unknown> {
  uri: string;
  range: Range;
  data: T;
  /**
   * What the entry says, when lookups count a key's entries by it (`facetGroups`): the lifecycle
   * stage of a named stage. Entries without a group are not counted.
   */
  group?: string;
  /** Who says it, so that a lookup can leave out the asker's own entries: the stage's journey. */
  subject?: string;
}

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
      for (const [facet, keys] of c.facets)
        for (const [k, entries] of keys) for (const e of entries) part(facetKey(facet, k))[side].push(entrySig(e));
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
      const [type, a] = k.split('\u0000');
      if (type === 'facet') changed.add(wholeFacetKey(a));
      if (p.defs !== undefined && p.had !== countOf(this.defs.get(p.defs)) > 0) changed.add(idSetKey(a as EntityKind));
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
      const q = qualifiedId(d.kind, d.id, d.container);
      push(this.defs, `${d.kind}\u0000${q}`, d);
      const counts = this.idCounts.get(d.kind) ?? new Map<string, number>();
      this.idCounts.set(d.kind, counts);
      const n = counts.get(q);
      if (n === undefined) counts.set(q, 1);
      else counts.set(q, n + 1);
    }
    for (const r of c.references) addTo(this.refs, `${r.kind}\u0000${qualifiedId(r.kind, r.id, r.container)}`, uri, r);
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
      const k = `${d.kind}\u0000${q}`;
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
      this.removeFrom(this.refs, `${r.kind}\u0000${qualifiedId(r.kind, r.id, r.container)}`, uri);
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
    return listOf(this.defs.get(`${kind}\u0000${qid}`));
  }

  references(kind: EntityKind, qid: string): readonly Reference[] {
    return this.refs.get(`${kind}\u0000${qid}`)?.list() ?? [];
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

/** What about a facet entry other files may depend on: not where it is written. */
function entrySig(e: FacetEntry): string {
  const data = JSON.stringify(e.data) ?? '';
  return e.group === undefined && e.subject === undefined
    ? data
    : `${data}\u0000${e.group ?? ''}\u0000${e.subject ?? ''}`;
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
class GroupedEntries implements FacetGroups {
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

const NO_GROUPS: FacetGroups = new GroupedEntries();

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
class Bucket<T extends object> {
  private readonly byUri = new Map<string, OneOrMore<T>>();
  private flat: T[] | undefined;

  add(uri: string, v: T): void {
    const l = this.byUri.get(uri);
    if (l === undefined) this.byUri.set(uri, v);
    else if (Array.isArray(l)) l.push(v);
    else this.byUri.set(uri, [l, v]);
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
      for (const l of this.byUri.values()) {
        if (Array.isArray(l)) for (const v of l) out.push(v);
        else out.push(l);
      }
      this.flat = out;
    }
    return this.flat;
  }
}

function addTo<T extends object>(m: Map<string, Bucket<T>>, k: string, uri: string, v: T): void {
  let b = m.get(k);
  if (!b) {
    b = new Bucket<T>();
    m.set(k, b);
  }
  b.add(uri, v);
}

/**
 * One value, or a list of none or several. Most index keys have one entry per file (and most
 * ids one definition), and a list per key was an array object and its store each: ~60,000 on M.
 * The values kept this way are objects, never arrays.
 */
type OneOrMore<T extends object> = T | T[];

function countOf<T extends object>(v: OneOrMore<T> | undefined): number {
  return v === undefined ? 0 : Array.isArray(v) ? v.length : 1;
}

function listOf<T extends object>(v: OneOrMore<T> | undefined): readonly T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Adds to a key's entries. */
function push<T extends object>(m: Map<string, OneOrMore<T>>, k: string, v: T): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, v);
  else if (Array.isArray(list)) {
    if (list.length === 0) m.set(k, v);
    else list.push(v);
  } else m.set(k, [list, v]);
}

/**
 * What about an entity other files may depend on: its names, owners and links, but not where
 * it is written. Rules that read more of another file's entity should use a facet.
 */
function entitySig(e: Entity): string {
  const parts: unknown[] = [
    e.name?.value,
    e.owner?.teams.map((t) => t.value),
    e.owner?.lead?.value,
    e.status?.value,
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
