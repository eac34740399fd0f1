import { sharedString } from '../intern';

/** Where one value (and the key that names it, inside a mapping) sits in the source text. */
export interface SourceSpan {
  /** Offsets of the key scalar, when the value is a mapping entry. */
  keyStart?: number;
  keyEnd?: number;
  /** Offsets of the value itself; for an absent value (`key:`) an empty span after the key. */
  start: number;
  end: number;
  /** The YAML scalar style (PLAIN, QUOTE_DOUBLE, BLOCK_LITERAL, ...) for scalars. */
  scalarType?: string;
}

/** Scalar styles by code; 0 is "not a scalar". Styles the `yaml` package may add are appended. */
const SCALAR_TYPES: (string | undefined)[] = [
  undefined,
  'PLAIN',
  'QUOTE_DOUBLE',
  'QUOTE_SINGLE',
  'BLOCK_FOLDED',
  'BLOCK_LITERAL',
];
/** Codes every thread knows; one appended by a thread means nothing to another. */
const KNOWN_STYLES = SCALAR_TYPES.length;

function scalarCode(type: string | undefined): number {
  if (type === undefined) return 0;
  const code = SCALAR_TYPES.indexOf(type);
  if (code >= 0) return code;
  SCALAR_TYPES.push(type);
  return SCALAR_TYPES.length - 1;
}

/** A `SpanTable` as `serialise` gives it and `restore` takes it (the fields below, as they are). */
export interface SpanTableData {
  data: Int32Array;
  parents: Int32Array;
  segs: Int32Array;
  cells: Int32Array;
  texts: string[];
  whole: number;
}

/** Numbers per slot: key start, key end (-1 when there is no key), start, end, scalar style. */
const FIELDS = 5;

/**
 * The source spans of one document by JSON pointer, read like a `Map<string, SourceSpan>` in
 * insertion order. A workspace holds a span for every value it parsed (~180,000 on M), and an
 * object per span was 11 MB of M's heap: the numbers live in one typed array instead, and
 * `get` builds a `SourceSpan` when asked. A slot also names a span for as long as the document
 * lives, which is what located values keep instead of a pointer string and a range.
 *
 * Pointers are not kept either: a pointer string per span and the map over them were another
 * ~14 MB of M's heap (BENCHMARKS.md, item 13). A slot keeps its parent's slot and a code for
 * its last segment: a list index, or the number of a segment text, each text kept once per
 * table (a document has a few dozen). `pointerAt` joins the segments when asked, and lookups by
 * pointer walk them through a hash table of (parent slot, segment code) in a typed array, which
 * `record` also uses to find a pointer set again.
 */
export class SpanTable implements Iterable<[string, SourceSpan]> {
  /** Segment text -> code (0, 1, ...); list indexes are not here (`indexCode`). */
  readonly #codes = new Map<string, number>();
  /** Code -> segment text, shared with other tables (`sharedString`). */
  #texts: string[] = [];
  /** Parent slot per slot; -1 for the root and for a pointer whose parent has no span (kept whole). */
  #parents: number[] | Int32Array = [];
  /** Segment code per slot; for a parent of -1, the code of the whole pointer. */
  #segs: number[] | Int32Array = [];
  /** Slots kept whole (parent -1) besides the root: lookups under a parent must look for these too. */
  #whole = 0;
  /** While written: the pointers (and slots) from the root to the value recorded last. */
  #path: string[] = [];
  #pathSlots: number[] = [];
  /** Open addressing over (parent, code): slot + 1 per cell, 0 for empty; at most half full. */
  #cells: Int32Array = new Int32Array(16);
  /** Growable while the document is read; `seal` trims it into a typed array. */
  #data: number[] | Int32Array = [];
  #sealed = false;

  get size(): number {
    return this.#segs.length;
  }

  /** Records a span; a pointer set again keeps its place, as `Map.set` does. Returns its slot. */
  set(pointer: string, span: SourceSpan): number {
    return this.record(pointer, span.keyStart, span.keyEnd, span.start, span.end, span.scalarType);
  }

