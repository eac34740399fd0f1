/**
 * Text shaping for hover cards, completion docs and progress: whitespace, length, counts. The
 * escaping of user text lives with every other escaper in escape.ts.
 */

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

/** The text with its first character in capitals ("persona" -> "Persona"), to start a sentence. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
