/**
 * One line of a YAML text as the cursor reader sees it: indentation, `- ` indicators, a key and
 * where its value starts, read from the text alone (the file is often not valid YAML while typed).
 */

export interface LineInfo {
  text: string;
  start: number;
  indent: number;
  /** Columns of the `- ` indicators at the start of the line. */
  dashes: number[];
  /** Column where the content after indentation and dashes begins. */
  contentCol: number;
  key?: string;
  keyCol?: number;
  /** Column right after the key's colon. */
  afterColon?: number;
  blank: boolean;
  comment: boolean;
  docMarker?: '---' | '...';
}

const KEY_RE =
  /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{[\],&*!|>%@`-][^#]*?|-[^\s#][^#]*?))[ \t]*:(?=[ \t]|$)/;

export function analyseLine(text: string, start: number): LineInfo {
  let col = 0;
  while (text[col] === ' ') col++;
  const indent = col;
  const info: LineInfo = { text, start, indent, dashes: [], contentCol: col, blank: false, comment: false };
  if (/^(---|\.\.\.)(\s|$)/.test(text)) {
    info.docMarker = text.startsWith('---') ? '---' : '...';
    return info;
  }
  while (text[col] === '-' && (col + 1 === text.length || text[col + 1] === ' ' || text[col + 1] === '\t')) {
    info.dashes.push(col);
    col++;
    while (text[col] === ' ' || text[col] === '\t') col++;
  }
  info.contentCol = col;
  const content = text.slice(col);
  if (content.trim() === '') info.blank = info.dashes.length === 0;
  else if (content.startsWith('#')) info.comment = info.dashes.length === 0;
  const m = KEY_RE.exec(content);
  if (m) {
    info.key = m[1] !== undefined ? m[1] : m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3].trim();
    info.keyCol = col;
    info.afterColon = col + m[0].length + 1;
  }
  return info;
}

/** The value written after a key (or after `- `), without a trailing comment. */
export function valueText(line: LineInfo): { text: string; col: number } {
  const col = line.afterColon ?? line.contentCol;
  const raw = line.text.slice(col);
  const lead = raw.length - raw.trimStart().length;
  return { text: stripComment(raw.trim()), col: col + lead };
}

export function stripComment(v: string): string {
  if (v.startsWith('"') || v.startsWith("'")) return v;
  const i = v.search(/(^|\s)#/);
  return i >= 0 ? v.slice(0, i).trimEnd() : v;
}

/** Bracket depth change of a flow collection's text, ignoring quoted parts. */
export function flowDepth(text: string, depth: number): number {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) break;
  }
  return depth;
}
