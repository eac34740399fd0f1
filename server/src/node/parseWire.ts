/**
 * How a batch of parses crosses from a parse worker to the thread that models them: the plain
 * values, offsets and problems as one JSON text, and every span table's numbers in one Int32Array
 * (transferred, not copied). Structured clone of the values cost the receiving thread about four
 * times what `JSON.parse` of the same values does (BENCHMARKS.md), and that thread is the busy one.
 */
import type { TextAhead } from '../core/loader';
import type { ParsedElsewhere } from '../core/taxonomyFile';
import { portableSpans, SpanTable, type SyntaxProblem } from '../core/yaml';

/** A batch of parses in transit. */
export interface WireBatch {
  json: string;
  ints: Int32Array<ArrayBuffer>;
  /** The packed texts (`ParsedElsewhere.packedText`), one byte a code unit, end to end. */
  packed: Uint8Array<ArrayBuffer>;
}

/**
 * A message to a parse worker: texts to parse, the number its reply carries, and what to do for
 * each besides (`ParseService`).
 */
export interface ParseRequest {
  id: number;
  texts: string[];
  ahead: TextAhead[];
}

/** A parse worker's reply: the batch of its request's parses, packed. */
export interface ParseReply extends WireBatch {
  id: number;
}

/** One document in the JSON: its table's texts and the lengths of its arrays in `ints`, in order. */
interface WireDoc {
  index: number;
  value: unknown;
  start: number;
  end: number;
  texts: string[];
  whole: number;
  slots: number;
  cells: number;
}

/**
 * One file in the JSON, with how many line starts follow its tables in `ints`, which documents are
 * valid (1) against its kind's schema, and the length of its packed text, when it has them; null
 * for a parse the receiver must do itself.
 */
type WireFile = {
  docs: WireDoc[];
  problems: SyntaxProblem[];
  lines?: number;
  valid?: (0 | 1)[];
  packed?: number;
} | null;

/** Numbers per span slot (SpanTable's data): five, then one parent and one segment code. */
const DATA_FIELDS = 5;

/**
 * Packs parses for another thread. A parse that would not read back exactly (a value JSON
 * cannot carry: NaN, an infinity, -0; a scalar style only this thread knows) goes as null, so the
 * receiver parses that file itself.
 */
export function encodeParses(parses: readonly (ParsedElsewhere | undefined)[]): WireBatch {
  // The numbers of every file in order: its span tables, then its line starts.
  const chunks: ArrayLike<number>[] = [];
  const packedTexts: string[] = [];
  const files: WireFile[] = parses.map((parse) => {
    if (!parse) return null;
    const spans = parse.docs.map((d) => d.spans.serialise());
    if (!spans.every(portableSpans) || !parse.docs.every((d) => jsonSafe(d.value))) return null;
    for (const t of spans) chunks.push(t.data, t.parents, t.segs, t.cells);
    if (parse.lineStarts) chunks.push(parse.lineStarts);
    if (parse.packedText !== undefined) packedTexts.push(parse.packedText);
    return {
      ...(parse.lineStarts ? { lines: parse.lineStarts.length } : {}),
      ...(parse.schemaValid ? { valid: parse.schemaValid.map((v) => (v ? 1 : 0)) } : {}),
      ...(parse.packedText !== undefined ? { packed: parse.packedText.length } : {}),
      problems: parse.problems,
      docs: parse.docs.map((d, i) => ({
        index: d.index,
        value: d.value,
        start: d.start,
        end: d.end,
        texts: spans[i].texts,
        whole: spans[i].whole,
        slots: spans[i].segs.length,
        cells: spans[i].cells.length,
      })),
    };
  });
  let length = 0;
  for (const c of chunks) length += c.length;
  const ints = new Int32Array(length);
  let at = 0;
  for (const c of chunks) {
    ints.set(c, at);
    at += c.length;
  }
  return { json: JSON.stringify(files), ints, packed: new Uint8Array(Buffer.from(packedTexts.join(''), 'latin1')) };
}

/** Unpacks `encodeParses`: one parse per file, undefined where the receiver must parse. */
export function decodeParses(batch: WireBatch): (ParsedElsewhere | undefined)[] {
  const files = JSON.parse(batch.json) as WireFile[];
  const ints = batch.ints;
  let at = 0;
  const take = (n: number) => ints.subarray(at, (at += n));
  const packed = Buffer.from(batch.packed.buffer, batch.packed.byteOffset, batch.packed.byteLength);
  let packedAt = 0;
  return files.map((file) => {
    if (!file) return undefined;
    const docs = file.docs.map((d) => ({
      index: d.index,
      value: d.value,
      start: d.start,
      end: d.end,
      spans: SpanTable.restore({
        data: take(d.slots * DATA_FIELDS),
        parents: take(d.slots),
        segs: take(d.slots),
        cells: take(d.cells),
        texts: d.texts,
        whole: d.whole,
      }),
    }));
    // A copy: the line index lives as long as the file, and a view would keep the whole batch.
    const lineStarts = file.lines === undefined ? undefined : take(file.lines).slice();
    const packedText =
      file.packed === undefined ? undefined : packed.toString('latin1', packedAt, (packedAt += file.packed));
    return {
      ...(lineStarts ? { lineStarts } : {}),
      ...(file.valid ? { schemaValid: file.valid.map((v) => v === 1) } : {}),
      ...(packedText !== undefined ? { packedText } : {}),
      problems: file.problems,
      docs,
    };
  });
}

/** True when `JSON.parse(JSON.stringify(v))` is `v` again: plain data with finite numbers and no -0. */
function jsonSafe(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object': {
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!(i in v) || !jsonSafe(v[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      for (const k of Object.keys(v)) if (!jsonSafe((v as Record<string, unknown>)[k])) return false;
      return true;
    }
    default:
      return false;
  }
}
