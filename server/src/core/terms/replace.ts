import { matchCase, wordKey } from './normalise';

const LAST_WORD = /([\p{L}\p{N}][\p{L}\p{N}\p{M}]*)[^\p{L}\p{N}]*$/u;

/** True when the last word of a phrase is a plural the matcher reads as its singular ("groups", "KPIs"). */
function endsPlural(text: string): boolean {
  const w = LAST_WORD.exec(text)?.[1];
  if (!w || !/s$/i.test(w)) return false;
  if (/^[\p{Lu}\p{N}]{2,}s$/u.test(w)) return true;
  const lower = w.toLowerCase();
  return wordKey(lower) !== lower;
}

/** The plural of an English word, for the last word of a replacement. */
function pluralOf(w: string): string {
  if (/^[\p{Lu}\p{N}]{2,}$/u.test(w)) return `${w}s`;
  if (/[^aeiou]y$/i.test(w)) return `${w.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/i.test(w)) return `${w}es`;
  return `${w}s`;
}

/**
 * What to write in place of `original` when replacing it by the label `preferred`: in the
 * original's number ("target groups" -> "segments") and case ("TARGET GROUP" -> "SEGMENT",
 * "Target group" -> "Segment"), keeping acronyms and inner capitals of the preferred label.
 */
export function replacementFor(original: string, preferred: string): string {
  let text = preferred;
  if (endsPlural(original) && !endsPlural(preferred)) {
    const m = LAST_WORD.exec(preferred);
    if (m) {
      const at = m.index;
      text = preferred.slice(0, at) + pluralOf(m[1]) + preferred.slice(at + m[1].length);
    }
  }
  return matchCase(original, text);
}
