/**
 * Markdown prose for the term matcher.
 *
 * `maskMarkdown` returns a copy of a Markdown text of the same length in which everything that
 * is not prose is replaced by spaces (line breaks are kept), so offsets found in the copy are
 * offsets in the original and a term is never found in code or in a URL. Masked:
 *
 * - fenced code blocks (``` and ~~~, closed or running to the end) and inline code spans;
 * - link destinations and titles (`[text](url "title")`, `![alt](src)`), reference labels
 *   (`[text][ref]`), link reference definitions (`[ref]: url`), autolinks (`<https://...>`) and
 *   bare URLs; the link text and image alt text stay prose;
 * - HTML comments and tags (the text between tags stays prose);
 * - blockquote markers at the start of a line, so a term can run on across quoted lines;
 * - in YAML front matter (a `---` block at the very top), the delimiters, the keys and comments.
 *   Front-matter values are prose: a `title:` or `description:` is read by people like the
 *   body, so a deprecated term in it is flagged too.
 *
 * Indented code blocks are not masked: four-space indentation is far more often a nested list
 * paragraph than code in the docs this tool reads, and fenced code is the norm.
 */
export function maskMarkdown(text: string): string {
  const ranges: number[] = [];
  const blank = (from: number, to: number) => {
    if (to > from) ranges.push(Math.max(0, from), Math.min(to, text.length));
  };
  const lines = lineSpans(text);
  let li = 0;

  // Front matter: only at the very top of the file.
  if (lines.length && /^---\s*$/.test(lineOf(text, lines[0]))) {
    let close = -1;
    for (let k = 1; k < lines.length; k++) {
      if (/^(?:---|\.\.\.)\s*$/.test(lineOf(text, lines[k]))) {
        close = k;
        break;
      }
    }
    if (close > 0) {
      blank(lines[0].start, lines[0].end);
      blank(lines[close].start, lines[close].end);
      for (let k = 1; k < close; k++) maskFrontMatterLine(text, lines[k], blank);
      li = close + 1;
    }
  }

  // Fenced code blocks, line by line; the prose between them is scanned inline afterwards.
  const prose: { start: number; end: number }[] = [];
  let proseStart = li < lines.length ? lines[li].start : text.length;
  while (li < lines.length) {
    const line = lineOf(text, lines[li]);
    const open = /^(\s*(?:>\s*)*)(`{3,}|~{3,})(.*)$/.exec(line);
    if (open && !(open[2][0] === '`' && open[3].includes('`'))) {
      prose.push({ start: proseStart, end: lines[li].start });
      const fence = open[2];
      let k = li + 1;
      for (; k < lines.length; k++) {
        const close = /^\s*(?:>\s*)*(`{3,}|~{3,})\s*$/.exec(lineOf(text, lines[k]));
        if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      }
      const last = Math.min(k, lines.length - 1);
      blank(lines[li].start, lines[last].end);
      li = last + 1;
      proseStart = li < lines.length ? lines[li].start : text.length;
      continue;
    }
    li++;
  }
  prose.push({ start: proseStart, end: text.length });
  for (const p of prose) if (p.end > p.start) maskInline(text, p.start, p.end, blank);
  return applyBlanks(text, ranges);
}

/** The text with every range (pairs of offsets) replaced by spaces, line breaks kept. */
function applyBlanks(text: string, ranges: number[]): string {
  if (ranges.length === 0) return text;
  const order = Array.from({ length: ranges.length / 2 }, (_, k) => k).sort((a, b) => ranges[2 * a] - ranges[2 * b]);
  const parts: string[] = [];
  let pos = 0;
  for (const k of order) {
    const from = Math.max(ranges[2 * k], pos);
    const to = ranges[2 * k + 1];
    if (to <= from) continue;
    parts.push(text.slice(pos, from), text.slice(from, to).replace(/[^\r\n]/g, ' '));
    pos = to;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/** How far a link destination, reference label, tag or URL is looked for: real ones are shorter. */
const REACH = 2048;

const TAG = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+|\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?)>/y;
const URL = /(?:(?:https?|ftp):\/\/|mailto:|www\.)[^\s<>()[\]`]+/iy;

/**
 * Blanks inline code spans only: free text in taxonomy files is shown as Markdown in hovers, and
 * a word in backticks there is a mention ("formerly `target group`"), not a use.
 */
export function maskCodeSpans(text: string): string {
  if (!text.includes('`')) return text;
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let n = 0;
    while (text[i + n] === '`') n++;
    const close = findBacktickRun(text, i + n, text.length, n);
    if (close < 0) {
      i += n;
      continue;
    }
    out += text.slice(last, i) + text.slice(i, close + n).replace(/[^\r\n]/g, ' ');
    i = last = close + n;
  }
  return out + text.slice(last);
}

interface LineSpan {
  start: number;
  /** One past the last character, line break excluded. */
  end: number;
}

