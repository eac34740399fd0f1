import { bail } from './fastFallback';
import type { LineTable } from './fastLines';

/** A scalar that runs over several lines: its folded text, where it ends and its last line. */
export interface Wrapped {
  text: string;
  end: number;
  last: number;
}

/** Characters that may start a continuation line of a plain scalar here (letters, digits, a few marks). */
function safeContinuationStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 40 || c === 95 || c > 127;
}

/**
 * Folds the lines of a wrapped scalar: a single break becomes a space, n blank lines n newlines.
 * In a double-quoted scalar (`quoted`) the last part is content even when empty (a break right
 * before the closing quote).
 */
function fold(parts: string[], quoted = false): string {
  let out = parts[0];
  let blank = 0;
  for (let i = 1; i < parts.length; i++) {
    if (parts[i] === '' && !(quoted && i === parts.length - 1)) {
      blank++;
      continue;
    }
    out += blank > 0 ? '\n'.repeat(blank) : ' ';
    blank = 0;
    out += parts[i];
  }
  return out;
}

/** Spaces trimmed from both ends of a line's content. */
function trimmed(t: string, s: number, e: number): string {
  while (s < e && t.charCodeAt(s) === 32) s++;
  while (e > s && t.charCodeAt(e - 1) === 32) e--;
  return t.slice(s, e);
}

/**
 * A plain scalar whose first line ends at `end` (no comment after it) continued on the next,
 * more indented lines. Undefined when it does not continue. Continuation lines that could be
 * read otherwise (indicators, `: `, ` #`, a comment line) are left to the full parse.
 */
export function wrappedPlain(
  lines: LineTable,
  line: number,
  v: number,
  end: number,
  parentIndent: number,
): Wrapped | undefined {
  const t = lines.text;
  const { lineStart, lineEnd, kind, n } = lines;
  const parts = [t.slice(v, end)];
  let last = line;
  let lastEnd = end;
  let blanks = 0;
  for (let j = line + 1; j < n; j++) {
    const k = kind[j];
    if (k === -1) {
      blanks++;
      continue;
    }
    if (k <= parentIndent) break;
    if (k < 0) bail(); // A more-indented comment line after a plain scalar: the full parse decides.
    const s = lineStart[j] + k;
    const e = lineEnd[j];
    if (!safeContinuationStart(t.charCodeAt(s))) bail();
    for (let i = s; i < e; i++) {
      const c = t.charCodeAt(i);
      if ((c === 58 || c === 35) && (i + 1 === e || t.charCodeAt(i + 1) === 32 || t.charCodeAt(i - 1) === 32)) bail();
    }
    for (let b = 0; b < blanks; b++) parts.push('');
    blanks = 0;
    parts.push(trimmed(t, s, e));
    last = j;
    lastEnd = e;
    while (t.charCodeAt(lastEnd - 1) === 32) lastEnd--;
  }
  if (last === line) return undefined;
  return { text: fold(parts), end: lastEnd, last };
}

/**
 * A double-quoted scalar from `v` that closes on a later, more indented line, without escapes;
 * the text after the closing quote is left to the caller.
 */
export function wrappedDouble(lines: LineTable, line: number, v: number, parentIndent: number): Wrapped {
  const t = lines.text;
  const { lineStart, lineEnd, kind, n } = lines;
  const parts: string[] = [];
  for (let j = line; j < n; j++) {
    const s = j === line ? v + 1 : lineStart[j];
    const e = lineEnd[j];
    if (j > line) {
      const k = kind[j];
      const ind = k >= -1 ? k : -2 - k;
      if (k !== -1 && ind <= parentIndent) bail();
    }
    const close = t.indexOf('"', s);
    const stop = close >= 0 && close < e ? close : e;
    if (t.slice(s, stop).indexOf('\\') >= 0) bail();
    // Leading spaces of the first line are content; trailing ones before a break are not.
    let a = s;
    if (j > line) while (a < stop && t.charCodeAt(a) === 32) a++;
    let b = stop;
    if (stop === e) while (b > a && t.charCodeAt(b - 1) === 32) b--;
    parts.push(t.slice(a, b));
    if (stop < e) {
      if (j === line) bail(); // Closes on its first line: not wrapped.
      return { text: fold(parts, true), end: stop + 1, last: j };
    }
  }
  return bail();
}
