import { Document, isScalar } from 'yaml';
import { SpanTable, type ParsedDoc, type ParsedYaml, type ParseLimits } from './parse';

/**
 * A fast path for the YAML that taxonomy files are actually written in: one document of block
 * mappings and sequences, plain and simply quoted scalars on one line, one-line flow sequences
 * of scalars, and folded or literal block scalars. It reads the text line by line straight into
 * the same `ParsedYaml` (values, spans and no problems) that `parseYaml` builds from the `yaml`
 * package's documents, about an order of magnitude faster.
 *
 * It never guesses: anything it does not fully handle (anchors, aliases, tags, directives,
 * `---`, explicit keys, flow mappings, multi-line plain or quoted scalars, escapes, tabs, CR
 * line ends, duplicate keys, anything the `yaml` composer would report) makes it return
 * `undefined`, and the caller falls back to the full parse. test/unit/fastParse.test.ts proves
 * the equivalence differentially on the samples and on thousands of random mutations of them.
 *
 * Where a value's span ends follows the `yaml` Parser exactly, including where comment lines
 * go: a comment line more indented than its collection, right after a one-line value, extends
 * that value; trailing comment lines stay in the innermost collection that closes unless every
 * one of them is less indented than it (or it sits at column 0), in which case they move up.
 */
export function fastParseYaml(text: string, limits: ParseLimits): ParsedYaml | undefined {
  if (text.length === 0 || text.charCodeAt(0) === 0xfeff) return undefined;
  if (text.indexOf('\t') >= 0 || text.indexOf('\r') >= 0) return undefined;
  try {
    return new FastParser(text, limits).parse();
  } catch (err) {
    if (err === FALLBACK || err instanceof RangeError) return undefined;
    throw err;
  }
}

/** Thrown inside the parser to abandon the fast path. */
const FALLBACK = new Error('fast path not applicable');

/** Set `fastParseTrace.enabled` to record where the fast path last gave up (for tuning). */
export const fastParseTrace = { enabled: false, last: '' };

function bail(): never {
  if (fastParseTrace.enabled) fastParseTrace.last = new Error().stack?.split('\n')[2]?.trim() ?? '';
  throw FALLBACK;
}

// Plain scalars resolve with the YAML 1.2 core schema, exactly as `yaml` composes them.
const schemaDoc = new Document(undefined, { uniqueKeys: true, prettyErrors: false, strict: true });
interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  resolve: (value: string, onError: (msg: string) => void, options: unknown) => unknown;
}
const PLAIN_TAGS = (schemaDoc.schema.tags as unknown as ScalarTag[]).filter((t) => t.default === true && t.test);
const TAG_OPTIONS = schemaDoc.options;

/** First characters that can make a plain scalar something other than a string. */
function mayNotBeString(c: number): boolean {
  // ~ + - . 0-9 n N t T f F
  return (
    c === 126 ||
    c === 43 ||
    c === 45 ||
    c === 46 ||
    (c >= 48 && c <= 57) ||
    c === 110 ||
    c === 78 ||
    c === 116 ||
    c === 84 ||
    c === 102 ||
    c === 70
  );
}

function resolvePlain(s: string): unknown {
  if (s.length > 0 && !mayNotBeString(s.charCodeAt(0))) return s;
  for (const tag of PLAIN_TAGS) {
    if (tag.test!.test(s)) {
      let failed = false;
      let v = tag.resolve(s, () => (failed = true), TAG_OPTIONS);
      if (isScalar(v)) v = v.value;
      if (failed || (typeof v === 'object' && v !== null)) bail();
      return v;
    }
  }
  return s;
}

