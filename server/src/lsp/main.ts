/**
 * The language server's entry point: `node dist/server.js --stdio` (or `--node-ipc`, `--socket=N`,
 * `--pipe=NAME`), so any LSP editor can run it. With no transport flag it speaks over stdio.
 */
import { exposeGarbageCollection } from '../node/collectGarbage';
import { consoleToClient, isServerWorker, serveInChildProcess, serveInWorker, workerStdio } from './serverThread';

declare const CX_TAXONOMY_VERSION: string;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${typeof CX_TAXONOMY_VERSION === 'string' ? CX_TAXONOMY_VERSION : '0.0.0'}\n`);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'cx-taxonomy language server\n\nUsage: node server.js [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]\n\nWith no option it speaks LSP over stdin/stdout.\n',
  );
  process.exit(0);
}
if (
  !args.some(
    (a) =>
      a === '--stdio' ||
      a === '--node-ipc' ||
      a.startsWith('--socket') ||
      a.startsWith('--pipe') ||
      a.startsWith('--clientProcessId'),
  )
) {
  process.argv.push('--stdio');
}

// Process-wide, so set once by the main thread: the server's thread then has `gc` for the
// collection once indexing ends (collectGarbage.ts).
if (!isServerWorker()) exposeGarbageCollection();
if (
  isServerWorker() ||
  !(serveInChildProcess(__filename, process.argv.slice(2)) || serveInWorker(__filename, process.argv.slice(2)))
)
  void serve();

/**
 * Serves in this thread. The server's code is loaded here, not above: a process that only starts
 * the server's child process and waits for it (`serveInChildProcess`) stays ~10 MB smaller
 * without it.
 */
async function serve(): Promise<void> {
  const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
  const { startServer } = await import('./server.js');
  // The server's worker thread reads and writes stdin and stdout itself (serverThread.ts).
  const stdio = isServerWorker() ? workerStdio() : undefined;
  const connection = stdio
    ? createConnection(ProposedFeatures.all, stdio.input, stdio.output)
    : createConnection(ProposedFeatures.all);
  if (stdio) consoleToClient(connection);

  // A bug in one handler must not take every other file's service with it: log and keep serving.
  process.on('uncaughtException', (err) => connection.console.error(`Unexpected error: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (reason) =>
    connection.console.error(
      `Unexpected rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    ),
  );

  startServer(connection);
}
