/**
 * "Did you mean": `closest` skips the edit distance of candidates whose characters alone put them
 * out of reach (the bag distance). That may only save time: it must pick what a plain
 * Levenshtein over every candidate picks, on ids, mixed case, non-ASCII and containment.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { closest, editDistance } from '../../server/src/core/suggest';

/** The textbook distance, with no band and no early exit. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** What `closest` promises, written the slow way. */
function closestByHand(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const budget = Math.max(1, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (lc === w) return c;
    let score = levenshtein(w, lc);
    if (score > budget && w.length >= 4 && (lc.includes(w) || w.includes(lc))) score = budget;
    if (score <= budget && (score < bestScore || (score === bestScore && best !== undefined && c < best))) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

const id = fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,3}$/);
const anyText = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'é', '-', '1', 'ß', '😀', 'c'), maxLength: 12 });

/** A word with a few typos: characters dropped, doubled, swapped or replaced. */
const typoOf = (s: string, seed: number): string => {
  const chars = [...s];
  const at = seed % Math.max(1, chars.length);
  switch (seed % 4) {
    case 0:
      chars.splice(at, 1);
      break;
    case 1:
      chars.splice(at, 0, chars[at] ?? 'x');
      break;
    case 2:
      if (at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1], chars[at]];
      break;
    default:
      chars[at] = 'q';
  }
  return chars.join('') + (seed % 7 === 0 ? 'x' : '');
};

describe('closest (did you mean)', () => {
  it('picks what a plain Levenshtein over every candidate picks: ids with typos', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 60 }), fc.nat(), fc.nat(), (ids, pick, seed) => {
        const word = ids.length ? typoOf(ids[pick % ids.length], seed) : 'nothing';
        assert.equal(closest(word, ids), closestByHand(word, ids));
      }),
      { numRuns: 3000 },
    );
  });

  it('picks what a plain Levenshtein picks: mixed case, non-ASCII, containment', () => {
    fc.assert(
      fc.property(anyText, fc.array(anyText, { maxLength: 30 }), (word, candidates) => {
        assert.equal(closest(word, candidates), closestByHand(word, candidates));
      }),
      { numRuns: 3000 },
    );
  });

  it('suggests the id a typo came from, and nothing for a word far from every id', () => {
    const ids = ['net-promoter-score', 'customer-effort-score', 'first-contact-resolution'];
    assert.equal(closest('net-promoter-scor', ids), 'net-promoter-score');
    assert.equal(closest('NET-PROMOTER-SCORE', ids), 'net-promoter-score');
    assert.equal(closest('customer-efort-score', ids), 'customer-effort-score');
    assert.equal(closest('contact', ids), 'first-contact-resolution');
    assert.equal(closest('churn', ids), undefined);
  });

  it('bounds the distance: within the bound it is exact, past it above the bound', () => {
    fc.assert(
      fc.property(anyText, anyText, fc.integer({ min: 0, max: 6 }), (a, b, max) => {
        const exact = levenshtein(a, b);
        const bounded = editDistance(a, b, max);
        if (exact <= max) assert.equal(bounded, exact);
        else assert.ok(bounded > max);
      }),
      { numRuns: 3000 },
    );
  });
});
