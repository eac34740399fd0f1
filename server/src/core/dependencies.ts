import type { DerivedValues } from './derived';
import type { FacetEntry } from './index/entries';
import {
  defKey,
  facetKey,
  idSetKey,
  KEY_TAGS,
  keyParts,
  refKey,
  wholeFacetKey,
  type IndexKey,
  type WatchedKeys,
} from './index/keys';
import type { WorkspaceIndex } from './index/workspaceIndex';
import { FileSet } from './fileSet';
import { internalized } from './intern';
import type { IndexView } from './rules/types';
import type { EntityKind } from './types';

/**
 * Dependency tracking. Checking a file records every index key its rules looked up (through
 * `trackedView`), and `dependents` maps each key back to the files that looked at it. When a file
 * changes, the index reports which keys changed in substance, and exactly the files that depend
 * on those keys are re-checked. No step of an edit walks the whole workspace.
 */
export class DependencyTracker {
  /** Index keys some file depends on, by number: files' dependencies and `dependents` keep the numbers. */
  private readonly keyNumbers = new KeyNumbers();
  /**
   * By key number, the files whose last check looked the key up, by file number: the number alone
   * while there is one, as for most keys (a file's own ids), since a set per key was most of the
   * tracker's memory.
   */
  private readonly dependents: (FileSet | number | undefined)[] = [];
  /** Files by number, and their numbers: a number is kept for a file once given (one per uri seen). */
  private readonly fileUris: string[] = [];
  private readonly fileNumbers = new Map<string, number>();

  /**
   * By key number, the last recording that looked the key up: a check's keys are collected once
   * each without a set (a set per check, then an array made of it, was ~4% of the server's initial
   * index of the styled L).
   */
  private stamps = new Int32Array(1024);
  private recording = 0;

  /** A list to collect one check's lookups in (each key once), and what adds a key to it. */
  recorder(): { keys: number[]; dep: KeyRecorder } {
    const keys: number[] = [];
    if (this.recording === 0x7fffffff) {
      this.stamps.fill(0);
      this.recording = 0;
    }
    const id = ++this.recording;
    const add = (n: number) => {
      let s = this.stamps;
      if (n >= s.length) {
        const grown = new Int32Array(Math.max(n + 1, s.length * 2));
        grown.set(s);
        this.stamps = s = grown;
      }
      if (s[n] !== id) {
        s[n] = id;
        keys.push(n);
      }
    };
    const k = this.keyNumbers;
    return {
      keys,
      dep: {
        def: (kind, id) => add(k.numberOf(DEF, kind, id, defKey)),
        ref: (kind, id) => add(k.numberOf(REF, kind, id, refKey)),
        facet: (facet, key) => add(k.numberOf(FACET, facet, key, facetKey)),
        key: (key) => add(k.number(key)),
      },
    };
  }

  /**
   * Writes back the keys a check of the file looked up, as the difference from its last check
   * (`prev`), and returns the file's new dependencies (key numbers, ascending).
   */
  record(uri: string, prev: Int32Array, keys: readonly number[]): Int32Array {
    // Only the difference from the last check is written back: forgetting every key and adding
    // it again emptied and refilled entries of `dependents` (hundreds of thousands of keys on L)
    // on each edit, which costs a rehash of that map every few hundred edits.
    const next = Int32Array.from(keys).sort();
    // A file's first check (the initial index) only adds.
    let added: Iterable<number> = next;
    if (prev.length > 0) {
      const gone: number[] = [];
      const more: number[] = [];
      let i = 0;
      let j = 0;
      while (i < prev.length || j < next.length) {
        if (j >= next.length || (i < prev.length && prev[i] < next[j])) gone.push(prev[i++]);
        else if (i >= prev.length || next[j] < prev[i]) more.push(next[j++]);
        else {
          i++;
          j++;
        }
      }
      this.forget(uri, gone);
      added = more;
    }
    // Keys only this check looked up have a number and no dependents yet: `added` gives them one.
    const f = this.fileNumber(uri);
    for (const n of added) {
      const s = this.dependents[n];
      if (s === undefined) this.dependents[n] = f;
      else if (typeof s !== 'number') s.add(f);
      else if (s !== f) {
        const set = new FileSet();
        set.add(s);
        set.add(f);
        this.dependents[n] = set;
      }
    }
    return next;
  }

  private fileNumber(uri: string): number {
    let f = this.fileNumbers.get(uri);
    if (f === undefined) {
      f = this.fileUris.push(uri) - 1;
      this.fileNumbers.set(uri, f);
    }
    return f;
  }

  /** Forgets that a file depends on the keys (by number); a key no file depends on loses its number. */
  forget(uri: string, deps: Iterable<number>): void {
    const f = this.fileNumbers.get(uri);
    if (f === undefined) return;
    for (const n of deps) {
      const s = this.dependents[n];
      if (s === undefined) continue;
      if (typeof s === 'number') {
        if (s !== f) continue;
      } else {
        s.delete(f);
        if (s.size > 0) continue;
      }
      this.dependents[n] = undefined;
      this.keyNumbers.release(n);
    }
  }

  /** True when some file's last check looked the key, named by its parts, up (`WatchedKeys`). */
  readonly watches: WatchedKeys = (tag, a, b) => this.keyNumbers.has(tag, a, b);

