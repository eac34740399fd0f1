/**
 * The engine's shared copy of a string: the one it keeps for property names, looked up in its
 * string table (which drops strings nothing else holds). Equal strings interned here are one
 * object, and a string cut out of a longer one, or joined from parts, becomes a flat copy that
 * holds neither: what long-lived keys and segments want (BENCHMARKS.md, item 13).
 */
export function internalized(s: string): string {
  const o: Record<string, true> = { [s]: true };
  for (const k in o) return k;
  return s;
}
