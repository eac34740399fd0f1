/**
 * The containers the index keeps its entries in: a bucket per key holding each file's entries
 * apart, and one-or-more values for keys that mostly have a single entry.
 */

/**
 * The entries of one index key, grouped by the file that contributed them, so a file's entries
 * leave in O(their number) however many other files share the key. The flat list that lookups
 * return is built on first use after a change and never mutated afterwards.
 */
export class Bucket<T extends object> {
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

export function addTo<T extends object>(m: Map<string, Bucket<T>>, k: string, uri: string, v: T): void {
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
export type OneOrMore<T extends object> = T | T[];

export function countOf<T extends object>(v: OneOrMore<T> | undefined): number {
  return v === undefined ? 0 : Array.isArray(v) ? v.length : 1;
}

export function listOf<T extends object>(v: OneOrMore<T> | undefined): readonly T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Adds to a key's entries. */
export function push<T extends object>(m: Map<string, OneOrMore<T>>, k: string, v: T): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, v);
  else if (Array.isArray(list)) {
    if (list.length === 0) m.set(k, v);
    else list.push(v);
  } else m.set(k, [list, v]);
}
