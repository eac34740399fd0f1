import { Document, isScalar } from 'yaml';
import { exactSize } from '../exactSize';
import { bail } from './fastFallback';
import { isKeyChar, isKeyStart } from './fastLines';
import { childPointer } from './pointer';
import type { FastAnchors } from './fastAnchors';
import type { LineTable } from './fastLines';
import type { SpanTable } from './spanTable';

/** A composed value: its plain value and `yaml`'s range [start, valueEnd, nodeEnd]. */
export interface Node {
  value: unknown;
  start: number;
  end: number;
  end2: number;
  /** One-line values (plain, quoted, flow) whose end more-indented comment lines extend. */
  flow: boolean;
}

/** Where the key that names a value sits, when the value is a mapping entry. */
export interface KeyPos {
  keyStart?: number;
  keyEnd?: number;
}

/** What the flow collection readers record into: the document's spans and anchors, and the depth limit. */
export interface FlowContext {
  spans: SpanTable;
  anchors: FastAnchors;
  maxDepth: number;
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

/** The value of a plain scalar's text (a string, number, boolean or null). */
export function resolvePlain(s: string): unknown {
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

/** Characters a plain scalar may not start with (besides `-`, `?`, `:` that need care). */
const RESERVED_START = new Set([...'[]{},#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/** Where a one-line value's node ends: after trailing spaces, a comment and the newline. */
export function lineEndAfter(t: string, end: number, le: number): number {
  let i = end;
  while (i < le && t.charCodeAt(i) === 32) i++;
  if (i < le) {
    if (t.charCodeAt(i) !== 35 || i === end) bail();
  }
  return Math.min(le + (t.charCodeAt(le) === 13 ? 2 : 1), t.length);
}

/** Where a plain scalar from `v` ends; in a flow collection (`closer` `]` or `}`) it stops at `,` and the closer. */
export function plainEnd(t: string, v: number, le: number, inFlow: boolean, closer = 93): number {
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
    if (inFlow && (ch === 44 || ch === closer)) break;
    if (inFlow && (ch === 91 || ch === 93 || ch === 123 || ch === 125)) bail();
    i++;
    end = i;
  }
  return end;
}

/** A single- or double-quoted scalar that closes on its own line and needs no escapes. */
export function quotedScalar(t: string, v: number, le: number): { value: string; end: number } {
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

/** A quoted or plain scalar or an alias at `i` (at `depth`) inside a flow collection closed by `closer`; records its span. */
function flowScalar(
  t: string,
  i: number,
  le: number,
  pointer: string,
  key: KeyPos,
  ctx: FlowContext,
  depth: number,
  closer: number,
): { value: unknown; next: number } {
  const spans = ctx.spans;
  const c = t.charCodeAt(i);
  if (c === 42) {
    const alias = ctx.anchors.alias(t, i, le, true, depth);
    spans.record(pointer, key.keyStart, key.keyEnd, i, alias.end, undefined);
    return { value: alias.value, next: alias.end };
  }
  if (c === 34 || c === 39) {
    const q = quotedScalar(t, i, le);
    spans.record(pointer, key.keyStart, key.keyEnd, i, q.end, c === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE');
    return { value: q.value, next: q.end };
  }
  if (c === 44 || c === closer || c === 35) bail();
  const pEnd = plainEnd(t, i, le, true, closer);
  // A plain scalar in a flow collection ends before spaces that precede `,` or the closer.
  let e = pEnd;
  while (e > i && t.charCodeAt(e - 1) === 32) e--;
  spans.record(pointer, key.keyStart, key.keyEnd, i, e, 'PLAIN');
  return { value: resolvePlain(t.slice(i, e)), next: pEnd };
}

/**
 * `{ id: x, owner: "y", kpis: [a, b] }` on one line (a node at `depth`), with simple or quoted keys
 * and scalar values, aliases or flow sequences of scalars (not at the depth limit), anchored or
 * not; records its spans.
 */
export function flowMap(
  t: string,
  v: number,
  le: number,
  pointer: string,
  key: KeyPos,
  depth: number,
  ctx: FlowContext,
): Node {
  const spans = ctx.spans;
  const slot = spans.record(pointer, key.keyStart, key.keyEnd, v, v, undefined);
  const out: Record<string, unknown> = {};
  let i = v + 1;
  const skip = () => {
    while (i < le && t.charCodeAt(i) === 32) i++;
  };
  skip();
  if (t.charCodeAt(i) === 125) i++;
  else {
    for (;;) {
      skip();
      const ks = i;
      const c = t.charCodeAt(i);
      let keyStr: string;
      if (c === 34 || c === 39) {
        const q = quotedScalar(t, i, le);
        keyStr = q.value;
        i = q.end;
      } else {
        if (!isKeyStart(c)) bail();
        while (i < le && isKeyChar(t.charCodeAt(i))) i++;
        const kv = resolvePlain(t.slice(ks, i));
        if (typeof kv !== 'string') bail();
        keyStr = kv;
      }
      if (t.charCodeAt(i) !== 58 || t.charCodeAt(i + 1) !== 32) bail();
      if (keyStr === '__proto__' || Object.prototype.hasOwnProperty.call(out, keyStr)) bail();
      const keyEnd = i;
      i += 2;
      skip();
      const at = childPointer(pointer, keyStr);
      const anchor = t.charCodeAt(i) === 38 ? ctx.anchors.open(t, i, le, true) : undefined;
      if (anchor) i = anchor.next;
      // A value may be a flow sequence of scalars (`kpis: [a, b]`), one level deeper.
      const nested = t.charCodeAt(i) === 91;
      if (nested && depth + 1 >= ctx.maxDepth) bail();
      const item = nested
        ? flowSeqItems(t, i, le, at, { keyStart: ks, keyEnd }, depth + 1, ctx)
        : flowScalar(t, i, le, at, { keyStart: ks, keyEnd }, ctx, depth + 1, 125);
      if (anchor) ctx.anchors.define(anchor, item.value);
      out[keyStr] = item.value;
      i = afterFlowItem(t, item.next, le, 125);
      if (i < 0) {
        i = -i;
        break;
      }
    }
  }
  spans.setEnd(slot, i);
  return { value: out, start: v, end: i, end2: lineEndAfter(t, i, le), flow: true };
}

/**
 * After a flow item at `i`: the offset of the next item after `, ` (positive), or the negated
 * offset just after the closing bracket `close` (`]` 93, `}` 125); anything else, including a
 * trailing comma, falls back.
 */
function afterFlowItem(t: string, i: number, le: number, close: number): number {
  while (i < le && t.charCodeAt(i) === 32) i++;
  const d = t.charCodeAt(i);
  if (d === close) return -(i + 1);
  if (d !== 44) bail();
  i++;
  while (i < le && t.charCodeAt(i) === 32) i++;
  if (t.charCodeAt(i) === close) bail(); // A trailing comma.
  return i;
}

/** `[a, b, "c"]` on one line (a node at `depth`), scalars or aliases only; records its span and its items'. */
export function flowSeq(
  t: string,
  v: number,
  le: number,
  pointer: string,
  key: KeyPos,
  depth: number,
  ctx: FlowContext,
): Node {
  const seq = flowSeqItems(t, v, le, pointer, key, depth, ctx);
  return { value: seq.value, start: v, end: seq.next, end2: lineEndAfter(t, seq.next, le), flow: true };
}

/** The items of `[a, b, "c"]` from `v` (scalars or aliases, anchored or not), recorded; returns them and the offset after `]`. */
function flowSeqItems(
  t: string,
  v: number,
  le: number,
  pointer: string,
  key: KeyPos,
  depth: number,
  ctx: FlowContext,
): { value: unknown[]; next: number } {
  const spans = ctx.spans;
  const slot = spans.record(pointer, key.keyStart, key.keyEnd, v, v, undefined);
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
      const anchor = t.charCodeAt(i) === 38 ? ctx.anchors.open(t, i, le, true) : undefined;
      if (anchor) i = anchor.next;
      const item = flowScalar(t, i, le, `${pointer}/${out.length}`, {}, ctx, depth + 1, 93);
      if (anchor) ctx.anchors.define(anchor, item.value);
      out.push(item.value);
      i = afterFlowItem(t, item.next, le, 93);
      if (i < 0) {
        i = -i;
        break;
      }
    }
  }
  spans.setEnd(slot, i);
  return { value: exactSize(out), next: i };
}

/**
 * `>`, `>-`, `|` or `|-` at `v` on `line`, with the text on the following, more indented lines;
 * records its span. Returns the value and the line after it.
 */
export function blockScalar(
  lines: LineTable,
  line: number,
  v: number,
  le: number,
  pointer: string,
  key: KeyPos,
  parentIndent: number,
  spans: SpanTable,
): { node: Node; next: number } {
  const t = lines.text;
  const { lineStart, lineEnd, kind, n } = lines;
  const folded = t.charCodeAt(v) === 62;
  let h = v + 1;
  let strip = false;
  if (t.charCodeAt(h) === 45) {
    strip = true;
    h++;
  }
  while (h < le && t.charCodeAt(h) === 32) h++;
  if (h !== le) bail(); // Indentation indicators, keep chomping, header comments.
  const first = line + 1;
  if (first >= n || kind[first] < 0 || kind[first] <= parentIndent) bail();
  const ci = kind[first];
  let last = first;
  const texts: string[] = [];
  let j = first;
  let spacey = -1;
  for (; j < n; j++) {
    const k = kind[j];
    if (k === -1) {
      // A line of spaces no deeper than the content is an empty line; deeper ones are content.
      if (lineEnd[j] !== lineStart[j]) {
        if (lineEnd[j] - lineStart[j] > ci) bail();
        spacey = j;
      }
      texts.push('');
      continue;
    }
    const ind = k >= 0 ? k : -2 - k;
    if (ind < ci) {
      if (ind > parentIndent) bail();
      break;
    }
    if (ind > ci) bail(); // More-indented lines keep their breaks when folded.
    texts.push(t.slice(lineStart[j] + ci, lineEnd[j]));
    last = j;
  }
  if (lineEnd[last] >= t.length) bail(); // Content that runs into the end without a newline.
  if (spacey > last) bail(); // Lines of spaces after the content: where the value ends is the full parse's call.
  texts.length = last - first + 1;
  let value: string;
  if (folded) {
    value = '';
    let blank = 0;
    for (let i = 0; i < texts.length; i++) {
      const l = texts[i];
      if (l === '') {
        blank++;
        continue;
      }
      if (i > 0) value += blank > 0 ? '\n'.repeat(blank) : ' ';
      blank = 0;
      value += l;
    }
  } else value = texts.join('\n');
  if (!strip) value += '\n';
  const end = lines.after(last);
  spans.record(pointer, key.keyStart, key.keyEnd, v, end, folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL');
  return { node: { value, start: v, end, end2: end, flow: false }, next: last + 1 };
}
