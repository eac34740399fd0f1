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
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (lc === w) return c;
    let score = editDistance(w, lc, budget);
    if (score > budget && w.length >= 4 && (lc.includes(w) || w.includes(lc))) score = budget;
    if (score <= budget && (score < bestScore || (score === bestScore && best !== undefined && c < best))) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
