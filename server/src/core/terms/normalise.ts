/**
 * How glossary labels and free text are cut into comparable tokens.
 *
 * A token is either a word (a maximal run of letters, digits and combining marks, so `4G`,
 * `KPIs` and `Node` are one token each) or a single punctuation character (`-`, `.`, `/`, ...).
 * Whitespace of any kind and amount separates tokens and is never compared, which is what lets a
 * multi-word term match across a line break or a run of indentation.
 *
 * Each token is reduced to a key: words are lower-cased and reduced to a singular stem (see
 * `wordKey`), punctuation variants are unified (`–` is `-`, `’` is `'`). A token written right
 * after the previous one with no whitespace between ("glued") keeps that fact in its key, so the
 * label `A/B test` matches "A/B test" but not "A / B test", and `360-degree view` is not
 * found in "360 degree view".
 */

/** One token of a text, with its offsets in that text. */
export interface Token {
  /** The comparable key (lower-cased, singular, punctuation unified), without the glue mark. */
  key: string;
  start: number;
  end: number;
  /** True when no whitespace separates the token from the one before it. */
  glued: boolean;
}

/** Character classes: whitespace separates tokens, word characters run together, punctuation is one token each. */
const SPACE = 0;
const WORD = 1;
const PUNCT = 2;

/** The class of every ASCII character (control characters count as whitespace). */
const ASCII_CLASS = new Uint8Array(128).map((_, c) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? WORD : c <= 32 || c === 127 ? SPACE : PUNCT,
);

/** The class of a code point outside ASCII: letters, digits and marks of any script are word characters. */
function classOf(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return WORD_CHAR.test(ch) ? WORD : /\s/u.test(ch) ? SPACE : PUNCT;
}

/** Keys of words already seen (prose repeats its words), bounded so a huge text cannot grow it for ever. */
const wordKeys = new Map<string, string>();
const WORD_KEY_CACHE = 50_000;

function keyOfWord(raw: string): string {
  let key = wordKeys.get(raw);
  if (key === undefined) {
    key = ACRONYM_PLURAL.test(raw) ? raw.slice(0, -1).toLowerCase() : wordKey(raw.toLowerCase());
    if (wordKeys.size >= WORD_KEY_CACHE) wordKeys.clear();
    wordKeys.set(raw, key);
  }
  return key;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** An acronym with a lower-case plural s: KPIs, SKUs, CTAs. */
const ACRONYM_PLURAL = /^[\p{Lu}\p{N}]{2,}s$/u;

/** The prefix that marks a glued token in a key path. */
export const GLUE = '\u0001';

/** Plurals English does not form with -s, both ways, and words that only look plural. */
const IRREGULAR: Record<string, string> = {
  people: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  criteria: 'criterion',
  phenomena: 'phenomenon',
  news: 'news',
  series: 'series',
  species: 'species',
  lens: 'lens',
  analytics: 'analytics',
};

/**
 * The singular stem of a lower-cased word. It is a key, not a word: "cookie" and "cookies" both
 * become "cooky", "case" and "cases" both "cas". Words of three letters or fewer are kept as
 * written, so acronyms such as CES, NPS or SMS never lose their last letter.
 */
export function wordKey(lower: string): string {
  const irregular = IRREGULAR[lower];
  if (irregular !== undefined) return irregular;
  let w = lower;
  if (w.length > 3) {
    if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
    else if (w.endsWith('sses')) w = w.slice(0, -2);
    else if (/(?:x|ch|sh|z)es$/.test(w)) w = w.slice(0, -2);
    else if (w.endsWith('s') && !/(?:ss|us)$/.test(w) && !(w.length > 4 && w.endsWith('is'))) w = w.slice(0, -1);
  }
  if (w.length > 3) {
    if (w.endsWith('ie')) w = w.slice(0, -2) + 'y';
    else if (w.endsWith('e')) w = w.slice(0, -1);
  }
  return w;
}

/** Unifies punctuation that writers type in several ways. */
function punctuationKey(ch: string): string {
  switch (ch) {
    case '\u2010':
    case '\u2011':
    case '\u2012':
    case '\u2013':
    case '\u2014':
    case '\u2212':
      return '-';
    case '\u2018':
    case '\u2019':
    case '\u02bc':
      return "'";
    case '\u201c':
    case '\u201d':
      return '"';
    default:
      return ch;
  }
}

/** True when a character is part of a word (letter, digit or combining mark). */
function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && WORD_CHAR.test(ch);
}

/**
 * Calls `each` for every token of `text` between `from` and `to`, in order. Linear in the text;
 * tokens are not collected, so callers decide what to keep.
 */
function forEachToken(text: string, each: (token: Token) => void, from = 0, to = text.length): void {
  forEachRawToken(
    text,
    (start, end, isWord, glued) => {
      const raw = text.slice(start, end);
      each({ key: tokenKey(raw, isWord), start, end, glued });
    },
    from,
    to,
  );
}

/** The comparable key of one token as written (a word, or one punctuation character). */
export function tokenKey(raw: string, isWord: boolean): string {
  return isWord ? keyOfWord(raw) : punctuationKey(raw);
}