  /** `set` without a span object, for the parsers. */
  record(
    pointer: string,
    keyStart: number | undefined,
    keyEnd: number | undefined,
    start: number,
    end: number,
    scalarType: string | undefined,
  ): number {
    // A sealed table is written again only by callers other than the parsers.
    if (this.#sealed) this.#unseal();
    const slash = pointer.lastIndexOf('/');
    // Values are recorded parents first, depth first: the parent is on the path of the value
    // recorded last, found by comparing prefixes instead of walking from the root.
    const path = this.#path;
    const pathSlots = this.#pathSlots;
    while (path.length > 0) {
      const top = path[path.length - 1];
      if (top.length < pointer.length && pointer.charCodeAt(top.length) === 47 && pointer.startsWith(top)) break;
      path.pop();
      pathSlots.pop();
    }
    let parent = -1;
    if (path.length > 0 && path[path.length - 1].length === slash) parent = pathSlots[pathSlots.length - 1];
    else if (slash >= 0) parent = this.#prefixSlot(pointer, slash);
    let slot = -1;
    let code = 0;
    if (parent >= 0) {
      code = this.#addCode(pointer, slash + 1, pointer.length);
      slot = this.#find(parent, code);
    }
    if (slot < 0 && (parent < 0 || this.#whole > 0)) {
      const whole = this.#addCode(pointer, 0, pointer.length);
      slot = this.#find(-1, whole);
      if (parent < 0) code = whole;
    }
    if (slot < 0) {
      slot = this.#segs.length;
      // Unsealed, so these are still plain lists.
      (this.#parents as number[]).push(parent);
      (this.#segs as number[]).push(code);
      if (parent < 0 && pointer !== '') this.#whole++;
      this.#insert(slot);
    }
    path.push(pointer);
    pathSlots.push(slot);
    const o = slot * FIELDS;
    const d = this.#data;
    d[o] = keyStart ?? -1;
    d[o + 1] = keyEnd ?? -1;
    d[o + 2] = start;
    d[o + 3] = end;
    d[o + 4] = scalarCode(scalarType);
    return slot;
  }

  /** The code of `text.slice(start, end)`, or undefined for a text this table never kept. */
  #codeOf(text: string, start: number, end: number): number | undefined {
    const index = indexAt(text, start, end);
    if (index >= 0) return indexCode(index);
    return this.#codes.get(start === 0 && end === text.length ? text : text.slice(start, end));
  }

  #addCode(text: string, start: number, end: number): number {
    const index = indexAt(text, start, end);
    if (index >= 0) return indexCode(index);
    const raw = start === 0 && end === text.length ? text : text.slice(start, end);
    let code = this.#codes.get(raw);
    if (code === undefined) {
      // The shared copy: a cut-out segment would keep its whole pointer alive, or copy it per table.
      const kept = sharedString(raw);
      code = this.#texts.length;
      this.#texts.push(kept);
      this.#codes.set(kept, code);
    }
    return code;
  }

  #segmentText(code: number): string {
    return code < 0 ? String(-code - 2) : this.#texts[code];
  }

  /** Puts a new slot in the hash table, doubling it when half full. */
  #insert(slot: number): void {
    if ((slot + 1) * 2 > this.#cells.length) {
      let size = this.#cells.length * 2;
      while ((slot + 1) * 2 > size) size *= 2;
      this.#cells = new Int32Array(size);
      for (let i = 0; i < slot; i++) this.#place(i);
    }
    this.#place(slot);
  }

  #place(slot: number): void {
    const cells = this.#cells;
    const mask = cells.length - 1;
    let c = hashPair(this.#parents[slot], this.#segs[slot]) & mask;
    while (cells[c] !== 0) c = (c + 1) & mask;
    cells[c] = slot + 1;
  }

