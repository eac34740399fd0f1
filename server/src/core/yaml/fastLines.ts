import { bail } from './fastFallback';

/**
 * The fast path's view of a text: where each line starts and ends and how it is indented, read
 * once before the parse, and the blank and comment lines (trivia) between values. The parser extends it, so the tables are its own fields (read in its
 * innermost loops), and the block scalar reader takes it as it is.
 */
export class LineTable {
  readonly lineStart: number[] = [];
  /** Where each line's content ends: its `\n`, or the `\r` of a `\r\n`. */
  readonly lineEnd: number[] = [];
  /** Indent of each line; -1 for a blank line, -2 - indent for a comment line. */
  readonly kind: number[] = [];
  /** Lines read by the parser: those before a closing `...` (the ones after it are trivia). */
  readonly n: number;
  /** Where the parsed lines end: the start of the `...` line, or the end of the text. */
  readonly contentEnd: number;
  /** The document's start when a `---` opens it (its offset), else undefined. */
  readonly docStart: number | undefined;
  /** The document's end when a `...` closes it (after that line), else undefined. */
  readonly docEnd: number | undefined;

  constructor(readonly text: string) {
    const t = text;
    // A byte order mark is not content: the `yaml` lexer skips it and ranges start after it.
    let s = t.charCodeAt(0) === 0xfeff ? 1 : 0;
    let content = false;
    let docStart: number | undefined;
    let endLine = -1;
    while (s <= t.length) {
      let e = t.indexOf('\n', s);
      if (e < 0) e = t.length;
      if (s === t.length && e === s) break;
      const next = e + 1;
      // CRLF line ends: the CR is not content; a CR anywhere else is left to the full parse.
      if (e > s && t.charCodeAt(e - 1) === 13) e--;
      this.lineStart.push(s);
      this.lineEnd.push(e);
      let i = s;
      while (i < e && t.charCodeAt(i) === 32) i++;
      if (i === e) this.kind.push(-1);
      else if (t.charCodeAt(i) === 35) this.kind.push(-2 - (i - s));
      else if (endLine >= 0)
        bail(); // Content after `...`: another document.
      else {
        const ind = i - s;
        // Document markers: one `---` before any content, one `...` after it; the rest belongs to the full parser.
        if (ind === 0) {
          const c = t.charCodeAt(i);
          if (c === 37) bail();
          if (
            (c === 45 || c === 46) &&
            t.startsWith(c === 45 ? '---' : '...', i) &&
            (i + 3 === e || t.charCodeAt(i + 3) === 32)
          ) {
            if (!markerRestIsTrivia(t, i + 3, e)) bail();
            if (c === 45) {
              if (content || docStart !== undefined) bail();
              docStart = i;
            } else {
              if (!content) bail();
              endLine = this.kind.length;
            }
            this.kind.push(-1);
            s = next;
            continue;
          }
        }
        content = true;
        this.kind.push(ind);
      }
      s = next;
    }
    if (t.indexOf('\r') >= 0 && /\r(?!\n)/.test(t)) bail();
    this.docStart = docStart;
    this.n = endLine >= 0 ? endLine : this.lineStart.length;
    this.contentEnd = endLine >= 0 ? this.lineStart[endLine] : t.length;
    this.docEnd = endLine >= 0 ? this.after(endLine) : undefined;
  }

  /** Skips blank and comment lines; from `line` on, returns the trivia they form and the next content line. */
  triviaFrom(line: number): { next: number; trivia: Trivia } {
    let j = line;
    let max = -1;
    while (j < this.n && this.kind[j] < 0) {
      if (this.kind[j] <= -2) max = Math.max(max, -2 - this.kind[j]);
      j++;
    }
    const end = j < this.n ? this.lineStart[j] + this.kind[j] : this.contentEnd;
    return { next: j, trivia: j > line ? { present: true, maxCommentIndent: max, end } : NO_TRIVIA };
  }

  /** Offset just past a line, its line end included. */
  after(line: number): number {
    return line + 1 < this.lineStart.length ? this.lineStart[line + 1] : this.text.length;
  }
}

/** Blank and comment lines after a collection's last value, waiting for a collection to keep them. */
export interface Trivia {
  /** False when there is none (the next content line follows the value directly). */
  present: boolean;
  /** The largest indent of a comment line among them, or -1 when there is none. */
  maxCommentIndent: number;
  /** Where they end: the next content token (indentation included) or the end of the text. */
  end: number;
}

export const NO_TRIVIA: Trivia = { present: false, maxCommentIndent: -1, end: 0 };

/**
 * The pop rule: a closing collection keeps the trailing trivia unless it sits at column 0 or
 * every comment in the trivia is less indented than it; kept trivia ends its node range.
 */
export function closeCollection(
  indent: number,
  offset: number,
  trivia: Trivia,
): { end: number; end2: number; trivia: Trivia } {
  if (indent !== 0 && trivia.maxCommentIndent >= indent) return { end: offset, end2: trivia.end, trivia: NO_TRIVIA };
  return { end: offset, end2: offset, trivia };
}

/** True when only spaces and a comment follow a document marker on its line. */
function markerRestIsTrivia(t: string, i: number, e: number): boolean {
  let j = i;
  while (j < e && t.charCodeAt(j) === 32) j++;
  return j === e || (j > i && t.charCodeAt(j) === 35);
}

/** True when `c` can start a key the fast path reads (a plain scalar of safe characters). */
export function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/** True when `c` can continue such a key. */
export function isKeyChar(c: number): boolean {
  return isKeyStart(c) || c === 45 || c === 46 || c === 47;
}

/** True when a `-` at `i` starts a sequence item (`- ` or a lone `-`). */
export function isDashItem(t: string, i: number, le: number): boolean {
  return i + 1 >= le || t.charCodeAt(i + 1) === 32;
}

/** When `key: ...` (or `key:`) starts at `v`, the offset of the colon; else -1. */
export function compactKeyEnd(t: string, v: number, le: number): number {
  const c = t.charCodeAt(v);
  let k = v;
  if (c === 34 || c === 39) k = quotedEnd(t, v, le);
  else if (!isKeyStart(c)) return -1;
  else while (k < le && isKeyChar(t.charCodeAt(k))) k++;
  if (k < 0) return -1;
  if (t.charCodeAt(k) === 58 && (k + 1 >= le || t.charCodeAt(k + 1) === 32)) return k;
  return -1;
}

/** After a quoted scalar at `v` that closes on its line without escapes, else -1 (the parser then decides). */
function quotedEnd(t: string, v: number, le: number): number {
  const q = t.charCodeAt(v);
  for (let i = v + 1; i < le; i++) {
    const c = t.charCodeAt(i);
    if (q === 34 && c === 92) return -1;
    if (c !== q) continue;
    if (q === 39 && i + 1 < le && t.charCodeAt(i + 1) === 39) i++;
    else return i + 1;
  }
  return -1;
}
