import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Runs a full garbage collection now, when the engine lets us; true when it ran.
 *
 * After a large load the engine's heap is much larger than what lives on: V8 lets the old
 * generation grow to several times its live size before it collects (the parses and models of
 * thousands of files were garbage by then), and a process keeps those pages until a collection
 * gives them back. The language server is idle once it has indexed, so that is when one full
 * collection costs nobody anything and brings its resident memory down to what it holds
 * (BENCHMARKS.md). Node has no API for it; `--expose-gc` set now puts `gc` in the next context made.
 */
export function collectGarbage(): boolean {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc !== 'function') return false;
    // A full collection alone leaves the old generation's pages half empty (the live objects are
    // spread over them); compacting moves them together, so the empty pages go back to the system.
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      (gc as () => void)();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
    return true;
  } catch {
    return false;
  }
}
