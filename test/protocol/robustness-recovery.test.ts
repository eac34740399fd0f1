/**
 * Crash recovery at the protocol level. The editor side (vscode-languageclient restarts a server
 * that died; diagnostics come back) is tested end to end in test/e2e/suite/extension.test.ts and
 * test/e2e-web/scenarios.ts, which kill the real server process. Here: the server ends cleanly
 * however its client goes away (never an orphan process), and a server started again over the
 * same workspace after a crash shows exactly the problems the first one showed.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { hoverText, LspTestClient, REPO } from './harness';

const SAMPLE = 'samples/with-problems';

/** Resolves with the exit code of a process, or rejects after `ms`. */
function exited(proc: ChildProcess, ms: number): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`the server did not exit within ${ms} ms`)), ms);
    proc.once('exit', (code) => {
      clearTimeout(t);
      resolve(code);
    });
  });
}

/** The problems of a client as sorted `path:line rule` strings. */
function problems(c: LspTestClient): string[] {
  return [...c.problemsByLine()].flatMap(([k, ids]) => [...ids].map((id) => `${k} ${id}`)).sort();
}

describe('protocol: the server ends cleanly and starts again as it was', function () {
  this.timeout(90000);

  it('shutdown then exit: exit code 0, promptly', async () => {
    const c = await LspTestClient.start({ fixture: 'test/protocol/fixtures/basic' });
    try {
      await c.waitForReady();
      assert.equal(await c.connection.sendRequest('shutdown'), null);
      await c.connection.sendNotification('exit');
      assert.equal(await exited(c.serverProcess, 5000), 0);
    } finally {
      await c.stop();
    }
  });

  it('exit without shutdown: exit code 1, as the protocol says', async () => {
    const c = await LspTestClient.start({ fixture: 'test/protocol/fixtures/basic' });
    try {
      await c.waitForReady();
      await c.connection.sendNotification('exit');
      assert.equal(await exited(c.serverProcess, 5000), 1);
    } finally {
      await c.stop();
    }
  });

  it('the client closes the pipe without a word, mid-indexing: the server exits', async () => {
    const c = await LspTestClient.start({ fixture: SAMPLE });
    try {
      c.serverProcess.stdin!.end();
      assert.notEqual(await exited(c.serverProcess, 5000), null);
    } finally {
      await c.stop();
    }
  });

  it('the client process dies: the server notices and exits (no orphan)', async () => {
    // A stand-in for the editor process, whose pid the server watches.
    const editor = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const c = await LspTestClient.start({ fixture: 'test/protocol/fixtures/basic', processId: editor.pid });
    try {
      await c.waitForReady();
      editor.kill('SIGKILL');
      // The library checks the parent every 3 seconds.
      assert.notEqual(await exited(c.serverProcess, 10000), undefined);
    } finally {
      editor.kill('SIGKILL');
      await c.stop();
    }
  });

  it('killed with an unsaved edit, a new server over the same workspace shows the same problems and answers', async () => {
    const first = await LspTestClient.start({ fixture: SAMPLE });
    let second: LspTestClient | undefined;
    try {
      await first.waitForReady(60000);
      const expected = problems(first);
      assert.ok(expected.length > 20);
      const hoverAt = first.positionOf('journeys/mobile-switch.journey.yaml', 'digital-native-switcher', 3);
      const expectedHover = hoverText(await first.hover('journeys/mobile-switch.journey.yaml', hoverAt));
      // Typing, then the crash: the unsaved edit is gone with the process, as in an editor.
      await first.open('kpis/arpu.kpi.yaml');
      await first.change('kpis/arpu.kpi.yaml', first.text('kpis/arpu.kpi.yaml') + 'oops: [\n');
      first.serverProcess.kill('SIGKILL');
      assert.notEqual(await exited(first.serverProcess, 5000), 0);
      // The restarted server, on the same folder (a copy: the first client removes its own).
      second = await LspTestClient.start({ fixture: path.relative(REPO, first.root) });
      await second.waitForReady(60000);
      assert.deepEqual(problems(second), expected);
      assert.equal(hoverText(await second.hover('journeys/mobile-switch.journey.yaml', hoverAt)), expectedHover);
      // And the editor re-opens its documents with the unsaved text: the problem is back too.
      await second.open('kpis/arpu.kpi.yaml', first.text('kpis/arpu.kpi.yaml'));
      await second.waitForDiagnostics('kpis/arpu.kpi.yaml', (ds) => ds.some((d) => d.code === 'yaml-syntax'));
    } finally {
      await second?.stop();
      await first.stop();
    }
  });
});
