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

/** Team ids seen by `sharedTeamId`: a workspace has a few hundred at most. */
const teamIds = new Map<string, string>();
const MAX_TEAM_IDS = 10_000;

/**
 * The shared copy of a team id (`internalized`), through a map: what the views keep per file
 * names teams ~100,000 times on L, and the map's lookup is several times cheaper than the
 * string table's. Emptied when it grows past `MAX_TEAM_IDS`, so it cannot grow without end.
 */
export function sharedTeamId(id: string): string {
  let kept = teamIds.get(id);
  if (kept === undefined) {
    if (teamIds.size >= MAX_TEAM_IDS) teamIds.clear();
    kept = internalized(id);
    // Keyed by the shared copy: a key cut out of a file's text would keep that text.
    teamIds.set(kept, kept);
  }
  return kept;
}
