import { exactSize } from '../exactSize';
import type { LineIndex } from '../lineIndex';
import type { Range } from '../types';
import { childPointer, decodeSegment, type ParsedDoc, type SourceSpan } from '../yaml';
import type { Located, Ownership } from './types';

/** Reads typed values out of a parsed document, with their ranges. */
export class DocReader {
  constructor(
    readonly doc: ParsedDoc,
    readonly lines: LineIndex,
  ) {}

  span(pointer: string): SourceSpan | undefined {
    const slot = this.slotOf(pointer);
    return slot < 0 ? undefined : this.doc.spans.at(slot);
  }

  /** The parent pointer whose span slot was looked up last, and that slot. */
  private slotParent = '\u0000';
  private slotParentSlot = -1;

  /**
   * The span slot of a pointer. The span table finds a slot by walking the pointer from the root;
   * the model builder reads many children of one mapping in a row, so the parent's slot is kept
   * and each read is one lookup under it.
   */
  private slotOf(pointer: string): number {
    const slash = pointer.lastIndexOf('/');
    if (slash < 0) return this.doc.spans.slotOf(pointer);
    const last = this.slotParent;
    if (slash !== last.length || !pointer.startsWith(last)) {
      this.slotParent = pointer.slice(0, slash);
      this.slotParentSlot = this.doc.spans.slotOf(this.slotParent);
    }
    return this.doc.spans.childSlotOf(this.slotParentSlot, pointer, slash + 1);
  }

  /**
   * Containers looked up recently, by pointer. The model builder reads many children of one
   * mapping in a row, so resolving the parent once makes each read O(1) instead of a walk from
   * the root (the walk was the largest cost of building models; see BENCHMARKS.md). Bounded,
   * and dropped once the model is built (`forgetContainers`), so a reader kept with its file
   * holds little.
   */
  private containers: Map<string, unknown> | undefined;

  /** The container read last, which the next read most often shares (a fast path before the map). */
  private lastPointer = '\u0000';
  private lastContainer: unknown;

  get(pointer: string): unknown {
    if (pointer === '') return this.doc.value;
    const slash = pointer.lastIndexOf('/');
    let parent: unknown;
    const last = this.lastPointer;
    if (slash === last.length && pointer.startsWith(last)) parent = this.lastContainer;
    else {
      const parentPointer = pointer.slice(0, slash);
      if (parentPointer === '') parent = this.doc.value;
      else if (this.containers?.has(parentPointer)) parent = this.containers.get(parentPointer);
      else {
        parent = this.get(parentPointer);
        if (parent && typeof parent === 'object') {
          const containers = (this.containers ??= new Map());
          if (containers.size >= 64) containers.clear();
          containers.set(parentPointer, parent);
        }
      }
      if (parent && typeof parent === 'object') {
        this.lastPointer = parentPointer;
        this.lastContainer = parent;
      }
    }
    const raw = pointer.slice(slash + 1);
    const seg = decodeSegment(raw);
    if (Array.isArray(parent)) return parent[Number(seg)];
    if (parent && typeof parent === 'object')
      return Object.prototype.hasOwnProperty.call(parent, seg) ? (parent as Record<string, unknown>)[seg] : undefined;
    return undefined;
  }

  /** Drops the lookup caches: ~1,000 kept readers' caches of 64 pointers were a few MB. */
  forgetContainers(): void {
    this.containers = undefined;
    this.lastPointer = '\u0000';
    this.lastContainer = undefined;
    this.slotParent = '\u0000';
    this.slotParentSlot = -1;
  }

  valueRange(pointer: string): Range {
    const s = this.span(pointer);
    return s ? this.lines.range(s.start, s.end) : this.lines.range(this.doc.start, this.doc.start);
  }

  keyRange(pointer: string): Range {
    const s = this.span(pointer);
    if (s && s.keyStart !== undefined && s.keyEnd !== undefined) return this.lines.range(s.keyStart, s.keyEnd);
    return this.valueRange(pointer);
  }

