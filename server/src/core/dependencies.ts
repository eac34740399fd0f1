import type { DerivedValues } from './derived';
import type { FacetEntry } from './index/entries';
import { defKey, facetKey, idSetKey, refKey, wholeFacetKey, type IndexKey } from './index/keys';
import type { WorkspaceIndex } from './index/workspaceIndex';
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
   * By key number, the files whose last check looked the key up: the uri alone while there is one,
   * as for most keys (a file's own ids), since a set per key was most of the tracker's memory.
   */
  private readonly dependents: (Set<string> | string | undefined)[] = [];

  /** A set to collect one check's lookups in, and the function that adds a key to it. */
  recorder(): { keys: Set<number>; dep: (key: IndexKey) => void } {
    const keys = new Set<number>();
    const numbers = this.keyNumbers;
    return { keys, dep: (key) => keys.add(numbers.number(key)) };
  }

  /**
   * Writes back the keys a check of the file looked up, as the difference from its last check
   * (`prev`), and returns the file's new dependencies (key numbers, ascending).
   */
  record(uri: string, prev: Int32Array, keys: Set<number>): Int32Array {
    // Only the difference from the last check is written back: forgetting every key and adding
    // it again emptied and refilled entries of `dependents` (hundreds of thousands of keys on L)
    // on each edit, which costs a rehash of that map every few hundred edits.
    const next = Int32Array.from(keys).sort();
    const gone: number[] = [];
    const added: number[] = [];
    let i = 0;
    let j = 0;
    while (i < prev.length || j < next.length) {
      if (j >= next.length || (i < prev.length && prev[i] < next[j])) gone.push(prev[i++]);
      else if (i >= prev.length || next[j] < prev[i]) added.push(next[j++]);
      else {
        i++;
        j++;
      }
    }
    // Keys only this check looked up have a number and no dependents yet: `added` gives them one.
    this.forget(uri, gone);
    for (const n of added) {
      const s = this.dependents[n];
      if (s === undefined) this.dependents[n] = uri;
      else if (typeof s !== 'string') s.add(uri);
      else if (s !== uri) this.dependents[n] = new Set([s, uri]);
    }
    return next;
  }

  /** Forgets that a file depends on the keys (by number); a key no file depends on loses its number. */
  forget(uri: string, deps: Iterable<number>): void {
    for (const n of deps) {
      const s = this.dependents[n];
      if (s === undefined) continue;
      if (typeof s === 'string') {
        if (s !== uri) continue;
      } else {
        s.delete(uri);
        if (s.size > 0) continue;
      }
      this.dependents[n] = undefined;
      this.keyNumbers.release(n);
    }
  }

  /** The files whose last check looked the key up. */
  dependentsOf(key: IndexKey): ReadonlySet<string> {
    const n = this.keyNumbers.find(key);
    const s = n === undefined ? undefined : this.dependents[n];
    return s === undefined ? NO_DEPENDENTS : typeof s === 'string' ? new Set([s]) : s;
  }
}

/** The dependencies of a file never checked. */
export const NO_DEPS = new Int32Array(0);

const NO_DEPENDENTS: ReadonlySet<string> = new Set();

/**
 * The index as the rules of one check see it: each lookup first tells `dep` the key it depends
 * on. Without `dep` (no tracking), `dep?.(key)` skips building the key as well as recording it.
 */
export function trackedView(
  index: WorkspaceIndex,
  derived: DerivedValues,
  dep: ((key: IndexKey) => void) | undefined,
): IndexView {
  return {
    definitions: (kind: EntityKind, id: string) => {
      dep?.(defKey(kind, id));
      return index.definitions(kind, id);
    },
    references: (kind: EntityKind, id: string) => {
      dep?.(refKey(kind, id));
      return index.references(kind, id);
    },
    ids: (kind: EntityKind) => {
      dep?.(idSetKey(kind));
      return index.ids(kind);
    },
    facet: <T>(facet: string, key: string) => {
      dep?.(facetKey(facet, key));
      return index.facet<T>(facet, key);
    },
    facetGroups: <T>(facet: string, key: string) => {
      // The groups change exactly when the key's entries do, so the key is the dependency.
      dep?.(facetKey(facet, key));
      return index.facetGroups<T>(facet, key);
    },
    facetEntries: <T>(facet: string) => {
      dep?.(wholeFacetKey(facet));
      return index.facetEntries<T>(facet);
    },
    derived: <T>(facet: string, build: (entries: ReadonlyMap<string, FacetEntry[]>) => T) => {
      dep?.(wholeFacetKey(facet));
      return derived.get(facet, build);
    },
  };
}

/**
 * Numbers for the index keys files depend on. A check looks up thousands of keys, each a string
 * joined for the lookup (`def\u0000team\u0000cx-ops`), and every file kept its own copies in its
 * dependencies and the first in `dependents`: ~90,000 joined strings on M (BENCHMARKS.md, item
 * 13). Each key is now kept once, flat, and files keep numbers. A number is released when no file
 * depends on its key any more, and reused.
 */
export class KeyNumbers {
  private readonly numbers = new Map<IndexKey, number>();
  private readonly keys: (IndexKey | undefined)[] = [];
  private readonly free: number[] = [];

  /** The number of a key, given one if it has none. */
  number(key: IndexKey): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      const kept = internalized(key);
      n = this.free.pop() ?? this.keys.length;
      this.keys[n] = kept;
      this.numbers.set(kept, n);
    }
    return n;
  }

  find(key: IndexKey): number | undefined {
    return this.numbers.get(key);
  }

  key(n: number): IndexKey | undefined {
    return this.keys[n];
  }

  release(n: number): void {
    const key = this.keys[n];
    if (key === undefined) return;
    this.numbers.delete(key);
    this.keys[n] = undefined;
    this.free.push(n);
  }

  get size(): number {
    return this.numbers.size;
  }
}
