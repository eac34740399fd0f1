import { setFlagsFromString } from 'node:v8';

/**
 * The young generation the CLI and the language server run with, in MB: three semi-spaces'
 * worth, so 96 gives 32 MB semi-spaces where Node's default on 64-bit is 16.
 *
 * Loading a taxonomy allocates millions of short-lived objects (parsed values, JSON pointers,
 * located values) while the long-lived models grow; with the default nursery the scavenger runs
 * every few MB and promotes much that is still in flight. With 32 MB semi-spaces a cold lint of L
 * spent 2.9 s instead of 4.1 s in the collector (CPU profiles) and took ~10% less wall time over
 * six alternated runs, for 50-60 MB more peak memory (BENCHMARKS.md). V8 sizes a heap when it
 * creates it, so a running thread cannot change its own: the CLI and the server do their work in
 * a worker thread created with that limit (cli/thread.ts, lsp/serverThread.ts).
 */
export const YOUNG_GENERATION_MB = 96;

/**
 * The same as a node flag, for a process started by us: VS Code starts the server over node IPC,
 * which only the main thread can serve, so the extension starts it with this flag instead.
 */
export const SEMI_SPACE_FLAG = `--max-semi-space-size=${YOUNG_GENERATION_MB / 3}`;

/**
 * The smallest semi-space the language server's young generation shrinks to, in MB. Its
 * collection once idle (`collectGarbageWhenIdle`) gives the young generation back, down to V8's
 * 1 MB semi-spaces; the edits that came after then ran with a nursery that had to grow again, and
 * their p95 on the styled L rose from 7-8 ms to 13-14 ms (L/S 2.29x in one run, target 2). With 8
 * MB it stayed at 9-10 ms, for ~10 MB more resident (BENCHMARKS.md, item 36).
 */
const MIN_SEMI_SPACE_MB = 8;

/** The same as a node flag. */
export const MIN_SEMI_SPACE_FLAG = `--min-semi-space-size=${MIN_SEMI_SPACE_MB}`;

/**
 * The node flags the language server is started with when it is started by us (its child process
 * over stdio) or by VS Code (over node IPC, on the main thread): the young generation above, the
 * smallest it shrinks to, and `gc` for the collections once indexing ends (`collectGarbage`).
 */
export const SERVER_NODE_FLAGS: readonly string[] = [SEMI_SPACE_FLAG, MIN_SEMI_SPACE_FLAG, '--expose-gc'];

/**
 * The environment the language server's process is started with, on top of the caller's: glibc's
 * malloc returns a large block to the system when it is freed only while its size is over a
 * threshold, which it raises to the size of each large block freed. The initial index frees
 * blocks of megabytes (the parse workers' batches), and from then on the medium ones went to the
 * heap, mixed with what lives on, and stayed resident after it was freed: ~80 MB of the server's
 * resident memory on the styled L. Setting the threshold (to glibc's own starting value) keeps it
 * where it starts (BENCHMARKS.md, item 36). Other C libraries ignore the variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };

/**
 * The young generation a process's node flags give its main thread, in MB (three semi-spaces, as
 * `SEMI_SPACE_FLAG` writes it), or undefined without the flag.
 */
export function youngGenerationOfFlags(execArgv: readonly string[]): number | undefined {
  const semi = execArgv.map((a) => /^--max-semi-space-size=(\d+)$/.exec(a)?.[1]).find((m) => m !== undefined);
  return semi === undefined ? undefined : 3 * Number(semi);
}

/** Set (to anything) to run the CLI or the server on the main thread with node's own young generation. */
export const NO_WORKER_ENV = 'CX_TAXONOMY_NO_WORKER';

/**
 * Whether to do the work in a worker thread with a larger young generation: not when turned off,
 * nor when the caller sized the young generation (a node flag or NODE_OPTIONS), which wins.
 */
export function useWorker(execArgv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (env[NO_WORKER_ENV]) return false;
  const sized = (s: string) => /--max-semi-space-size\b|--max-new-space-size\b|--min-semi-space-size\b/.test(s);
  return !execArgv.some(sized) && !sized(env.NODE_OPTIONS ?? '');
}

/**
 * How much V8 lets the old generation grow past what lived at the last full collection before it
 * collects again, in percent, for a command that lets models go (the lint by default, the others
 * with `CX_TAXONOMY_RELEASE_ABOVE`; on the styled L's lint ~700 -> ~545 MB at 50, item 37; 40
 * took ~455 -> ~430 MB for ~1.5% of time, item 38). On
 * a machine with several GB of memory V8's own factor is up to 4, so the peak follows the garbage
 * of loading more than what lives: on the styled L, ~960 MB with the models let go, as without.
 * 50 brought it to ~715 MB (BENCHMARKS.md, item 29). Alone, with every model kept, it lowered
 * nothing and cost time. The language server does not cap it: with models let go it compacts its
 * heap once indexing ends instead (`collectGarbage`).
 */
export const OLD_GENERATION_GROWTH_PERCENT = 40;

/**
 * The flag that caps the old generation's growth (`OLD_GENERATION_GROWTH_PERCENT`), or undefined
 * when the caller set it already (a node flag), which wins.
 */
export function oldGenerationGrowthFlag(execArgv: readonly string[]): string | undefined {
  return execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))
    ? undefined
    : `--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`;
}

/**
 * Caps the old generation's growth for this process (`oldGenerationGrowthFlag`): the CLI's main
 * thread, before it starts the lint thread, when models are let go. V8 reads the flag at each
 * collection, so it applies to every thread of the process.
 */
export function capOldGenerationGrowth(execArgv: readonly string[]): void {
  const flag = oldGenerationGrowthFlag(execArgv);
  if (flag) setFlagsFromString(flag);
}