function lineSpans(text: string): LineSpan[] {
  const out: LineSpan[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i === text.length || c === 10 || c === 13) {
      out.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
      if (i >= text.length) break;
    }
  }
  return out;
}

function lineOf(text: string, l: LineSpan): string {
  return text.slice(l.start, l.end);
}

function maskFrontMatterLine(text: string, l: LineSpan, blank: (from: number, to: number) => void): void {
  const line = lineOf(text, l);
  // A comment: from a `#` at the start or after a space to the end of the line.
  const comment = /(?:^|\s)#.*$/.exec(line);
  if (comment) blank(l.start + comment.index, l.end);
  const key = /^(\s*(?:-\s+)?)([^\s#:][^:#]*?):(?=\s|$)/.exec(line);
  if (key) blank(l.start + key[1].length, l.start + key[0].length);
}

/** Masks code spans, links, HTML and URLs in one stretch of prose. */
function maskInline(text: string, from: number, to: number, blank: (from: number, to: number) => void): void {
  // Link reference definitions and blockquote markers are line-level.
  const defs = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$/gm;
  defs.lastIndex = from;
  for (let m = defs.exec(text); m && m.index < to; m = defs.exec(text))
    blank(m.index, Math.min(m.index + m[0].length, to));
  const quotes = /^[ \t]*(?:>[ \t]?)+/gm;
  quotes.lastIndex = from;
  for (let m = quotes.exec(text); m && m.index < to; m = quotes.exec(text)) {
    if (m[0].length === 0) {
      quotes.lastIndex++;
      continue;
    }
    blank(m.index, m.index + m[0].length);
  }

  // The next `)` and `]` at or after the scan: a `](` or `][` with none within reach is skipped
  // without a search, so text full of brackets stays linear.
  let nextParen = -1;
  let nextBracket = -1;
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 0;
      while (text[i + n] === '`') n++;
      const close = findBacktickRun(text, i + n, to, n);
      if (close >= 0) {
        blank(i, close + n);
        i = close + n;
      } else i += n;
      continue;
    }
    if (c === '<') {
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        const stop = end < 0 || end >= to ? to : end + 3;
        blank(i, stop);
        i = stop;
        continue;
      }
      TAG.lastIndex = i;
      const tag = TAG.exec(text);
      if (tag && tag[0].length <= REACH && i + tag[0].length <= to) {
        blank(i, i + tag[0].length);
        i += tag[0].length;
        continue;
      }
      i++;
      continue;
    }
    if (c === ']' && (text[i + 1] === '(' || text[i + 1] === '[')) {
      const limit = Math.min(to, i + REACH);
      let close = -1;
      if (text[i + 1] === '(') {
        if (nextParen < i + 2) nextParen = nextIndex(text, ')', i + 2);
        if (nextParen < limit) close = matchParen(text, i + 1, limit);
      } else {
        if (nextBracket < i + 2) nextBracket = nextIndex(text, ']', i + 2);
        if (nextBracket < limit) close = nextBracket;
      }
      if (close >= 0 && !/\n[ \t]*\r?\n/.test(text.slice(i + 2, close))) {
        blank(i + 1, close + 1);
        i = close + 1;
        continue;
      }
      i++;
      continue;
    }
    if ((c === 'h' || c === 'f' || c === 'm' || c === 'w') && (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]))) {
      URL.lastIndex = i;
      const url = URL.exec(text);
      if (url && i + url[0].length <= to) {
        // Trailing sentence punctuation is not part of the URL.
        const len = url[0].replace(/[.,;:!?'"]+$/, '').length;
        blank(i, i + len);
        i += len;
        continue;
      }
    }
    i++;
  }
}

/** The offset of the next `ch` in `text` from `from`, or the text's length when there is none. */
function nextIndex(text: string, ch: string, from: number): number {
  const k = text.indexOf(ch, from);
  return k < 0 ? text.length : k;
}

/** The start of the next run of exactly `n` backticks before a blank line, or -1. */
function findBacktickRun(text: string, from: number, to: number, n: number): number {
  let i = from;
  while (i < to) {
    if (text[i] === '`') {
      let k = 0;
      while (text[i + k] === '`') k++;
      if (k === n) return i;
      i += k;
      continue;
    }
    if (text[i] === '\n' && isBlankLineAfter(text, i)) return -1;
    i++;
  }
  return -1;
}

/** True when the line after the line break at `nl` is blank. */
function isBlankLineAfter(text: string, nl: number): boolean {
  let k = nl + 1;
  while (text[k] === ' ' || text[k] === '\t') k++;
  return text[k] === '\n' || text[k] === '\r' || k >= text.length;
}

/**
 * The `)` that closes the `(` at `open`, allowing balanced parentheses inside, or -1. As in
 * CommonMark implementations, nesting deeper than 32 is not a link, which also keeps text made of
 * brackets from being scanned again and again.
 */
function matchParen(text: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '(') {
      if (++depth > 32) return -1;
    } else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    } else if (c === '\n' && isBlankLineAfter(text, i)) return -1;
  }
  return -1;
}
