/**
 * `lint --cache` on an unchanged taxonomy, answered on the main thread. A run that loads a
 * taxonomy normally starts the lint thread first (a larger young generation pays on a cold lint),
 * but a cache hit only hashes the files and prints what is remembered, and starting the thread and
 * loading the bundle a second time was a visible share of it (BENCHMARKS.md). So a run with
 * `--cache` first tries to answer from the cache here, with its output held back; when the cache
 * cannot answer (`CacheMiss`), what it wrote is dropped and the caller runs the command in full.
 */
import { RULE_IDS } from '../core';
import { parseCommandLine } from './args';
import type { CliIo } from './command';
import { CacheMiss } from './cache';
import type { MaybeTTY } from './progress';

/**
 * True when a command line may be answered from the lint cache (`lint --cache`, or
 * `--cache-location`, which implies it; not with `--fix`), as the command's own parser reads it.
 */
export function usesCache(argv: readonly string[]): boolean {
  try {
    return parseCommandLine(argv, RULE_IDS).readsCache;
  } catch {
    return false; // A usage error is reported by the full run.
  }
}

/**
 * Runs `argv` answering from the cache only, and resolves to its exit code once its output is
 * written; undefined (with nothing written) when it does not ask for the cache or the cache
 * cannot answer.
 */
export async function answerFromCache(
  argv: readonly string[],
  io: CliIo,
  run: (argv: readonly string[], io: CliIo) => Promise<number>,
): Promise<number | undefined> {
  if (!usesCache(argv)) return undefined;
  const held: { stream: MaybeTTY; chunk: string }[] = [];
  const holding = (stream: MaybeTTY): MaybeTTY => ({
    write: (chunk: string) => {
      held.push({ stream, chunk });
      return true;
    },
    isTTY: stream.isTTY,
    columns: stream.columns,
  });
  let code: number;
  try {
    // No progress line: an answer from the cache takes about a second, and it would be held back.
    code = await run(argv, {
      ...io,
      stdout: holding(io.stdout),
      stderr: holding(io.stderr),
      progressDelayMs: Number.POSITIVE_INFINITY,
      cacheOnly: true,
    });
  } catch (err) {
    if (err instanceof CacheMiss) return undefined;
    throw err;
  }
  for (const { stream, chunk } of held) stream.write(chunk);
  return code;
}
