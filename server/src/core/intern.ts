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

/** Strings seen by `sharedString`: the keys and the ids named across files, ~10,000 on L. */
const seen = new Map<string, string>();
const MAX_SEEN = 50_000;

/**
 * The shared copy (`internalized`) of a short string that many files repeat, through a map: the
 * keys of the span tables (~1.2 million of them on L, ~4,000 different), the ids the index's
 * references name (~420,000 references to ~6,000 ids, when their files may let their models go)
 * and the team ids the views keep (~100,000), for which the map's lookup is several times cheaper
 * than the string table's. Emptied when it grows past `MAX_SEEN`, so it cannot grow without end.
 * Not for strings that are mostly different (a stage's key in the index): the map would keep each.
 */
export function sharedString(s: string): string {
  let kept = seen.get(s);
  if (kept === undefined) {
    if (seen.size >= MAX_SEEN) seen.clear();
    kept = internalized(s);
    // Keyed by the shared copy: a key cut out of a file's text would keep that text.
    seen.set(kept, kept);
  }
  return kept;
}
