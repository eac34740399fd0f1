import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';

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
  const gc = gcOfThisThread();
  if (!gc) return false;
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
  return true;
}

/** How long this thread must have been nearly idle before `collectGarbageWhenIdle` collects. */
const QUIET_MS = 6000;
/** The share of that time this thread may have worked and still count as idle. */
const IDLE_UTILISATION = 0.05;
/** How many quiet periods it waits for at most (an editor busy for minutes is not waited out). */
const MAX_WAITS = 20;

/**
 * Runs one full collection once this thread has been idle for `quietMs`, and calls `done` with
 * the heap's size before and after (in bytes); nothing when there is no `gc`, when `stopped()`
 * says so, or when the thread stays busy.
 *
 * The collection at the end of indexing leaves the young generation at its largest (~67 MB on L,
 * committed and empty): V8 gives it back only in a full collection at a low allocation rate,
 * which it measures over the last ~5 s, and it does not run one itself in an idle server. After
 * a quiet moment one full collection does, and the resident memory falls with it (BENCHMARKS.md,
 * item 36). The wait keeps its pause away from typing.
 */
export function collectGarbageWhenIdle(
  stopped: () => boolean,
  done: (before: number, after: number) => void,
  quietMs = QUIET_MS,
): void {
  const gc = gcOfThisThread();
  if (!gc) return;
  let last = performance.eventLoopUtilization();
  let waits = 0;
  const check = () => {
    if (stopped()) return;
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    if (utilization > IDLE_UTILISATION) {
      if (++waits < MAX_WAITS) setTimeout(check, quietMs).unref();
      return;
    }
    const before = getHeapStatistics().total_heap_size;
    gc();
    done(before, getHeapStatistics().total_heap_size);
  };
  setTimeout(check, quietMs).unref();
}

/** The `gc` function V8 gives this thread's context when `--expose-gc` is set, if it has one. */
function gcOfThisThread(): (() => void) | undefined {
  const gc: unknown = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? (gc as () => void) : undefined;
}
