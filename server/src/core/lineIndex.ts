import type { Position, Range } from './types';

/** The offsets where the text's lines start (after LF, CRLF or a lone CR), the first 0. */
export function lineStarts(text: string): Int32Array {
  // Counted first, so the offsets go straight into an array of the right size.
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      count++;
    }
  }
  const starts = new Int32Array(count);
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts[n++] = i + 1;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts[n++] = i + 1;
    }
  }
  return starts;
}

/**
 * Converts between string offsets and LSP positions for one text. JavaScript strings are UTF-16,
 * so a string offset within a line is already the LSP character: no re-encoding is needed.
 */
export class LineIndex {
  /** Offsets where lines start, in a typed array: every file keeps its index (~2 MB of plain lists on M). */
  private readonly starts: Int32Array;
  /** The text's length: ranges are worked out without the text. */
  readonly length: number;
  #text: string | undefined;
  /** Where the text is read once it is not held (`readThrough`). */
  #source: (() => string) | undefined;

  /** `starts`, when given, is what `lineStarts(text)` gives, worked out elsewhere (a parse worker). */
  constructor(text: string, starts?: Int32Array) {
    this.#text = text;
    this.length = text.length;
    this.starts = starts ?? lineStarts(text);
  }

  /** The text the index is of. */
  get text(): string {
    return this.#text ?? (this.#source as () => string)();
  }

  /**
   * Stops holding the text and reads it through `source` when asked (a file that keeps its text
   * packed): the index is kept as long as the file, and would otherwise keep the text with it.
   */
  readThrough(source: () => string): void {
    this.#source = source;
    this.#text = undefined;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of an offset; offsets past the end clamp to the end of the text. */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** The offset of a position; positions outside the text clamp to it. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.length;
    const start = this.starts[position.line];
    const end = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.length;
    return Math.max(start, Math.min(start + position.character, end));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The text of one line without its line break. */
  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    const start = this.starts[line];
    const end = line + 1 < this.starts.length ? this.starts[line + 1] : this.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}

/** The line break a file uses: CRLF when its first line break is one. */
export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** The offset where the line holding `offset` starts. */
export function lineStartAt(text: string, offset: number): number {
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i + 1;
  }
  return 0;
}

/** The offset where the line holding `offset` ends (before its line break). */
export function lineEndAt(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}