  /** The slot with this parent and segment code, or -1. */
  #find(parent: number, code: number): number {
    const cells = this.#cells;
    const mask = cells.length - 1;
    const parents = this.#parents;
    const segs = this.#segs;
    for (let c = hashPair(parent, code) & mask; cells[c] !== 0; c = (c + 1) & mask) {
      const slot = cells[c] - 1;
      if (parents[slot] === parent && segs[slot] === code) return slot;
    }
    return -1;
  }

  #unseal(): void {
    this.#sealed = false;
    this.#parents = Array.from(this.#parents);
    this.#segs = Array.from(this.#segs);
    this.#data = Array.from(this.#data);
  }

  /** Moves where a recorded value ends (a collection's end is known after its items). */
  setEnd(slot: number, end: number): void {
    this.#data[slot * FIELDS + 3] = end;
  }

  /** Trims the storage once the document is read; the table stays writable. */
  seal(): void {
    if (this.#sealed) return;
    this.#sealed = true;
    this.#data = Int32Array.from(this.#data);
    this.#parents = Int32Array.from(this.#parents);
    this.#segs = Int32Array.from(this.#segs);
    this.#texts = this.#texts.slice();
    this.#path = [];
    this.#pathSlots = [];
  }

  /**
   * The table in a form that crosses threads (a parse worker's result): its numbers as typed
   * arrays, which can be transferred, and its segment texts as a list. Seals the table.
   */
  serialise(): SpanTableData {
    this.seal();
    return {
      data: this.#data as Int32Array,
      parents: this.#parents as Int32Array,
      segs: this.#segs as Int32Array,
      cells: this.#cells,
      texts: this.#texts,
      whole: this.#whole,
    };
  }

  /**
   * The table `serialise` gave, sealed, reading exactly as the original (entries, order, lookups).
   * The arrays are used as they are (views are fine); the texts become the shared copies.
   */
  static restore(d: SpanTableData): SpanTable {
    const t = new SpanTable();
    [t.#sealed, t.#data, t.#parents, t.#segs, t.#cells, t.#whole] = [true, d.data, d.parents, d.segs, d.cells, d.whole];
    t.#texts = d.texts.map(sharedString);
    t.#texts.forEach((text, code) => t.#codes.set(text, code));
    return t;
  }

  /** The slot of a pointer, or -1. */
  slotOf(pointer: string): number {
    return this.#prefixSlot(pointer, pointer.length);
  }

  /** The slot of `pointer.slice(0, end)`, or -1. */
  #prefixSlot(pointer: string, end: number): number {
    const root = this.#codes.get('');
    let slot = root === undefined ? -1 : this.#find(-1, root);
    if (end === 0) return slot;
    if (pointer.charCodeAt(0) !== 47) return this.#wholeSlot(pointer, end);
    for (let i = 1; ;) {
      let j = pointer.indexOf('/', i);
      if (j < 0 || j > end) j = end;
      if (slot >= 0) {
        const code = this.#codeOf(pointer, i, j);
        slot = code === undefined ? -1 : this.#find(slot, code);
      }
      // A pointer recorded before its parent is kept whole (parent -1), at any depth.
      if (slot < 0 && this.#whole > 0) slot = this.#wholeSlot(pointer, j);
      if (j === end) return slot;
      i = j + 1;
    }
  }

  #wholeSlot(pointer: string, end: number): number {
    const code = this.#codeOf(pointer, 0, end);
    return code === undefined ? -1 : this.#find(-1, code);
  }

  /**
   * `slotOf(pointer)` when the slot of the pointer's parent is known (`parent`, from `slotOf`) and
   * its last segment starts at `segmentStart`: one lookup instead of a walk from the root, for
   * the model builder, which reads many children of one mapping in a row.
   */
  childSlotOf(parent: number, pointer: string, segmentStart: number): number {
    if (parent < 0) return this.slotOf(pointer);
    const code = this.#codeOf(pointer, segmentStart, pointer.length);
    const slot = code === undefined ? -1 : this.#find(parent, code);
    return slot >= 0 || this.#whole === 0 ? slot : this.slotOf(pointer);
  }

  has(pointer: string): boolean {
    return this.slotOf(pointer) >= 0;
  }

  get(pointer: string): SourceSpan | undefined {
    const slot = this.slotOf(pointer);
    return slot < 0 ? undefined : this.at(slot);
  }

  /** The span in a slot, as a new object. */
  at(slot: number): SourceSpan {
    const d = this.#data;
    const o = slot * FIELDS;
    const keyStart = d[o];
    const keyEnd = d[o + 1];
    return {
      keyStart: keyStart < 0 ? undefined : keyStart,
      keyEnd: keyEnd < 0 ? undefined : keyEnd,
      start: d[o + 2],
      end: d[o + 3],
      scalarType: SCALAR_TYPES[d[o + 4]],
    };
  }

  startAt(slot: number): number {
    return this.#data[slot * FIELDS + 2];
  }

  endAt(slot: number): number {
    return this.#data[slot * FIELDS + 3];
  }

  /** The pointer of a slot, joined from its segments (a new string on each call). */
  pointerAt(slot: number): string {
    const parent = this.#parents[slot];
    const seg = this.#segmentText(this.#segs[slot]);
    return parent < 0 ? seg : `${this.pointerAt(parent)}/${seg}`;
  }

  *keys(): IterableIterator<string> {
    // Parents come before their children, so each pointer extends one already joined.
    const joined: string[] = [];
    for (let i = 0; i < this.#segs.length; i++) {
      const parent = this.#parents[i];
      const seg = this.#segmentText(this.#segs[i]);
      const p = parent < 0 ? seg : parent < i ? `${joined[parent]}/${seg}` : this.pointerAt(i);
      joined.push(p);
      yield p;
    }
  }

  *values(): IterableIterator<SourceSpan> {
    for (let i = 0; i < this.#segs.length; i++) yield this.at(i);
  }

  *entries(): IterableIterator<[string, SourceSpan]> {
    let i = 0;
    for (const p of this.keys()) yield [p, this.at(i++)];
  }

  [Symbol.iterator](): IterableIterator<[string, SourceSpan]> {
    return this.entries();
  }
}

/** List indexes are coded as negative numbers below -1, apart from the codes of texts. */
function indexCode(index: number): number {
  return -index - 2;
}

function hashPair(parent: number, code: number): number {
  const h = Math.imul((parent + 1) ^ Math.imul(code, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** The list index `text.slice(start, end)` spells as `childPointer` writes one ("0", "17", not "017"), or -1. */
function indexAt(text: string, start: number, end: number): number {
  const n = end - start;
  if (n === 0 || n > 9) return -1;
  const c0 = text.charCodeAt(start);
  if (c0 === 48) return n === 1 ? 0 : -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** True when a serialised table names only the styles every thread knows (`KNOWN_STYLES`). */
export function portableSpans(d: SpanTableData): boolean {
  for (let o = FIELDS - 1; o < d.data.length; o += FIELDS) if (d.data[o] >= KNOWN_STYLES) return false;
  return true;
}