/**
 * The scanner under `forEachToken`: calls `each` with the offsets of every token between `from`
 * and `to`, whether it is a word, and whether it is glued to the previous token, without making
 * its key. The matcher uses it to look each distinct word up once per text.
 */
export function forEachRawToken(
  text: string,
  each: (start: number, end: number, isWord: boolean, glued: boolean) => void,
  from = 0,
  to = text.length,
): void {
  let i = Math.max(0, from);
  let prevEnd = -1;
  const len = text.length;
  while (i < to) {
    let c = text.charCodeAt(i);
    let width = 1;
    let cls: number;
    if (c < 128) cls = ASCII_CLASS[c];
    else {
      c = text.codePointAt(i)!;
      width = c > 0xffff ? 2 : 1;
      cls = classOf(c);
    }
    if (cls === SPACE) {
      i += width;
      continue;
    }
    const start = i;
    i += width;
    if (cls === WORD) {
      // A word runs on past `to` when the slice cuts it; such a word is not in the slice.
      while (i < len) {
        const d = text.charCodeAt(i);
        if (d < 128) {
          if (ASCII_CLASS[d] !== WORD) break;
          i++;
        } else {
          const cp = text.codePointAt(i)!;
          if (classOf(cp) !== WORD) break;
          i += cp > 0xffff ? 2 : 1;
        }
      }
    }
    if (i > to) break;
    each(start, i, cls === WORD, start === prevEnd);
    prevEnd = i;
  }
}

/** Every token of a text. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  forEachToken(text, (t) => out.push(t), from, to);
  return out;
}

/**
 * The key path of a label: its token keys, each glued token after the first marked with `GLUE`.
 * The first token's glue is never part of the path, so a term matches after an opening bracket
 * or quote as well as after a space.
 */
export function labelPath(label: string): string[] {
  return tokenize(label).map((t, i) => (i > 0 && t.glued ? GLUE + t.key : t.key));
}

/**
 * A label's normal form: equal for two labels exactly when the matcher treats them as the same
 * words ("Target groups" and "target group", "KPI" and "KPIs"). Empty for a label with no
 * words or punctuation.
 */
export function normaliseLabel(label: string): string {
  return labelPath(label).join(' ');
}

/**
 * Characters that join two words into one ("Node.js", "snake_case", "user@example"): a match
 * must not begin right after one of them, or end right before one, when a word sits on the other
 * side. A hyphen is not one of them, so "CX" is found in "CX-led" as `\b` would find it.
 */
const JOINERS = new Set(['.', '_', '@']);

/** True when a match between `start` and `end` of `text` is a whole word sequence. */
export function isWholeWords(text: string, start: number, end: number): boolean {
  if (start > 0) {
    const before = text[start - 1];
    if (isWordChar(before)) return false;
    if (JOINERS.has(before) && isWordChar(text[start - 2])) return false;
  }
  if (end < text.length) {
    const after = text[end];
    if (isWordChar(after)) return false;
    if (JOINERS.has(after) && isWordChar(text[end + 1])) return false;
  }
  return true;
}

/** The case style of a written phrase, for writing a replacement the same way. */
export type CaseStyle = 'upper' | 'lower' | 'title' | 'sentence' | 'other';

/** Reads how a phrase is capitalised: "TARGET GROUP", "target group", "Target Group", "Target group". */
export function caseStyleOf(text: string): CaseStyle {
  const words: string[] = [...(text.match(/[\p{L}][\p{L}\p{M}]*/gu) ?? [])];
  if (words.length === 0) return 'other';
  const letters = words.join('');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return 'upper';
  if (letters === letters.toLowerCase()) return 'lower';
  const cap = (w: string) => w[0] !== w[0].toLowerCase() && w.slice(1) === w.slice(1).toLowerCase();
  if (words.length > 1 && words.every(cap)) return 'title';
  if (cap(words[0]) && words.slice(1).every((w) => w === w.toLowerCase())) return 'sentence';
  return 'other';
}

/**
 * True for a word whose capitals carry meaning (CX, NPS, iPhone, McKinsey): it is kept as written
 * whatever the case of the phrase it replaces, except when that phrase is all capitals.
 */
function isMarkedWord(w: string): boolean {
  return w.slice(1) !== w.slice(1).toLowerCase();
}

const upperFirst = (w: string) => (w ? w[0].toUpperCase() + w.slice(1) : w);
const lowerFirst = (w: string) => (w ? w[0].toLowerCase() + w.slice(1) : w);

/**
 * Writes `replacement` in the case style of `original`: "Target group" -> "Segment",
 * "TARGET GROUP" -> "SEGMENT", "target group" -> "segment", "Target Group" -> "Customer
 * Journey". Acronyms and words with inner capitals in the replacement keep their spelling.
 */
export function matchCase(original: string, replacement: string): string {
  const style = caseStyleOf(original);
  if (style === 'other') return replacement;
  if (style === 'upper') return replacement.toUpperCase();
  let first = true;
  return replacement.replace(/[\p{L}][\p{L}\p{M}]*/gu, (w) => {
    const isFirst = first;
    first = false;
    if (isMarkedWord(w)) return w;
    switch (style) {
      case 'lower':
        return lowerFirst(w);
      case 'title':
        return upperFirst(w);
      default:
        return isFirst ? upperFirst(w) : w;
    }
  });
}
