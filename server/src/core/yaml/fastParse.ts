import { FastAnchors } from './fastAnchors';
import { bail, FALLBACK } from './fastFallback';
import {
  closeCollection,
  compactKeyEnd,
  isDashItem,
  isKeyChar,
  isKeyStart,
  LineTable,
  NO_TRIVIA,
  type Trivia,
} from './fastLines';
import {
  blockScalar,
  flowMap,
  flowSeq,
  lineEndAfter,
  plainEnd,
  quotedScalar,
  resolvePlain,
  type FlowContext,
  type KeyPos,
  type Node,
} from './fastValues';
import { wrappedDouble, wrappedPlain, type Wrapped } from './fastWrapped';
import { pointerSegment } from './pointer';
import { SpanTable } from './spanTable';
import type { ParsedDoc, ParsedYaml, ParseLimits } from './types';
import { exactSize } from '../exactSize';

/**
 * A fast path for the YAML that taxonomy files are actually written in: one document of block
 * mappings and sequences, plain and simply quoted scalars (as values or keys; plain and
 * double-quoted ones may wrap over several lines), one-line flow sequences of scalars and flow
 * mappings of scalars or such sequences, and folded or literal block scalars; with LF or CRLF line
 * ends, a BOM, a leading `---` and a trailing `...`, `key: # comment` before a nested collection
 * or a more indented scalar or flow collection, anchors on values and aliases to them
 * (fastAnchors.ts). It reads the text line by line straight into the same `ParsedYaml` (values,
 * spans and no problems) that `parseYaml` builds from the `yaml` package's documents, about an
 * order of magnitude faster.
 *
 * It never guesses: anything it does not fully handle (anchors and aliases fastAnchors.ts leaves,
 * merge keys, tags, directives, more than one document, explicit keys, nested flow collections,
 * wrapped single-quoted scalars, escapes, tabs, a lone CR, duplicate keys, anything the `yaml`
 * composer would report) makes it return `undefined`, and the caller falls back to the full
 * parse. test/unit/fastParse*.test.ts prove the equivalence differentially on the samples, on
 * thousands of random mutations of them and on generated documents in each style.
 *
 * Where a value's span ends follows the `yaml` Parser exactly, including where comment lines
 * go: a comment line more indented than its collection, right after a one-line value, extends
 * that value; trailing comment lines stay in the innermost collection that closes unless every
 * one of them is less indented than it (or it sits at column 0), in which case they move up.
 */
export function fastParseYaml(text: string, limits: ParseLimits): ParsedYaml | undefined {
  if (text.length === 0 || text.indexOf('\t') >= 0) return undefined;
  try {
    return new FastParser(text, limits).parse();
  } catch (err) {
    if (err === FALLBACK || err instanceof RangeError) return undefined;
    throw err;
  }
}

class FastParser extends LineTable {
  private readonly spans = new SpanTable();
  private readonly anchors: FastAnchors;
  private readonly flow: FlowContext;
  private line = 0;

  constructor(
    text: string,
    private readonly limits: ParseLimits,
  ) {
    super(text);
    this.anchors = new FastAnchors(limits);
    this.flow = { spans: this.spans, anchors: this.anchors, maxDepth: limits.maxDepth };
  }

