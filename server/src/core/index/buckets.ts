/**
 * The containers the index keeps its entries in: a bucket per key holding each file's entries
 * apart, and one-or-more values for keys that mostly have a single entry.
 */

/**
 * The entries of one index key, grouped by the file that contributed them, so a file's entries
 * leave in O(their number) however many other files share the key. The flat list that lookups
 * return is built on each call and never mutated afterwards.
 *
 * Most keys have entries from one file only (an id referenced in one journey): that file's
 * entries are kept in two fields, and two lists side by side (the files, their entries) are made
 * when a second file adds to the key. A map per key was the largest part of adding a file to the
 * index, and of the index's memory; a map by file for the keys many files share, and a flat list
 * kept for every key once read, were 27 MB of the server's heap on the styled L (BENCHMARKS.md,
 * item 36). Files keep the order in which they first added to the key, either way.
 */
export class Bucket<T extends object | number> {
  /** The only file with entries here, while there are no lists; `one` holds them. */
  private uri: string | undefined;
  private one: OneOrMore<T> | undefined;
  /** The files with entries here, once there are two, and each one's entries at the same place. */
  private uris: string[] | undefined;
  private lists: OneOrMore<T>[] | undefined;
  /**
   * The list `list` last handed out that is `one` itself (a file's several entries): copied
   * before the next change, so that what a caller holds does not move.
   */
  private lent: T[] | undefined;

  /**
   * Adds an entry; true when it is the file's first under this key. A file adds all its entries in
   * one go, after `remove` took out the ones it had (as `WorkspaceIndex` replaces a file's part).
   */
  add(uri: string, v: T): boolean {
    const uris = this.uris;
    if (uris === undefined) {
      const one = this.one;
      if (one === undefined) {
        this.uri = uri;
        this.one = v;
        return true;
      }
      if (this.uri === uri) {
        if (!Array.isArray(one)) this.one = [one, v];
        else if (one === this.lent) {
          this.one = [...one, v];
          this.lent = undefined;
        } else one.push(v);
        return false;
      }
      this.uris = [this.uri as string, uri];
      this.lists = [one, v];
      this.uri = undefined;
      this.one = undefined;
      this.lent = undefined;
      return true;
    }
    // A file adds all its entries in one go, once its old ones are removed: if it has entries here
    // already, it is the last file that added. Looking further cost a scan of every file naming a
    // popular id for each new one (quadratic in a team's journeys: 1 s of the styled L's index).
    const lists = this.lists as OneOrMore<T>[];
    const last = uris.length - 1;
    if (uris[last] !== uri) {
      uris.push(uri);
      lists.push(v);
      return true;
    }
    const l = lists[last];
    if (Array.isArray(l)) l.push(v);
    else lists[last] = [l, v];
    return false;
  }

  remove(uri: string): void {
    const uris = this.uris;
    if (uris !== undefined) {
      const at = uris.indexOf(uri);
      if (at < 0) return;
      uris.splice(at, 1);
      (this.lists as OneOrMore<T>[]).splice(at, 1);
    } else if (this.uri === uri) {
      this.uri = undefined;
      this.one = undefined;
      this.lent = undefined;
    }
  }

  get empty(): boolean {
    return this.uris === undefined ? this.one === undefined : this.uris.length === 0;
  }

  /** Each file with entries here, with them, in the order files first added. */
  forEachFile(each: (uri: string, entries: OneOrMore<T>) => void): void {
    const uris = this.uris;
    if (uris === undefined) {
      if (this.one !== undefined) each(this.uri as string, this.one);
      return;
    }
    const lists = this.lists as OneOrMore<T>[];
    for (let i = 0; i < uris.length; i++) each(uris[i], lists[i]);
  }

  list(): readonly T[] {
    const lists = this.lists;
    if (lists === undefined) {
      const one = this.one;
      if (one === undefined) return [];
      if (!Array.isArray(one)) return [one];
      this.lent = one;
      return one;
    }
    const out: T[] = [];
    for (const l of lists) pushAll(out, l);
    return out;
  }
}

function pushAll<T extends object | number>(out: T[], l: OneOrMore<T>): void {
  if (Array.isArray(l)) for (const v of l) out.push(v);
  else out.push(l);
}

/** Adds to a key's bucket; true when it is the file's first entry under the key. */
export function addTo<T extends object | number>(m: Map<string, Bucket<T>>, k: string, uri: string, v: T): boolean {
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
 * The values kept this way are objects or numbers (a place in a list), never arrays.
 */
export type OneOrMore<T extends object | number> = T | T[];

export function countOf<T extends object | number>(v: OneOrMore<T> | undefined): number {
  return v === undefined ? 0 : Array.isArray(v) ? v.length : 1;
}

export function listOf<T extends object | number>(v: OneOrMore<T> | undefined): readonly T[] {
  return v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v];
}
