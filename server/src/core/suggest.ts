/** Edit distance between two strings (Levenshtein), bounded for speed: returns > max early. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  // Two rows reused across calls: suggestions compare one word with thousands of ids.
  if (rowA.length <= n + 1) {
    rowA = new Int32Array(n * 2 + 4);
    rowB = new Int32Array(n * 2 + 4);
  }
  // Only cells within `max` of the diagonal can lead to a distance within `max` (Ukkonen).
  const band = Number.isFinite(max) ? max : n + a.length;
  const big = Number.isFinite(max) ? max + 1 : n + a.length + 1;
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j <= band ? j : big;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(n, i + band);
    cur[lo - 1] = lo === 1 ? i : big;
    let rowMin = lo === 1 ? i : big;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost, big);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < n) cur[hi + 1] = big;
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[n], big);
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * The candidate closest to a misspelt word, if it is close enough to be a plausible typo:
 * within a third of the word's length, or one that contains the word or is contained by it.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const budget = Math.max(1, Math.floor(w.length / 3));
  const bag = new CharBag(w);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (lc === w) return c;
    // Most candidates are ruled out by the characters they lack or add, before the distance.
    let score = bag.apart(lc) > budget ? budget + 1 : editDistance(w, lc, budget);
    if (score > budget && w.length >= 4 && (lc.includes(w) || w.includes(lc))) score = budget;
    if (score <= budget && (score < bestScore || (score === bestScore && best !== undefined && c < best))) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The characters of a word, counted, to bound its edit distance from another string from below:
 * a character of either string beyond what the two have in common must be inserted, deleted or
 * replaced, and one edit mends at most one of each, so the distance is at least the longer
 * length less the characters in common (the bag distance).
 */
class CharBag {
  private readonly counts = new Int32Array(128);
  /** The characters the last comparison took from the bag, to put back. */
  private readonly taken: Int32Array;
  private readonly ascii: boolean;

  constructor(private readonly word: string) {
    let ascii = true;
    for (let i = 0; i < word.length; i++) {
      const ch = word.charCodeAt(i);
      if (ch < 128) this.counts[ch]++;
      else ascii = false;
    }
    this.ascii = ascii;
    this.taken = new Int32Array(word.length);
  }

  /** A lower bound of the edit distance between the word and `s` (0, no bound, past ASCII). */
  apart(s: string): number {
    if (!this.ascii) return 0;
    const counts = this.counts;
    const taken = this.taken;
    let common = 0;
    let i = 0;
    for (; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      if (ch >= 128) break;
      if (counts[ch] > 0) {
        counts[ch]--;
        taken[common++] = ch;
      }
    }
    for (let j = 0; j < common; j++) counts[taken[j]]++;
    return i < s.length ? 0 : Math.max(this.word.length, s.length) - common;
  }
}
