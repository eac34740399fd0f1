/**
 * Escaping for every output language the tool writes (Markdown for hover cards, completion docs
 * and the CLI's reports; HTML, XML, CSV, GitHub workflow commands, JSON and the terminal for the
 * CLI): the one place user text (names, definitions, file names, messages quoting them) is made
 * safe for each. Every formatter and card routes user text through one of these functions and
 * never concatenates it raw; the front ends never mark the result as trusted.
 *
 * Two promises hold for every function here. No control character reaches the output as itself
 * (a terminal would run escape sequences). And no line break survives as a line break, so user
 * text cannot start a line of the output: CI runners read a line starting with `::` (GitHub
 * Actions, even after leading spaces) or `##vso[` (Azure Pipelines) as a command to the runner.
 * Where the tool itself puts user text first on a line, {@link guardLineStart} is applied too.
 * (The exception is {@link escapeMarkdown}, which keeps line breaks for hover cards' paragraphs and
 * escapes the start of every line instead.)
 */

/** Every character a log viewer or runner may take as the end of a line. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** Line breaks replaced by one space (Markdown, CSV: a flowing text loses nothing but the break). */
function flattenLines(s: string): string {
  return s.replace(LINE_BREAK, ' ');
}

/**
 * Text placed at the start of an output line: a leading `::` or `##` (the command prefixes of
 * GitHub Actions and Azure Pipelines, which runners read after leading whitespace) gets a
 * backslash before it, so the line is shown, never run.
 */
function guardLineStart(s: string): string {
  return s.replace(/^(\s*)(::|##)/, '$1\\$2');
}

/** Characters XML 1.0 forbids even as character references: C0 controls but tab, LF, CR; lone surrogates; U+FFFE/FFFF. */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A line break as a numeric character reference: a reader gets the break back, the file keeps the line. */
const breakRef = (c: string) => `&#${c.charCodeAt(0)};`;

/**
 * Text content of an XML element. Forbidden characters become U+FFFD so the document stays
 * well-formed; line breaks become character references, which parsers read back as breaks.
 */
export function xmlText(s: string): string {
  return s
    .replace(XML_INVALID, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\r\n\u0085\u2028\u2029]/g, breakRef);
}

/** An XML attribute value (double-quoted). Line breaks and tabs are kept as character references, which attribute normalisation would otherwise turn into spaces. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;');
}

/** HTML text or a double-quoted attribute value; line breaks and control characters become character references. */
export function html(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029]/g, (c) =>
        c === '\u0000' ? '\uFFFD' : breakRef(c),
      )
  );
}

// Markdown (CommonMark and GFM)

/**
 * Markdown text that keeps its line breaks (hover and completion paragraphs): backslash-escapes
 * every character that can open markup
 * (emphasis, code, links, images, HTML, entities, tables, strikethrough) and breaks the patterns
 * GFM turns into links on its own (`scheme:`, `www.`, `user@host`).
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]<>()#!|~&:@{}$]/g, '\\$&')
      .replace(/\b(www)\./gi, '$1\\.')
      .replace(/^(\s*)([-+=])/gm, '$1\\$2')
      // Only punctuation can be backslash-escaped: an ordered list is broken after its number.
      .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
  );
}

/**
 * An id or value in a card: an inline code span, which Markdown never interprets, when it can be
 * one; text that would end the span early (a backtick) or spread over lines is escaped instead.
 * Reports, whose code spans may sit in a table, use {@link mdCode}.
 */
export function inlineCode(text: string): string {
  if (text === '' || /[`\r\n]/.test(text)) return escapeMarkdown(text);
  return '`' + text + '`';
}

/**
 * Inline Markdown text: line breaks become spaces, then {@link escapeMarkdown} escapes every
 * character CommonMark or GFM may read as syntax (a leading `#`, `-`, `:` included), so user text
 * never opens markup, a heading, a list or a runner command.
 */
export function mdText(s: string): string {
  return escapeMarkdown(flattenLines(s));
}

/** Markdown paragraphs from free text: blank lines separate paragraphs, each escaped with {@link mdText}. */
export function mdParagraphs(s: string): string {
  return s
    .split(/(?:\r\n|[\r\n\u0085\u2028\u2029])\s*(?:\r\n|[\r\n\u0085\u2028\u2029])/)
    .map((p) => mdText(p.trim()))
    .filter((p) => p !== '')
    .join('\n\n');
}

/**
 * Splits text into code spans and the rest, as CommonMark reads them: a run of n backticks opens
 * a span that the next run of exactly n backticks closes; an opener with no closer is literal.
 */
export function splitCodeSpans(s: string): { text: string; code: boolean }[] {
  const out: { text: string; code: boolean }[] = [];
  let plain = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '`') {
      plain += s[i++];
      continue;
    }
    let n = 0;
    while (s[i + n] === '`') n++;
    let j = i + n;
    let close = -1;
    while (j < s.length) {
      if (s[j] !== '`') {
        j++;
        continue;
      }
      let m = 0;
      while (s[j + m] === '`') m++;
      if (m === n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close < 0) {
      plain += s.slice(i, i + n);
      i += n;
      continue;
    }
    if (plain) out.push({ text: plain, code: false });
    plain = '';
    out.push({ text: s.slice(i, close + n), code: true });
    i = close + n;
  }
  if (plain) out.push({ text: plain, code: false });
  return out;
}

/**
 * A Markdown table cell holding a rule message. The message's own `code` spans are kept (they are
 * the point of the message, and their content is literal) with only their pipes escaped (GFM
 * needs `\|` even inside a code span in a table); outside them the text is escaped as
 * {@link mdText} escapes it. Line breaks become spaces.
 */
export function mdCell(s: string): string {
  return splitCodeSpans(flattenLines(s))
    .map((part) => (part.code ? part.text.replace(/\|/g, '\\|') : escapeMarkdown(part.text)))
    .join('');
}

/**
 * A Markdown code span holding any text, safe in a table cell: backticks inside are fenced with
 * longer runs, pipes escaped, line breaks made spaces (reports; cards use {@link inlineCode}).
 */
export function mdCode(s: string): string {
  const flat = flattenLines(s).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote or a comma, quotes doubled; line breaks
 * become spaces. A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab first) is
 * prefixed with `'`, as OWASP recommends against CSV injection, and so is one a CI runner would
 * read as a command (`::`, `##`).
 */
export function csvField(s: string): string {
  // A row is one line: a break inside a field would let the next line start with user text.
  let v = flattenLines(s);
  if (/^[=+\-@\t]|^\s*(::|##)/.test(v)) v = `'${v}`;
  return /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A CSV record terminated by CRLF, as RFC 4180 specifies. */
export function csvRow(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** The data of a GitHub Actions workflow command (after `::`): `%`, CR and LF are encoded. */
export function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a GitHub Actions workflow command: as data, plus `:` and `,`. */
export function ghProperty(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** How a control character or line break shows in plain text. */
function visible(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Plain text for a terminal or a log: control characters (escape sequences included) and line
 * breaks are made visible (`\u001b`, `\n`), never executed or broken; a leading runner command
 * prefix is guarded ({@link guardLineStart}). Tabs stay.
 */
export function terminalText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return guardLineStart(s.replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029]/g, visible));
}

/**
 * JSON text of a value (SARIF, ESLint JSON, the glossary export). `JSON.stringify` leaves U+2028,
 * U+2029 and C1 controls raw, which some log viewers break lines at; they are written as `\uXXXX`.
 */
export function jsonText(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007F-\u009F\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
