import { setFlagsFromString } from 'node:v8';

/**
 * Lets the threads made after this call run `collectGarbage`: V8 gives the contexts it creates a
 * `gc` function once `--expose-gc` is set. The language server's main thread calls it before it
 * starts the server's thread; VS Code starts the server with the flag itself (`SERVER_NODE_FLAGS`).
 */
export function exposeGarbageCollection(): void {
  setFlagsFromString('--expose-gc');
}

/**
 * Runs a full, compacting garbage collection now, when this thread has `gc`; true when it ran.
 *
 * After a large load the heap is much larger than what lives on: V8 lets the old generation grow
 * well past its live size before it collects (the parses and models of thousands of files were
 * garbage by then), and a process keeps those pages until a collection gives them back. The
 * language server is idle once it has indexed, so that is when one full collection costs least
 * and brings its resident memory down to what it holds (BENCHMARKS.md, item 31). A full
 * collection alone leaves the pages half empty, the live objects spread over them; compacting
 * moves them together, so the empty pages go back to the system.
 */
export function collectGarbage(): boolean {
  const gc: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') return false;
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    (gc as () => void)();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
  return true;
}
