import { bail } from './fastFallback';

/**
 * The fast path's view of a text: where each line starts and ends and how it is indented, read
 * once before the parse. The parser extends it, so the tables are its own fields (read in its
 * innermost loops), and the block scalar reader takes it as it is.
 */
export class LineTable {
  readonly lineStart: number[] = [];
  readonly lineEnd: number[] = [];
  /** Indent of each line; -1 for a blank line, -2 - indent for a comment line. */
  readonly kind: number[] = [];
  readonly n: number;

  constructor(readonly text: string) {
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
  after(line: number): number {
    return Math.min(this.lineEnd[line] + 1, this.text.length);
  }
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
  if (!isKeyStart(t.charCodeAt(v))) return -1;
  let k = v;
  while (k < le && isKeyChar(t.charCodeAt(k))) k++;
  if (t.charCodeAt(k) === 58 && (k + 1 >= le || t.charCodeAt(k + 1) === 32)) return k;
  return -1;
}
