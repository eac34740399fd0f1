/**
 * The problems a change introduces and fixes. Two problems are the same when their rule, file and
 * message are: lines move with every edit above them, so a problem that only moved is neither.
 */
import type { DiffProblem } from './types';

const keyOf = (p: DiffProblem) => `${p.ruleId}\u0000${p.file}\u0000${p.message}`;

/** The problems of `from` not matched by one of `other` (each of `other` matches once). */
function unmatched(from: readonly DiffProblem[], other: readonly DiffProblem[]): DiffProblem[] {
  const left = new Map<string, number>();
  for (const p of other) left.set(keyOf(p), (left.get(keyOf(p)) ?? 0) + 1);
  return from.filter((p) => {
    const n = left.get(keyOf(p)) ?? 0;
    if (n > 0) left.set(keyOf(p), n - 1);
    return n === 0;
  });
}

/** By rule, then file, then line. */
function byRule(a: DiffProblem, b: DiffProblem): number {
  return a.ruleId.localeCompare(b.ruleId) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
}

/** Introduced: on the head side only; fixed: on the base side only. */
export function problemChanges(
  base: readonly DiffProblem[],
  head: readonly DiffProblem[],
): { introduced: DiffProblem[]; fixed: DiffProblem[] } {
  return { introduced: unmatched(head, base).sort(byRule), fixed: unmatched(base, head).sort(byRule) };
}
