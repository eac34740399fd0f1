import { isMainThread, Worker, workerData, parentPort } from 'node:worker_threads';
import { errorLine } from './command';
import type { MaybeTTY } from './progress';
import { YOUNG_GENERATION_MB } from '../node/youngGeneration';

// The young generation's size and when to use a worker are the server's too (node/youngGeneration.ts).
export { NO_WORKER_ENV, useWorker } from '../node/youngGeneration';

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
