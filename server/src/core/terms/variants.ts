/**
 * How two glossary labels can be near the same word without being the same label: written with
 * other case, hyphens or spaces ("e-mail", "email"; "check out", "checkout"), in British or
 * American spelling ("personalisation", "personalization"), or one letter apart. Pure string
 * functions; `near-duplicate-term` keys its facet by them so a lookup never scans the glossary.
 */

/** Hyphens and dashes writers type between the parts of a compound. */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]+/u;

/**
 * The singular of a label's last word, as a key (not a word): "checkouts" and "checkout" read
 * alike, so do "analyses" and "analyse". Only the last word: the head of an English noun phrase.
 */
function singular(w: string): string {
  if (w.length <= 3) return w;
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (/(?:x|ch|sh|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/**
 * British spelling patterns and their American forms, as [pattern, replacement, shortest word].
 * A pattern, not a word list: both spellings of a pair are reduced to one form, so a word the
 * list never heard of ("hyperpersonalise") still meets its other spelling. The shortest word
 * keeps short words out ("rise", "tour", "hour", "acre", "filling"/"filing").
 */
const SPELLING: readonly (readonly [RegExp, string, number])[] = [
  // -ise/-ize, -isation/-ization, -iser, -ising, -ised, -isable
  [/([a-z]{3})is(e|ed|er|ing|ation|ational|able)$/, '$1iz$2', 6],
  // -yse/-yze: analyse, paralyse, catalyse
  [/lys(e|ed|er|ing)$/, 'lyz$1', 6],
  // -our/-or: behaviour, colour, favourite, neighbourhood, behavioural
  [/([a-z]{2})our(al|ally|ed|ing|ite|able|ful|less|er|hood)?$/, '$1or$2', 6],
  // -re/-er: centre, fibre, theatre, centred
  [/([bt])re$/, '$1er', 5],
  [/([bt])red$/, '$1ered', 6],
  // -ll-/-l-: travelled, cancelling, modeller, enrolment; fulfill, enroll
  [/([aeiou])ll(ed|ing|er|ment)$/, '$1l$2', 8],
  [/([aeiou])ll$/, '$1l', 6],
  // -ogue/-og and -mme/-m: catalogue, dialogue, programme
  [/ogue$/, 'og', 7],
  [/([a-z]{3})amme$/, '$1am', 8],
];

/** One lower-cased word in its American form (see `SPELLING`). */
function americanForm(w: string): string {
  for (const [pattern, replacement, shortest] of SPELLING) {
    if (w.length >= shortest && pattern.test(w)) return w.replace(pattern, replacement);
  }
  return w;
}

/** A label's words, lower-cased, cut at spaces and hyphens, the last one singular. */
function wordsOf(label: string): string[] {
  const words = label.toLowerCase().split(SEPARATORS).filter(Boolean);
  if (words.length > 0) words[words.length - 1] = singular(words[words.length - 1]);
  return words;
}

/** A label's words in their American form, as the skeleton joins them. */
export function skeletonWords(label: string): string[] {
  return wordsOf(label).map(americanForm);
}

/** The skeleton of a label without spelling: case, hyphens, spaces and a final plural left out. */
export function compactForm(label: string): string {
  return wordsOf(label).join('');
}

/**
 * A label's skeleton: equal for two labels that differ only in case, hyphens or spaces, a final
 * plural, or British and American spelling. Empty for a label of separators only.
 */
export function labelSkeleton(label: string): string {
  return skeletonWords(label).join('');
}

/** How many letters a skeleton has (the one-edit check needs labels of 8 or more). */
export function letterCount(s: string): number {
  let n = 0;
  for (const ch of s) if (/\p{L}/u.test(ch)) n++;
  return n;
}

/**
 * The strings one character shorter than `s` (each position deleted once, duplicates kept out).
 * Two strings one edit apart share one of these or one is the other's (the deletion
 * neighbourhood), which is what lets a keyed lookup find them.
 */
export function deletions(s: string): string[] {
  const chars = [...s];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) out.add(chars.slice(0, i).join('') + chars.slice(i + 1).join(''));
  return [...out];
}

/** True when `a` and `b` differ by exactly one inserted, deleted or replaced character. */
export function oneEditApart(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1 || a === b) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  // Past the first difference the rest must agree: shifted by one, or after one replaced character.
  const rest = (from: number, offset: number) => {
    for (let j = from; j < short.length; j++) if (short[j] !== long[j + offset]) return false;
    return true;
  };
  return short.length === long.length ? rest(i + 1, 0) : rest(i, 1);
}
