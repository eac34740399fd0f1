import * as assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { ensureServerBuilt, SERVER } from './harness';

describe('protocol: transports', function () {
  this.timeout(30000);
  before(() => ensureServerBuilt());

  it('speaks over --node-ipc as VS Code starts it', async () => {
    const proc = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const conn = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    conn.listen();
    try {
      const result = (await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      })) as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
      assert.equal(result.serverInfo.name, 'cx-taxonomy');
      for (const cap of [
        'hoverProvider',
        'completionProvider',
        'definitionProvider',
        'referencesProvider',
        'renameProvider',
        'documentSymbolProvider',
        'workspaceSymbolProvider',
        'codeActionProvider',
      ]) {
        assert.ok(result.capabilities[cap], cap);
      }
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
    } finally {
      conn.dispose();
      proc.kill();
    }
  });

  it('prints its version and usage', () => {
    const v = spawnSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' });
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
    const h = spawnSync(process.execPath, [SERVER, '--help'], { encoding: 'utf8' });
    assert.match(h.stdout, /--stdio/);
  });
});
