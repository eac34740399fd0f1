/**
 * The containers the index keeps its entries in: a bucket per key holding each file's entries
 * apart, and one-or-more values for keys that mostly have a single entry.
 */

/**
 * The entries of one index key, grouped by the file that contributed them, so a file's entries
 * leave in O(their number) however many other files share the key. The flat list that lookups
 * return is built on first use after a change and never mutated afterwards.
 *
 * Most keys have entries from one file only (an id referenced in one journey): that file's
 * entries are kept in two fields, and a map by file is made when a second file adds to the key.
 * A map per key was the largest part of adding a file to the index, and of the index's memory
 * (BENCHMARKS.md). Files keep the order in which they first added to the key, either way.
 */
export class Bucket<T extends object> {
  /** The only file with entries here, while there is no map; `one` holds them. */
  private uri: string | undefined;
  private one: OneOrMore<T> | undefined;
  private byUri: Map<string, OneOrMore<T>> | undefined;
  private flat: T[] | undefined;

  /** Adds an entry; true when it is the file's first under this key. */
  add(uri: string, v: T): boolean {
    this.flat = undefined;
    const m = this.byUri;
    if (m === undefined) {
      const one = this.one;
      if (one === undefined) {
        this.uri = uri;
        this.one = v;
        return true;
      }
      if (this.uri === uri) {
        if (Array.isArray(one)) one.push(v);
        else this.one = [one, v];
        return false;
      }
      this.byUri = new Map<string, OneOrMore<T>>([
        [this.uri as string, one],
        [uri, v],
      ]);
      this.uri = undefined;
      this.one = undefined;
      return true;
    }
    const l = m.get(uri);
    if (l === undefined) {
      m.set(uri, v);
      return true;
    }
    if (Array.isArray(l)) l.push(v);
    else m.set(uri, [l, v]);
    return false;
  }

  remove(uri: string): void {
    if (this.byUri !== undefined) {
      if (this.byUri.delete(uri)) this.flat = undefined;
    } else if (this.uri === uri) {
      this.uri = undefined;
      this.one = undefined;
      this.flat = undefined;
    }
  }

  get empty(): boolean {
    return this.byUri === undefined ? this.one === undefined : this.byUri.size === 0;
  }

  list(): T[] {
    if (!this.flat) {
      const out: T[] = [];
      if (this.byUri === undefined) {
        if (this.one !== undefined) pushAll(out, this.one);
      } else for (const l of this.byUri.values()) pushAll(out, l);
      this.flat = out;
    }
    return this.flat;
  }
}

function pushAll<T extends object>(out: T[], l: OneOrMore<T>): void {
  if (Array.isArray(l)) for (const v of l) out.push(v);
  else out.push(l);
}

/** Adds to a key's bucket; true when it is the file's first entry under the key. */
export function addTo<T extends object>(m: Map<string, Bucket<T>>, k: string, uri: string, v: T): boolean {
  let b = m.get(k);
  if (!b) {
    b = new Bucket<T>();
    m.set(k, b);
  }
  return b.add(uri, v);
}

/** The inner map of a two-level map, made on first use. */
export function inner<K, K2, V>(m: Map<K, Map<K2, V>>, k: K): Map<K2, V> {
  let v = m.get(k);
  if (!v) {
    v = new Map<K2, V>();
    m.set(k, v);
  }
  return v;
}

/**
 * One value, or a list of none or several. Most index keys have one entry per file (and most
 * ids one definition), and a list per key was an array object and its store each: ~60,000 on M.
 * The values kept this way are objects, never arrays.
 */
export type OneOrMore<T extends object> = T | T[];

export function countOf<T extends object>(v: OneOrMore<T> | undefined): number {
  return v === undefined ? 0 : Array.isArray(v) ? v.length : 1;
}

export function listOf<T extends object>(v: OneOrMore<T> | undefined): readonly T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
