/**
 * Markdown building for hover cards and completion docs. Everything a user wrote (names,
 * definitions, descriptions, even ids) goes through `escapeMarkdown` or `inlineCode`, so a
 * definition holding `[x](command:...)`, `<script>` or a bare URL renders as inert text. The
 * front ends never mark these strings as trusted.
 */

/**
 * Escapes user text for CommonMark/GFM: backslash-escapes every character that can open markup
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
 * User text as an inline code span, which Markdown never interprets. Text that would end the
 * span early (a backtick) or spread over lines is escaped instead.
 */
export function inlineCode(text: string): string {
  if (text === '' || /[`\r\n]/.test(text)) return escapeMarkdown(text);
  return '`' + text + '`';
}

/** Collapses runs of whitespace (block scalars keep their line breaks) into single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Shortens text to at most `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '') + '…';
}

/** A number with thousands separators, as progress and counts read best ("1,240"). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
