import { isMainThread, Worker, workerData, parentPort } from 'node:worker_threads';
import { errorLine } from './command';
import type { MaybeTTY } from './progress';

/**
 * The young generation the CLI runs with, in MB: three semi-spaces' worth, so 96 gives 32 MB
 * semi-spaces where Node's default on 64-bit is 16.
 *
 * Loading a taxonomy allocates millions of short-lived objects (parsed values, JSON pointers,
 * located values) while the long-lived models grow; with the default nursery the scavenger runs
 * every few MB and promotes much that is still in flight. With 32 MB semi-spaces a cold lint of L
 * spent 2.9 s instead of 4.1 s in the collector (CPU profiles) and took ~10% less wall time over
 * six alternated runs, for 50-60 MB more peak memory (BENCHMARKS.md). V8 sizes a heap when it creates it, so a
 * running thread cannot change its own: the CLI does its work in a worker thread created with
 * that limit.
 */
const YOUNG_GENERATION_MB = 96;

/** Set (to anything) to run the CLI on the main thread with node's own young generation. */
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

/** What the worker needs of the main thread's streams: a worker's own are never terminals. */
interface WorkerInput {
  cxTaxonomyCli: 1;
  argv: string[];
  stdout: { isTTY: boolean; columns?: number };
  stderr: { isTTY: boolean; columns?: number };
}

interface WorkerResult {
  code: number;
}

function isWorkerInput(v: unknown): v is WorkerInput {
  return typeof v === 'object' && v !== null && (v as { cxTaxonomyCli?: unknown }).cxTaxonomyCli === 1;
}

/** The CLI's arguments and streams when this thread is the CLI's worker, else undefined. */
export function workerSide():
  { argv: string[]; stdout: MaybeTTY; stderr: MaybeTTY; done(code: number): void } | undefined {
  if (isMainThread || !isWorkerInput(workerData) || !parentPort) return undefined;
  const input = workerData;
  const port = parentPort;
  // The worker's process.stdout/stderr are piped to the main thread's, which are the terminals.
  const stream = (s: NodeJS.WriteStream, tty: WorkerInput['stdout']): MaybeTTY => ({
    write: (chunk: string) => s.write(chunk),
    isTTY: tty.isTTY,
    columns: tty.columns,
  });
  return {
    argv: input.argv,
    stdout: stream(process.stdout, input.stdout),
    stderr: stream(process.stderr, input.stderr),
    done: (code) => port.postMessage({ code } satisfies WorkerResult),
  };
}

/**
 * Runs the CLI (`script`, whose `workerSide` picks the arguments up) in a worker thread with a
 * larger young generation and resolves to its exit code once all its output is written. Rejects
 * only when the worker cannot be created, so the caller can run in its own thread instead.
 */
export function runInWorker(script: string, argv: readonly string[]): Promise<number> {
  const tty = (s: NodeJS.WriteStream) => ({ isTTY: s.isTTY === true, columns: s.columns });
  const input: WorkerInput = {
    cxTaxonomyCli: 1,
    argv: [...argv],
    stdout: tty(process.stdout),
    stderr: tty(process.stderr),
  };
  let worker: Worker;
  try {
    worker = new Worker(script, {
      workerData: input,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  return new Promise((resolve) => {
    let code: number | undefined;
    let failure: string | undefined;
    worker.on('message', (m: WorkerResult) => {
      code = m.code;
    });
    worker.on('error', (err) => {
      failure = err instanceof Error ? err.message : String(err);
    });
    // 'exit' comes after the worker's last output has reached this thread's streams.
    worker.on('exit', () => {
      if (code !== undefined) return resolve(code);
      process.stderr.write(
        `cx-taxonomy: internal error: ${errorLine(failure ?? 'the worker thread stopped')} (please report it)\n`,
      );
      resolve(2);
    });
  });
}
