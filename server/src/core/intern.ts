/**
 * Names in a dictionary-mode object (the `delete` below puts it in that mode, so adding a name
 * does not make a hidden class per name, which an object literal per call did: 4x slower).
 */
const pool: Record<string, number> = Object.create(null) as Record<string, number>;
pool.x = 0;
delete pool.x;

/**
 * The engine's shared copy of a string: the one it keeps for property names, looked up in its
 * string table (which drops strings nothing else holds). Equal strings interned here are one
 * object, and a string cut out of a longer one, or joined from parts, becomes a flat copy that
 * holds neither: what long-lived keys and segments want (BENCHMARKS.md, item 13).
 */
export function internalized(s: string): string {
  pool[s] = 0;
  let kept = s;
  for (const k in pool) {
    kept = k;
    break;
  }
  delete pool[s];
  return kept;
}