function segment(key: string): string {
  return key.indexOf('~') >= 0 || key.indexOf('/') >= 0 ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/** A composed value: its plain value and `yaml`'s range [start, valueEnd, nodeEnd]. */
interface Node {
  value: unknown;
  start: number;
  end: number;
  end2: number;
  /** One-line values (plain, quoted, flow) whose end more-indented comment lines extend. */
  flow: boolean;
}

/** Blank and comment lines after a collection's last value, waiting for a collection to keep them. */
interface Trivia {
  /** False when there is none (the next content line follows the value directly). */
  present: boolean;
  /** The largest indent of a comment line among them, or -1 when there is none. */
  maxCommentIndent: number;
  /** Where they end: the next content token (indentation included) or the end of the text. */
  end: number;
}

const NO_TRIVIA: Trivia = { present: false, maxCommentIndent: -1, end: 0 };

/** Characters a plain scalar may not start with (besides `-`, `?`, `:` that need care). */
const RESERVED_START = new Set([...'[]{},#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

class FastParser {
  private readonly lineStart: number[] = [];
  private readonly lineEnd: number[] = [];
  /** Indent of each line; -1 for a blank line, -2 - indent for a comment line. */
  private readonly kind: number[] = [];
  private readonly n: number;
  private readonly spans = new SpanTable();
  private line = 0;

  constructor(
    private readonly text: string,
    private readonly limits: ParseLimits,
  ) {
    const t = text;
    let s = 0;
    while (s <= t.length) {
      let e = t.indexOf('\n', s);
      if (e < 0) e = t.length;
      if (s === t.length && e === s) break;
      this.lineStart.push(s);
      this.lineEnd.push(e);
      let i = s;
      while (i < e && t.charCodeAt(i) === 32) i++;
      if (i === e) this.kind.push(-1);
      else if (t.charCodeAt(i) === 35) this.kind.push(-2 - (i - s));
      else {
        const ind = i - s;
        // Document markers and directives belong to the full parser.
        if (ind === 0) {
          const c = t.charCodeAt(i);
          if (c === 37) bail();
          if (
            (c === 45 || c === 46) &&
            t.startsWith(c === 45 ? '---' : '...', i) &&
            (i + 3 === e || t.charCodeAt(i + 3) === 32)
          )
            bail();
        }
        this.kind.push(ind);
      }
      s = e + 1;
    }
    this.n = this.lineStart.length;
  }

  /** Offset just past a line, its newline included. */
  private after(line: number): number {
    return Math.min(this.lineEnd[line] + 1, this.text.length);
  }

  parse(): ParsedYaml {
    let first = 0;
    while (first < this.n && this.kind[first] < 0) first++;
    if (first === this.n || this.kind[first] !== 0) bail();
    this.line = first;
    const root = this.blockMap(0, '', 0, { keyStart: undefined, keyEnd: undefined });
    if (this.line < this.n) bail();
    // Trivia after the root's last value ends the document, which then runs to the end of the text.
    const end = root.trivia.present ? this.text.length : root.node.end2;
    this.spans.seal();
    const doc: ParsedDoc = { index: 0, value: root.node.value, spans: this.spans, start: root.node.start, end };
    return { docs: [doc], problems: [] };
  }

  /** Records the span of a value, parent before children as the full parse does; returns its slot. */
  private record(
    pointer: string,
    keyStart: number | undefined,
    keyEnd: number | undefined,
    start: number,
    end: number,
    scalarType: string | undefined,
  ): number {
    return this.spans.record(pointer, keyStart, keyEnd, start, end, scalarType);
  }

  /**
   * After a one-line value ending at `this.line - 1`, the comment lines more indented than the
   * collection (blank lines between allowed) that the `yaml` Parser appends to the value's end.
   */
  private extendFlowEnd(node: Node, collectionIndent: number): void {
    let i = this.line;
    for (;;) {
      let j = i;
      while (j < this.n && this.kind[j] === -1) j++;
      if (j < this.n && this.kind[j] <= -2 && -2 - this.kind[j] > collectionIndent) {
        node.end2 = this.after(j);
        i = j + 1;
      } else break;
    }
    this.line = i;
  }

  /** Skips blank and comment lines; returns the trivia they form and the next content line. */
  private trivia(): { next: number; trivia: Trivia } {
    let j = this.line;
    let max = -1;
    while (j < this.n && this.kind[j] < 0) {
      if (this.kind[j] <= -2) max = Math.max(max, -2 - this.kind[j]);
      j++;
    }
    const end = j < this.n ? this.lineStart[j] + this.kind[j] : this.text.length;
    return { next: j, trivia: j > this.line ? { present: true, maxCommentIndent: max, end } : NO_TRIVIA };
  }

  /**
   * The pop rule: a closing collection keeps the trailing trivia unless it sits at column 0 or
   * every comment in the trivia is less indented than it; kept trivia ends its node range.
   */
  private close(indent: number, offset: number, trivia: Trivia): { end: number; end2: number; trivia: Trivia } {
    if (indent !== 0 && trivia.maxCommentIndent >= indent) return { end: offset, end2: trivia.end, trivia: NO_TRIVIA };
    return { end: offset, end2: offset, trivia };
  }

  /** A block mapping whose first key is on `this.line` at column `indent` (from `col` on that line). */
  private blockMap(
    indent: number,
    pointer: string,
    depth: number,
    key: { keyStart?: number; keyEnd?: number },
    firstCol?: number,
  ): { node: Node; trivia: Trivia } {
    if (depth >= this.limits.maxDepth) bail();
    const t = this.text;
    const out: Record<string, unknown> = {};
    const lineOf = this.line;
    const start = this.lineStart[lineOf] + (firstCol ?? indent);
    const slot = this.record(pointer, key.keyStart, key.keyEnd, start, start, undefined);
    let offset = start;
    let trivia = NO_TRIVIA;
    let firstItem = true;
    for (;;) {
      const line = this.line;
      const ls = this.lineStart[line];
      const le = this.lineEnd[line];
      const ks = firstItem && firstCol !== undefined ? ls + firstCol : ls + indent;
      firstItem = false;
      // The key: a plain scalar of safe characters, then `:` and a space or the line end.
      let k = ks;
      const c0 = t.charCodeAt(k);
      if (!isKeyStart(c0)) bail();
      while (k < le && isKeyChar(t.charCodeAt(k))) k++;
      if (t.charCodeAt(k) !== 58 || (k + 1 < le && t.charCodeAt(k + 1) !== 32) || k - ks > 1000) bail();
      const keyText = t.slice(ks, k);
      const keyValue = resolvePlain(keyText);
      const keyStr = typeof keyValue === 'string' ? keyValue : (JSON.stringify(keyValue) ?? String(keyValue));
      if (keyStr === '__proto__' || Object.prototype.hasOwnProperty.call(out, keyStr)) bail();
      const child = `${pointer}/${segment(keyStr)}`;
      const keyPos = { keyStart: ks, keyEnd: k };
      let v = k + 1;
      while (v < le && t.charCodeAt(v) === 32) v++;
      let node: Node;
      let emptyValue = false;
      if (v === le || t.charCodeAt(v) === 35) {
        if (v < le) bail(); // `key: # comment` with an empty value: the full parse places it.
        const res = this.nestedValue(indent, v, child, depth, keyPos, true);
        node = res.node;
        trivia = res.trivia;
        // After an empty value, blank lines belong to its separator, not to trailing trivia.
        emptyValue = res.empty;
      } else {
        node = this.inlineValue(v, le, child, depth, keyPos, indent);
        if (node.flow) this.extendFlowEnd(node, indent);
        trivia = NO_TRIVIA;
      }
      out[keyStr] = node.value;
      offset = node.end2;
      // What follows: the next key of this map, or the end of it.
      const { next, trivia: after } = this.trivia();
      if (trivia !== NO_TRIVIA && next > this.line) bail();
      if (next === this.n || this.kind[next] < indent) {
        const merged = trivia !== NO_TRIVIA ? trivia : emptyValue ? NO_TRIVIA : after;
        this.line = next;
        const closed = this.close(indent, offset, merged);
        this.spans.setEnd(slot, closed.end);
        return { node: { value: out, start, end: closed.end, end2: closed.end2, flow: false }, trivia: closed.trivia };
      }
      if (this.kind[next] > indent) bail(); // More-indented content after a value: multi-line plain or an error.
      // A `- ` at the map's own column cannot continue a map.
      if (
        t.charCodeAt(this.lineStart[next] + indent) === 45 &&
        isDashItem(t, this.lineStart[next] + indent, this.lineEnd[next])
      )
        bail();
      this.line = next;
    }
  }

  /** A block sequence whose first `- ` is on `this.line` at column `indent`. */
  private blockSeq(
    indent: number,
    pointer: string,
    depth: number,
    key: { keyStart?: number; keyEnd?: number },
  ): { node: Node; trivia: Trivia } {
    if (depth >= this.limits.maxDepth) bail();
    const t = this.text;
    const out: unknown[] = [];
    const start = this.lineStart[this.line] + indent;
    const slot = this.record(pointer, key.keyStart, key.keyEnd, start, start, undefined);
    let offset = start;
    for (;;) {
      const line = this.line;
      const ls = this.lineStart[line];
      const le = this.lineEnd[line];
      const dash = ls + indent;
      if (t.charCodeAt(dash) !== 45 || !isDashItem(t, dash, le)) bail();
      let v = dash + 1;
      while (v < le && t.charCodeAt(v) === 32) v++;
      if (v === le || t.charCodeAt(v) === 35) bail(); // An empty item, or its value on the next lines.
      const child = `${pointer}/${out.length}`;
      let node: Node;
      let trivia = NO_TRIVIA;
      if (t.charCodeAt(v) === 45 && isDashItem(t, v, le)) bail(); // `- - a`
      const keyEnd = compactKeyEnd(t, v, le);
      if (keyEnd >= 0) {
        // `- key: value`: a mapping whose column is that of its first key.
        const res = this.blockMap(v - ls, child, depth + 1, {}, v - ls);
        node = res.node;
        trivia = res.trivia;
      } else {
        node = this.inlineValue(v, le, child, depth, {}, indent);
        if (node.flow) this.extendFlowEnd(node, indent);
      }
      out.push(node.value);
      offset = node.end2;
      const { next, trivia: after } = this.trivia();
      if (trivia !== NO_TRIVIA && next > this.line) bail();
      const merged = trivia !== NO_TRIVIA ? trivia : after;
      if (
        next === this.n ||
        this.kind[next] < indent ||
        !(
          t.charCodeAt(this.lineStart[next] + indent) === 45 &&
          this.kind[next] === indent &&
          isDashItem(t, this.lineStart[next] + indent, this.lineEnd[next])
        )
      ) {
        if (next < this.n && this.kind[next] > indent) bail();
        this.line = next;
        const closed = this.close(indent, offset, merged);
        this.spans.setEnd(slot, closed.end);
        return {
          node: { value: exactSize(out), start, end: closed.end, end2: closed.end2, flow: false },
          trivia: closed.trivia,
        };
      }
      // The next item: trivia kept by a closed inner collection is fine, it was consumed there.
      this.line = next;
    }
  }

  /**
   * The value of `key:` with nothing after the colon: a block collection on the next lines, or
   * an empty (null) value placed right after the colon and its spaces.
   */
  private nestedValue(
    indent: number,
    emptyAt: number,
    pointer: string,
    depth: number,
    key: { keyStart?: number; keyEnd?: number },
    inMap: boolean,
  ): { node: Node; trivia: Trivia; empty: boolean } {
    const t = this.text;
    let j = this.line + 1;
    let sawComment = false;
    while (j < this.n && this.kind[j] < 0) {
      if (this.kind[j] <= -2) sawComment = true;
      j++;
    }
    if (j < this.n) {
      const ind = this.kind[j];
      const first = this.lineStart[j] + ind;
      const isDash = t.charCodeAt(first) === 45 && isDashItem(t, first, this.lineEnd[j]);
      if (ind > indent || (inMap && ind === indent && isDash)) {
        this.line = j;
        if (isDash) return { ...this.blockSeq(ind, pointer, depth + 1, key), empty: false };
        if (compactKeyEnd(t, first, this.lineEnd[j]) < 0) bail(); // A scalar on the next line.
        return { ...this.blockMap(ind, pointer, depth + 1, key), empty: false };
      }
    }
    // An empty value; comment lines before the next key would land in its range, so leave those.
    if (sawComment) bail();
    this.record(pointer, key.keyStart, key.keyEnd, emptyAt, emptyAt, 'PLAIN');
    this.line = this.line + 1;
    return {
      node: { value: null, start: emptyAt, end: emptyAt, end2: emptyAt, flow: false },
      trivia: NO_TRIVIA,
      empty: true,
    };
  }

  /**
   * A value that starts on the key's (or dash's) line at `v`: scalar, flow sequence or block
   * scalar. Leaves `this.line` on the line after the value.
   */
  private inlineValue(
    v: number,
    le: number,
    pointer: string,
    depth: number,
    key: { keyStart?: number; keyEnd?: number },
    parentIndent: number,
  ): Node {
    const t = this.text;
    const c = t.charCodeAt(v);
    if (c === 124 || c === 62) return this.blockScalar(v, le, pointer, key, parentIndent);
    this.line++;
    if (c === 34 || c === 39) {
      const q = this.quoted(v, le);
      this.record(pointer, key.keyStart, key.keyEnd, v, q.end, c === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE');
      return { value: q.value, start: v, end: q.end, end2: this.lineEndAfter(q.end, le), flow: true };
    }
    if (c === 91) return this.flowSeq(v, le, pointer, depth, key);
    const p = this.plain(v, le, false);
    this.record(pointer, key.keyStart, key.keyEnd, v, p.end, 'PLAIN');
    return {
      value: resolvePlain(t.slice(v, p.end)),
      start: v,
      end: p.end,
      end2: this.lineEndAfter(p.end, le),
      flow: true,
    };
  }

  /** Where a one-line value's node ends: after trailing spaces, a comment and the newline. */
  private lineEndAfter(end: number, le: number): number {
    const t = this.text;
    let i = end;
    while (i < le && t.charCodeAt(i) === 32) i++;
    if (i < le) {
      if (t.charCodeAt(i) !== 35 || i === end) bail();
    }
    return Math.min(le + 1, t.length);
  }

  /** A plain scalar from `v`; in flow context it stops at `,` and `]`. */
  private plain(v: number, le: number, inFlow: boolean): { end: number } {
    const t = this.text;
    const c = t.charCodeAt(v);
    if (RESERVED_START.has(c)) bail();
    if (c === 45 || c === 63 || c === 58) {
      const n = t.charCodeAt(v + 1);
      if (v + 1 >= le || n === 32 || (inFlow && (n === 44 || n === 93))) bail();
    }
    let i = v;
    let end = v;
    while (i < le) {
      const ch = t.charCodeAt(i);
      if (ch === 32) {
        if (t.charCodeAt(i + 1) === 35) break;
        i++;
        continue;
      }
      if (ch === 58) {
        const n = i + 1 < le ? t.charCodeAt(i + 1) : 32;
        if (n === 32 || (inFlow && (n === 44 || n === 93 || n === 91 || n === 123 || n === 125))) bail();
      }
      if (inFlow && (ch === 44 || ch === 93)) break;
      if (inFlow && (ch === 91 || ch === 123 || ch === 125)) bail();
      i++;
      end = i;
    }
    return { end };
  }

  /** A single- or double-quoted scalar that closes on its own line and needs no escapes. */
  private quoted(v: number, le: number): { value: string; end: number } {
    const t = this.text;
    const q = t.charCodeAt(v);
    if (q === 34) {
      const close = t.indexOf('"', v + 1);
      if (close < 0 || close >= le) bail();
      const inner = t.slice(v + 1, close);
      if (inner.indexOf('\\') >= 0) bail();
      return { value: inner, end: close + 1 };
    }
    let i = v + 1;
    let out = '';
    let from = i;
    for (;;) {
      const close = t.indexOf("'", i);
      if (close < 0 || close >= le) bail();
      if (t.charCodeAt(close + 1) === 39 && close + 1 < le) {
        out += t.slice(from, close + 1);
        i = close + 2;
        from = i;
        continue;
      }
      out += t.slice(from, close);
      return { value: out, end: close + 1 };
    }
  }

  /** `[a, b, "c"]` on one line, scalars only. */
  private flowSeq(
    v: number,
    le: number,
    pointer: string,
    depth: number,
    key: { keyStart?: number; keyEnd?: number },
  ): Node {
    if (depth + 1 >= this.limits.maxDepth) bail();
    const t = this.text;
    const slot = this.record(pointer, key.keyStart, key.keyEnd, v, v, undefined);
    const out: unknown[] = [];
    let i = v + 1;
    const skip = () => {
      while (i < le && t.charCodeAt(i) === 32) i++;
    };
    skip();
    if (t.charCodeAt(i) === 93) {
      i++;
    } else {
      for (;;) {
        skip();
        if (i >= le) bail();
        const c = t.charCodeAt(i);
        const child = `${pointer}/${out.length}`;
        if (c === 34 || c === 39) {
          const q = this.quoted(i, le);
          this.record(child, undefined, undefined, i, q.end, c === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE');
          out.push(q.value);
          i = q.end;
        } else {
          if (c === 44 || c === 93 || c === 35) bail();
          const p = this.plain(i, le, true);
          // A plain scalar in a flow sequence ends before spaces that precede `,` or `]`.
          let e = p.end;
          while (e > i && t.charCodeAt(e - 1) === 32) e--;
          this.record(child, undefined, undefined, i, e, 'PLAIN');
          out.push(resolvePlain(t.slice(i, e)));
          i = p.end;
        }
        skip();
        const d = t.charCodeAt(i);
        if (d === 44) {
          i++;
          skip();
          if (t.charCodeAt(i) === 93) bail(); // A trailing comma.
          continue;
        }
        if (d === 93) {
          i++;
          break;
        }
        bail();
      }
    }
    this.spans.setEnd(slot, i);
    return { value: exactSize(out), start: v, end: i, end2: this.lineEndAfter(i, le), flow: true };
  }

  /** `>`, `>-`, `|` or `|-` with the text on the following, more indented lines. */
  private blockScalar(
    v: number,
    le: number,
    pointer: string,
    key: { keyStart?: number; keyEnd?: number },
    parentIndent: number,
  ): Node {
    const t = this.text;
    const folded = t.charCodeAt(v) === 62;
    let h = v + 1;
    let strip = false;
    if (t.charCodeAt(h) === 45) {
      strip = true;
      h++;
    }
    while (h < le && t.charCodeAt(h) === 32) h++;
    if (h !== le) bail(); // Indentation indicators, keep chomping, header comments.
    const first = this.line + 1;
    if (first >= this.n || this.kind[first] < 0 || this.kind[first] <= parentIndent) bail();
    const ci = this.kind[first];
    let last = first;
    const lines: string[] = [];
    let j = first;
    for (; j < this.n; j++) {
      const k = this.kind[j];
      if (k === -1) {
        if (this.lineEnd[j] !== this.lineStart[j]) bail(); // Whitespace-only lines inside.
        lines.push('');
        continue;
      }
      const ind = k >= 0 ? k : -2 - k;
      if (ind < ci) {
        if (ind > parentIndent) bail();
        break;
      }
      if (ind > ci || t.charCodeAt(this.lineEnd[j] - 1) === 32) bail(); // More-indented or trailing spaces.
      lines.push(t.slice(this.lineStart[j] + ci, this.lineEnd[j]));
      last = j;
    }
    if (this.lineEnd[last] >= t.length) bail(); // Content that runs into the end without a newline.
    lines.length = last - first + 1;
    let value: string;
    if (folded) {
      value = '';
      let blank = 0;
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i];
        if (l === '') {
          blank++;
          continue;
        }
        if (i > 0) value += blank > 0 ? '\n'.repeat(blank) : ' ';
        blank = 0;
        value += l;
      }
    } else value = lines.join('\n');
    if (!strip) value += '\n';
    const end = this.after(last);
    this.record(pointer, key.keyStart, key.keyEnd, v, end, folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL');
    this.line = last + 1;
    return { value, start: v, end, end2: end, flow: false };
  }
}

/**
 * An array without the spare room `push` leaves (V8 makes room for 17 items at the first push):
 * most lists in a taxonomy hold one to three items, and they live as long as the file.
 */
export function exactSize<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}

function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

function isKeyChar(c: number): boolean {
  return isKeyStart(c) || c === 45 || c === 46 || c === 47;
}

/** True when a `-` at `i` starts a sequence item (`- ` or a lone `-`). */
function isDashItem(t: string, i: number, le: number): boolean {
  return i + 1 >= le || t.charCodeAt(i + 1) === 32;
}

/** When `key: ...` (or `key:`) starts at `v`, the offset of the colon; else -1. */
function compactKeyEnd(t: string, v: number, le: number): number {
  if (!isKeyStart(t.charCodeAt(v))) return -1;
  let k = v;
  while (k < le && isKeyChar(t.charCodeAt(k))) k++;
  if (t.charCodeAt(k) === 58 && (k + 1 >= le || t.charCodeAt(k + 1) === 32)) return k;
  return -1;
}