  string(pointer: string): Located<string> | undefined {
    const v = this.get(pointer);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      const slot = this.slotOf(pointer);
      // Values without a span of their own (under an alias) sit at the document's start.
      return slot >= 0
        ? new SlotLocated(String(v), this, slot)
        : new FixedLocated(String(v), pointer, this.doc.start, this.lines);
    }
    return undefined;
  }

  /** A list of strings; a single string is read as a list of one, as users often write. */
  strings(pointer: string): Located<string>[] {
    const v = this.get(pointer);
    if (Array.isArray(v)) {
      const out: Located<string>[] = [];
      v.forEach((_, i) => {
        const s = this.string(childPointer(pointer, i));
        if (s) out.push(s);
      });
      return exactSize(out);
    }
    const one = this.string(pointer);
    return one ? [one] : [];
  }

  has(pointer: string): boolean {
    return this.slotOf(pointer) >= 0;
  }

  /**
   * `slotOf(childPointer(parentPointer, key))` when the parent's slot is known (-1 without one):
   * one lookup under the parent for a key without `/` or `~`, or a list index. The model builder
   * walks the values themselves and reads slots this way: rebuilding each value's pointer and
   * resolving it again (`get`, `string`) was its largest cost (BENCHMARKS.md).
   */
  childSlot(parentSlot: number, parentPointer: string, key: string | number): number {
    const spans = this.doc.spans;
    // A bare key never starts with `/`, so it cannot match a pointer the table keeps whole.
    const found = parentSlot >= 0 ? spans.childSlotOf(parentSlot, typeof key === 'number' ? String(key) : key, 0) : -1;
    return found >= 0 ? found : spans.slotOf(childPointer(parentPointer, key));
  }

  /**
   * A scalar read as a located string, as `string` reads the value at `childPointer(parentPointer,
   * key)` whose slot is `slot`; undefined for anything else.
   */
  scalarAt(v: unknown, slot: number, parentPointer: string, key: string | number): Located<string> | undefined {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
    // Values without a span of their own (under an alias) sit at the document's start.
    return slot >= 0
      ? new SlotLocated(String(v), this, slot)
      : new FixedLocated(String(v), childPointer(parentPointer, key), this.doc.start, this.lines);
  }

  /** `valueRange` of the value in a slot (-1: none, an empty range at the document's start). */
  rangeAt(slot: number): Range {
    const spans = this.doc.spans;
    return slot >= 0
      ? this.lines.range(spans.startAt(slot), spans.endAt(slot))
      : this.lines.range(this.doc.start, this.doc.start);
  }

  /** `keyRange` of the value in a slot. */
  keyRangeAt(slot: number): Range {
    const s = slot >= 0 ? this.doc.spans.at(slot) : undefined;
    if (s && s.keyStart !== undefined && s.keyEnd !== undefined) return this.lines.range(s.keyStart, s.keyEnd);
    return this.rangeAt(slot);
  }
}

/**
 * A located string that keeps only its value, its document and the slot of its span: the range
 * and the pointer are worked out when read. A workspace holds a located value for every id,
 * reference and name (~130,000 on M); with a pointer string and a range (three objects) each,
 * they were a large share of the heap, and most are never read (BENCHMARKS.md). Each read of
 * `range` returns a new object, so callers may keep or change it. It serialises like a plain
 * `{ value, range, pointer }` (toJSON).
 */
class SlotLocated implements Located<string> {
  readonly #reader: DocReader;
  readonly #slot: number;

  constructor(
    readonly value: string,
    reader: DocReader,
    slot: number,
  ) {
    this.#reader = reader;
    this.#slot = slot;
  }

  get range(): Range {
    const spans = this.#reader.doc.spans;
    return this.#reader.lines.range(spans.startAt(this.#slot), spans.endAt(this.#slot));
  }

  get pointer(): string {
    return this.#reader.doc.spans.pointerAt(this.#slot);
  }

  /** The offset where the value's source starts (`range` without the line lookup). */
  get start(): number {
    return this.#reader.doc.spans.startAt(this.#slot);
  }

  get end(): number {
    return this.#reader.doc.spans.endAt(this.#slot);
  }

  toJSON(): Located<string> {
    return { value: this.value, range: this.range, pointer: this.pointer };
  }
}

/** A located string without a span of its own: an empty range at one offset. */
class FixedLocated implements Located<string> {
  readonly #offset: number;
  readonly #lines: LineIndex;

  constructor(
    readonly value: string,
    readonly pointer: string,
    offset: number,
    lines: LineIndex,
  ) {
    this.#offset = offset;
    this.#lines = lines;
  }

  get range(): Range {
    return this.#lines.range(this.#offset, this.#offset);
  }

  get start(): number {
    return this.#offset;
  }

  get end(): number {
    return this.#offset;
  }

  toJSON(): Located<string> {
    return { value: this.value, range: this.range, pointer: this.pointer };
  }
}

/**
 * An entity's `owner` with the range of its value read when asked, from its span slot (a new
 * object on each read): a range kept eagerly was three objects per owner written (~15,000 on M,
 * 1.8 MB), read only by the few rules that report on the owner itself. It serialises like a plain
 * `{ teams, isList, range, lead }` (toJSON).
 */
export class SlotOwnership implements Ownership {
  readonly #reader: DocReader;
  readonly #slot: number;

  constructor(
    public teams: Located<string>[],
    public isList: boolean,
    reader: DocReader,
    slot: number,
    public lead?: Located<string>,
  ) {
    this.#reader = reader;
    this.#slot = slot;
  }

  get range(): Range {
    return this.#reader.rangeAt(this.#slot);
  }

  toJSON(): Ownership {
    return { teams: this.teams, isList: this.isList, range: this.range, lead: this.lead };
  }
}

/**
 * Where a located value's source starts in its text, for keeping where it is without keeping it:
 * read from its span when the reader made it, else from its range.
 */
export function startOf(located: Located<string>, lines: LineIndex): number {
  return located instanceof SlotLocated || located instanceof FixedLocated
    ? located.start
    : lines.offsetAt(located.range.start);
}

/** Where a located value's source ends in its text (see `startOf`). */
export function endOf(located: Located<string>, lines: LineIndex): number {
  return located instanceof SlotLocated || located instanceof FixedLocated
    ? located.end
    : lines.offsetAt(located.range.end);
}

/** True for a YAML mapping read as a plain object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
