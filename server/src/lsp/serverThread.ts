import { spawn, type ChildProcess } from 'node:child_process';
import { fstatSync } from 'node:fs';
import { Socket } from 'node:net';
import { format } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import type { Connection } from 'vscode-languageserver';
import {
  MIN_SEMI_SPACE_FLAG,
  SERVER_ENV,
  SERVER_NODE_FLAGS,
  useWorker,
  YOUNG_GENERATION_MB,
} from '../node/youngGeneration';

/*
 * The language server over stdio runs with a larger young generation, as the CLI does
 * (node/youngGeneration.ts says why): its initial index allocates like a cold lint. An editor
 * starts `node dist/server.js --stdio` itself, so no node flag of ours can size the main thread's
 * heap. On Linux the server is a child process started with those flags and with malloc's
 * threshold set (`serveInChildProcess`, `SERVER_ENV` says why); elsewhere, or when that cannot
 * start, a worker thread, which reads and writes the process's stdin and stdout itself (they are
 * pipes): a worker's own process.stdout reaches the main thread by message, and the protocol
 * writer waits for each message's write, so ~4,000 diagnostics notifications queued behind
 * thread hops. Either way the process the editor started only waits, and exits with the server's
 * exit code. Other transports (node IPC, a socket, a pipe name) and stdio that is not a pipe (a
 * terminal, a file) are served on the main thread as before.
 */

/** Tells the worker it is the server's, so it serves instead of starting another worker. */
interface ServerWorkerData {
  cxTaxonomyServer: 1;
}

/** True in the worker thread `serveInWorker` started. */
export function isServerWorker(): boolean {
  return !isMainThread && (workerData as Partial<ServerWorkerData> | null)?.cxTaxonomyServer === 1;
}

/** True when a file descriptor is a pipe or a socket, which a worker can read or write itself. */
function isPipe(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    return st.isFIFO() || st.isSocket();
  } catch {
    return false;
  }
}

/**
 * Starts `script` (this server) in a worker thread with the larger young generation to serve
 * stdio; false when that does not apply (another transport, stdio not pipes, turned off, the
 * young generation sized by the caller) or the worker cannot be created, so the caller serves.
 */
export function serveInWorker(script: string, args: readonly string[]): boolean {
  if (!servesStdioElsewhere(args)) return false;
  // V8 reads it when it makes a heap, so it applies to the worker made next (see MIN_SEMI_SPACE_FLAG).
  setFlagsFromString(MIN_SEMI_SPACE_FLAG);
  let worker: Worker;
  try {
    worker = new Worker(script, {
      argv: [...args],
      workerData: { cxTaxonomyServer: 1 } satisfies ServerWorkerData,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
  } catch {
    return false;
  }
  worker.on('error', (err) => process.stderr.write(`cx-taxonomy server: ${err.stack ?? err.message}\n`));
  worker.on('exit', (code) => process.exit(code));
  return true;
}

/**
 * Starts `script` (this server) in a child process to serve stdio, with the young generation and
 * `gc` as node flags (`SERVER_NODE_FLAGS`) and malloc's threshold set (`SERVER_ENV`), which only
 * a process started with it has; this process then only waits, passes signals on, and exits with
 * the child's code. On Linux only (glibc), under the conditions of `serveInWorker`, and not when
 * the caller set the threshold (a process started so already serves itself). False when it does
 * not apply or the child cannot be started, so the caller serves another way.
 *
 * A worker thread in this process, as before, left ~80 MB resident that the process had freed
 * (see `SERVER_ENV`); this process costs ~40 MB of its own, so the server is ~40 MB smaller.
 */
export function serveInChildProcess(script: string, args: readonly string[]): boolean {
  if (process.platform !== 'linux' || !servesStdioElsewhere(args)) return false;
  if (Object.keys(SERVER_ENV).some((k) => process.env[k] !== undefined)) return false;
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, [...SERVER_NODE_FLAGS, script, ...args], {
      stdio: 'inherit',
      env: { ...process.env, ...SERVER_ENV },
    });
  } catch {
    return false;
  }
  child.on('error', (err) => {
    process.stderr.write(`cx-taxonomy server: ${err.stack ?? err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  return true;
}

/**
 * True when this thread, the main one, may hand the serving of stdio to another thread or process:
 * `--stdio` over pipes, not turned off, and the young generation not sized by the caller.
 */
function servesStdioElsewhere(args: readonly string[]): boolean {
  return isMainThread && args.includes('--stdio') && useWorker(process.execArgv, process.env) && isPipe(0) && isPipe(1);
}

/** The worker's own streams on the process's stdin and stdout. */
export function workerStdio(): { input: Socket; output: Socket } {
  return {
    input: new Socket({ fd: 0, readable: true, writable: false }),
    output: new Socket({ fd: 1, readable: false, writable: true }),
  };
}

/**
 * Sends what the console prints to the client's log, as the protocol library does over its own
 * stdio: stdout carries the protocol, so nothing else may be written there.
 */
export function consoleToClient(connection: Connection): void {
  const to =
    (send: (message: string) => void) =>
    (...args: unknown[]) =>
      send(format(...args));
  console.log = to((m) => connection.console.log(m));
  console.info = to((m) => connection.console.info(m));
  console.debug = to((m) => connection.console.log(m));
  console.warn = to((m) => connection.console.warn(m));
  console.error = to((m) => connection.console.error(m));
}