  parse(): ParsedYaml {
    let first = 0;
    while (first < this.n && this.kind[first] < 0) first++;
    if (first === this.n || this.kind[first] !== 0) bail();
    this.line = first;
    const root = this.blockMap(0, '', 0, { keyStart: undefined, keyEnd: undefined });
    if (this.line < this.n) bail();
    // Trivia after the root's last value ends the document, which then runs to the end of the text.
    // A closing `...` ends it after that line instead; an opening `---` starts it.
    const end = this.docEnd ?? (root.trivia.present ? this.text.length : root.node.end2);
    this.spans.seal();
    const start = this.docStart ?? root.node.start;
    const doc: ParsedDoc = { index: 0, value: root.node.value, spans: this.spans, start, end };
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

  /** A block mapping whose first key is on `this.line` at column `indent` (from `col` on that line). */
  private blockMap(
    indent: number,
    pointer: string,
    depth: number,
    key: KeyPos,
    firstCol?: number,
  ): { node: Node; trivia: Trivia } {
    if (depth >= this.limits.maxDepth) bail();
    const t = this.text;
    const out: Record<string, unknown> = {};
    const lineOf = this.line;
    const start = this.lineStart[lineOf] + (firstCol ?? indent);
    const slot = this.record(pointer, key.keyStart, key.keyEnd, start, start, undefined);
    let offset: number;
    let trivia: Trivia;
    let firstItem = true;
    for (;;) {
      const line = this.line;
      const ls = this.lineStart[line];
      const le = this.lineEnd[line];
      const ks = firstItem && firstCol !== undefined ? ls + firstCol : ls + indent;
      firstItem = false;
      // The key: a plain scalar of safe characters or a quoted one, then `:` and a space or the line end.
      let k = ks;
      const c0 = t.charCodeAt(k);
      let keyStr: string;
      if (c0 === 34 || c0 === 39) {
        const q = quotedScalar(t, ks, le);
        k = q.end;
        keyStr = q.value;
      } else {
        if (!isKeyStart(c0)) bail();
        while (k < le && isKeyChar(t.charCodeAt(k))) k++;
        const keyValue = resolvePlain(t.slice(ks, k));
        keyStr = typeof keyValue === 'string' ? keyValue : (JSON.stringify(keyValue) ?? String(keyValue));
      }
      if (t.charCodeAt(k) !== 58 || (k + 1 < le && t.charCodeAt(k + 1) !== 32) || k - ks > 1000) bail();
      if (keyStr === '__proto__' || Object.prototype.hasOwnProperty.call(out, keyStr)) bail();
      const child = `${pointer}/${pointerSegment(keyStr)}`;
      const keyPos = { keyStart: ks, keyEnd: k };
      let v = k + 1;
      while (v < le && t.charCodeAt(v) === 32) v++;
      const anchor = t.charCodeAt(v) === 38 ? this.anchors.open(t, v, le, false) : undefined;
      if (anchor) v = anchor.next;
      let node: Node;
      let emptyValue = false;
      if (v === le || t.charCodeAt(v) === 35) {
        // `key: # comment`: fine before a nested collection; an empty value is left to the full parse.
        const res = this.nestedValue(indent, v, child, depth, keyPos, true, v < le);
        // `key: &name` anchors a block collection on the next lines; anything else there falls back.
        if (anchor && (res.empty || res.node.flow)) bail();
        node = res.node;
        trivia = res.trivia;
        // After an empty value, blank lines belong to its separator, not to trailing trivia.
        emptyValue = res.empty;
        if (node.flow) this.extendFlowEnd(node, indent);
      } else {
        node = this.inlineValue(v, le, child, depth, keyPos, indent);
        if (node.flow) this.extendFlowEnd(node, indent);
        trivia = NO_TRIVIA;
      }
      if (anchor) this.anchors.define(anchor, node.value);
      out[keyStr] = node.value;
      offset = node.end2;
      // What follows: the next key of this map, or the end of it.
      const { next, trivia: after } = this.triviaFrom(this.line);
      if (trivia !== NO_TRIVIA && next > this.line) bail();
      if (next === this.n || this.kind[next] < indent) {
        const merged = trivia !== NO_TRIVIA ? trivia : emptyValue ? NO_TRIVIA : after;
        this.line = next;
        const closed = closeCollection(indent, offset, merged);
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
  private blockSeq(indent: number, pointer: string, depth: number, key: KeyPos): { node: Node; trivia: Trivia } {
    if (depth >= this.limits.maxDepth) bail();
    const t = this.text;
    const out: unknown[] = [];
    const start = this.lineStart[this.line] + indent;
    const slot = this.record(pointer, key.keyStart, key.keyEnd, start, start, undefined);
    let offset: number;
    for (;;) {
      const line = this.line;
      const ls = this.lineStart[line];
      const le = this.lineEnd[line];
      const dash = ls + indent;
      if (t.charCodeAt(dash) !== 45 || !isDashItem(t, dash, le)) bail();
      let v = dash + 1;
      while (v < le && t.charCodeAt(v) === 32) v++;
      const anchor = t.charCodeAt(v) === 38 ? this.anchors.open(t, v, le, false) : undefined;
      if (anchor) v = anchor.next;
      const child = `${pointer}/${out.length}`;
      let node: Node;
      let trivia = NO_TRIVIA;
      if (t.charCodeAt(v) === 45 && isDashItem(t, v, le)) bail(); // `- - a`
      const keyEnd = v === le || t.charCodeAt(v) === 35 ? -1 : compactKeyEnd(t, v, le);
      if (v === le || t.charCodeAt(v) === 35) {
        // `- &name` before a block collection on the next lines; an empty item or a bare `- ` falls back.
        const res = anchor ? this.nestedValue(indent, v, child, depth, {}, false, v < le) : bail();
        if (res.empty) bail();
        node = res.node;
        trivia = res.trivia;
      } else if (keyEnd >= 0) {
        if (anchor) bail(); // `- &name key: value` anchors the key.
        // `- key: value`: a mapping whose column is that of its first key.
        const res = this.blockMap(v - ls, child, depth + 1, {}, v - ls);
        node = res.node;
        trivia = res.trivia;
      } else {
        node = this.inlineValue(v, le, child, depth, {}, indent);
        if (node.flow) this.extendFlowEnd(node, indent);
      }
      if (anchor) this.anchors.define(anchor, node.value);
      out.push(node.value);
      offset = node.end2;
      const { next, trivia: after } = this.triviaFrom(this.line);
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
        const closed = closeCollection(indent, offset, merged);
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
    key: KeyPos,
    inMap: boolean,
    commented = false,
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
        if (compactKeyEnd(t, first, this.lineEnd[j]) < 0) {
          // `key: # note` then a scalar or a one-line flow collection, more indented; block scalars and comment lines between fall back.
          const c = t.charCodeAt(first);
          if (!commented || sawComment || !inMap || ind <= indent || c === 124 || c === 62) bail();
          this.line = j;
          return {
            node: this.inlineValue(first, this.lineEnd[j], pointer, depth, key, indent),
            trivia: NO_TRIVIA,
            empty: false,
          };
        }
        return { ...this.blockMap(ind, pointer, depth + 1, key), empty: false };
      }
    }
    // An empty value; comment lines before the next key would land in its range, so leave those.
    if (sawComment || commented) bail();
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
  private inlineValue(v: number, le: number, pointer: string, depth: number, key: KeyPos, parentIndent: number): Node {
    const t = this.text;
    const c = t.charCodeAt(v);
    if (c === 42) {
      // `*name`: a copy of the anchored value (fastAnchors.ts), spanned like the full parse's alias node.
      const alias = this.anchors.alias(t, v, le, false, depth + 1);
      this.line++;
      this.record(pointer, key.keyStart, key.keyEnd, v, alias.end, undefined);
      return { value: alias.value, start: v, end: alias.end, end2: lineEndAfter(t, alias.end, le), flow: true };
    }
    if (c === 124 || c === 62) {
      const block = blockScalar(this, this.line, v, le, pointer, key, parentIndent, this.spans);
      this.line = block.next;
      return block.node;
    }
    if (c === 34) {
      const close = t.indexOf('"', v + 1);
      if (close < 0 || close >= le)
        return this.wrapped(wrappedDouble(this, this.line, v, parentIndent), v, pointer, key);
    }
    if (c === 34 || c === 39) {
      this.line++;
      const q = quotedScalar(t, v, le);
      this.record(pointer, key.keyStart, key.keyEnd, v, q.end, c === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE');
      return { value: q.value, start: v, end: q.end, end2: lineEndAfter(t, q.end, le), flow: true };
    }
    if (c === 91 || c === 123) {
      this.line++;
      if (depth + 1 >= this.limits.maxDepth) bail();
      if (c === 91) return flowSeq(t, v, le, pointer, key, depth + 1, this.flow);
      return flowMap(t, v, le, pointer, key, depth + 1, this.flow);
    }
    const end = plainEnd(t, v, le, false);
    let r = end;
    while (r < le && t.charCodeAt(r) === 32) r++;
    // Nothing after the scalar on its line: it may go on over the next lines.
    const wrapped = r === le ? wrappedPlain(this, this.line, v, end, parentIndent) : undefined;
    if (wrapped) return this.wrapped(wrapped, v, pointer, key);
    this.line++;
    this.record(pointer, key.keyStart, key.keyEnd, v, end, 'PLAIN');
    return {
      value: resolvePlain(t.slice(v, end)),
      start: v,
      end,
      end2: lineEndAfter(t, end, le),
      flow: true,
    };
  }

  /** A plain or double-quoted scalar that ran over several lines (fastWrapped.ts); leaves `this.line` after it. */
  private wrapped(w: Wrapped, v: number, pointer: string, key: KeyPos): Node {
    const t = this.text;
    const double = t.charCodeAt(v) === 34;
    this.record(pointer, key.keyStart, key.keyEnd, v, w.end, double ? 'QUOTE_DOUBLE' : 'PLAIN');
    this.line = w.last + 1;
    return {
      value: double ? w.text : resolvePlain(w.text),
      start: v,
      end: w.end,
      end2: lineEndAfter(t, w.end, this.lineEnd[w.last]),
      flow: true,
    };
  }
}
