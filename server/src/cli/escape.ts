/**
 * Escaping for every output language the CLI writes. Each report embeds text that users wrote
 * in YAML (names, definitions, messages quoting them), so every formatter routes user text
 * through one of these functions and never concatenates it raw.
 */

/** Characters XML 1.0 forbids even as character references: C0 controls but tab, LF, CR; lone surrogates; U+FFFE/FFFF. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content of an XML element. Forbidden characters become U+FFFD so the document stays well-formed. */
export function xmlText(s: string): string {
  return s.replace(XML_INVALID, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An XML attribute value (double-quoted). Line breaks and tabs are kept as character references, which attribute normalisation would otherwise turn into spaces. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** HTML text or a double-quoted attribute value. */
export function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Inline Markdown text: every character CommonMark or GFM may read as syntax is backslash-escaped,
 * `<` / `>` become entities so user text can never open an HTML tag, and a leading `#`, `-`, `+`,
 * `=` or `1.` cannot start a heading or a list. Line breaks become spaces.
 */
export function mdText(s: string): string {
  return s
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Markdown paragraphs from free text: blank lines separate paragraphs, each escaped with {@link mdText}. */
export function mdParagraphs(s: string): string {
  return s
    .split(/\r?\n\s*\r?\n/)
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
 * needs `\|` even inside a code span in a table); outside them, backslashes, pipes and emphasis
 * marks are escaped and HTML is neutralised. Line breaks become spaces.
 */
export function mdCell(s: string): string {
  return splitCodeSpans(s.replace(/\r\n?|\n/g, ' '))
    .map((part) =>
      part.code
        ? part.text.replace(/\|/g, '\\|')
        : part.text
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;')
            .replace(/\\/g, '\\\\')
            .replace(/\|/g, '\\|')
            .replace(/[*_[\]]/g, (c) => `\\${c}`),
    )
    .join('');
}

/** A Markdown code span holding any text (backticks inside are fenced with longer runs). */
export function mdCode(s: string): string {
  const flat = s.replace(/\r\n?|\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma, or line break, quotes doubled.
 * A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed
 * with `'`, as OWASP recommends against CSV injection.
 */
export function csvField(s: string): string {
  let v = s;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
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

/** Plain text for a terminal: control characters (escape sequences included) are made visible, never executed. */
export function terminalText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