  /** True when some file's check looked a key up (else no change can make any file dirty). */
  hasDependents(): boolean {
    return this.keyNumbers.size > 0;
  }

  /** The files whose last check looked the key up. */
  dependentsOf(key: IndexKey): ReadonlySet<string> {
    const n = this.keyNumbers.find(key);
    const s = n === undefined ? undefined : this.dependents[n];
    if (s === undefined) return NO_DEPENDENTS;
    const uris = this.fileUris;
    if (typeof s === 'number') return new Set([uris[s]]);
    const out = new Set<string>();
    for (const f of s) out.add(uris[f]);
    return out;
  }
}

/**
 * What one check's index lookups are told to: a key by its parts where a check looks up many (so
 * a key already numbered is found without joining its string), or whole.
 */
export interface KeyRecorder {
  def(kind: EntityKind, id: string): void;
  ref(kind: EntityKind, id: string): void;
  facet(facet: string, key: string): void;
  key(key: IndexKey): void;
}

const { def: DEF, ref: REF, facet: FACET } = KEY_TAGS;

/** The dependencies of a file never checked. */
export const NO_DEPS = new Int32Array(0);

const NO_DEPENDENTS: ReadonlySet<string> = new Set();

/**
 * The index as the rules of one check see it: each lookup first tells `dep` the key it depends
 * on. Without `dep` (no tracking), nothing is recorded and no key is built.
 */
export function trackedView(index: WorkspaceIndex, derived: DerivedValues, dep: KeyRecorder | undefined): IndexView {
  return {
    definitions: (kind: EntityKind, id: string) => {
      dep?.def(kind, id);
      return index.definitions(kind, id);
    },
    references: (kind: EntityKind, id: string) => {
      dep?.ref(kind, id);
      return index.references(kind, id);
    },
    ids: (kind: EntityKind) => {
      dep?.key(idSetKey(kind));
      return index.ids(kind);
    },
    facet: <T>(facet: string, key: string) => {
      dep?.facet(facet, key);
      return index.facet<T>(facet, key);
    },
    facetGroups: <T>(facet: string, key: string) => {
      // The groups change exactly when the key's entries do, so the key is the dependency.
      dep?.facet(facet, key);
      return index.facetGroups<T>(facet, key);
    },
    facetEntries: <T>(facet: string) => {
      dep?.key(wholeFacetKey(facet));
      return index.facetEntries<T>(facet);
    },
    derived: <T>(facet: string, build: (entries: ReadonlyMap<string, readonly FacetEntry[]>) => T) => {
      dep?.key(wholeFacetKey(facet));
      return derived.get(facet, build);
    },
  };
}

/**
 * Numbers for the index keys files depend on. A check looks up thousands of keys, each a string
 * joined for the lookup (`def\u0000team\u0000cx-ops`), and every file kept its own copies in its
 * dependencies and the first in `dependents`: ~90,000 joined strings on M (BENCHMARKS.md, item
 * 13). Each key is now kept once, flat, and files keep numbers. A number is released when no file
 * depends on its key any more, and reused. Numbers are found by the key's parts (`keyParts`), so
 * a check's lookups neither join nor hash a new string: joining and hashing each looked-up key
 * was ~10% of the language server's initial index of the styled L.
 */
export class KeyNumbers {
  /** Tag -> first part -> second part -> number. */
  private readonly numbers = new Map<string, Map<string, Map<string, number>>>();
  private readonly keys: (IndexKey | undefined)[] = [];
  private readonly free: number[] = [];
  private count = 0;

  /** The number of a key, given one if it has none. */
  number(key: IndexKey): number {
    const [tag, a, b] = keyParts(key);
    return this.numberOf(tag, a, b, () => key);
  }

  /** The number of the key `join(a, b)` of the tag, given one if it has none (only then is the key joined). */
  numberOf<A extends string>(tag: string, a: A, b: string, join: (a: A, b: string) => IndexKey): number {
    let byA = this.numbers.get(tag);
    if (byA === undefined) this.numbers.set(tag, (byA = new Map<string, Map<string, number>>()));
    let byB = byA.get(a);
    if (byB === undefined) byA.set(internalized(a), (byB = new Map<string, number>()));
    let n = byB.get(b);
    if (n === undefined) {
      n = this.free.pop() ?? this.keys.length;
      this.keys[n] = internalized(join(a, b));
      byB.set(internalized(b), n);
      this.count++;
    }
    return n;
  }

  /** True when the key `join(a, b)` of the tag has a number. */
  has(tag: string, a: string, b: string): boolean {
    return this.numbers.get(tag)?.get(a)?.has(b) === true;
  }

  find(key: IndexKey): number | undefined {
    const [tag, a, b] = keyParts(key);
    return this.numbers.get(tag)?.get(a)?.get(b);
  }

  key(n: number): IndexKey | undefined {
    return this.keys[n];
  }

  release(n: number): void {
    const key = this.keys[n];
    if (key === undefined) return;
    const [tag, a, b] = keyParts(key);
    const byA = this.numbers.get(tag);
    const byB = byA?.get(a);
    byB?.delete(b);
    if (byB?.size === 0) byA!.delete(a);
    this.keys[n] = undefined;
    this.free.push(n);
    this.count--;
  }

  get size(): number {
    return this.count;
  }
}
