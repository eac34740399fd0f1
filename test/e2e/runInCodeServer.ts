/**
 * Runs the @vscode/test-electron suite (test/e2e/suite) where VS Code cannot be downloaded: in the
 * VS Code server that ships inside code-server (installed by scripts/e2e/setup.sh), whose
 * workbench URL accepts `extensionDevelopmentPath` and `extensionTestsPath` and runs the test
 * module in a real Node extension host. This is undocumented VS Code behaviour, kept behind this
 * one runner: the extension host exits 0 even when the tests fail, so the suite writes its
 * outcome to CX_TEST_RESULT and this runner reads it.
 *
 *   npm run test:vscode:web     (builds, compiles the suite, runs it here)
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { cacheDir, chromiumPath, repoRoot } from '../../scripts/e2e/paths';
import { poll } from '../../scripts/e2e/wait';

const serverMain = path.join(
  cacheDir,
  'code-server',
  'node_modules',
  'code-server',
  'lib',
  'vscode',
  'out',
  'server-main.js',
);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function main(): Promise<number> {
  if (!fs.existsSync(serverMain)) {
    console.error(`VS Code server not found at ${serverMain}. Run: bash scripts/e2e/setup.sh`);
    return 1;
  }
  const suite = path.join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js');
  if (!fs.existsSync(suite) || !fs.existsSync(path.join(repoRoot, 'dist', 'server.js'))) {
    console.error('Build first: node esbuild.mjs && tsc -p test/e2e/tsconfig.json');
    return 1;
  }
  const started = Date.now();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-vscode-web-'));
  const workspace = path.join(temp, 'with-problems');
  fs.cpSync(path.join(repoRoot, 'samples', 'with-problems'), workspace, { recursive: true });
  const data = path.join(temp, 'data');
  const result = path.join(temp, 'result.json');
  const log = path.join(temp, 'server.log');
  const port = await freePort();
  const out = fs.openSync(log, 'w');
  const server = spawn(
    process.execPath,
    [
      serverMain,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--server-data-dir',
      data,
      '--user-data-dir',
      data,
      '--extensions-dir',
      path.join(temp, 'extensions'),
    ],
    { detached: true, stdio: ['ignore', out, out], env: { ...process.env, CX_TEST_RESULT: result } },
  );
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  const profile = path.join(temp, 'browser');
  let browser: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  try {
    const base = `http://127.0.0.1:${port}`;
    await poll(async () => (await fetch(`${base}/version`).catch(() => undefined))?.ok, {
      timeoutMs: 60_000,
      what: 'the VS Code server',
    });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(suite)],
    ]);
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      env: { ...process.env, XDG_CONFIG_HOME: path.join(temp, 'xdg'), XDG_CACHE_HOME: path.join(temp, 'xdg') },
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    const outcome = await poll(
      () =>
        fs.existsSync(result)
          ? (JSON.parse(fs.readFileSync(result, 'utf8')) as {
              failures: number;
              passed: { title: string; ms?: number }[];
              failed: { title: string; error?: string }[];
            })
          : undefined,
      {
        timeoutMs: 300_000,
        intervalMs: 500,
        what: `the suite's result (${result}); server log: ${log}`,
      },
    );
    for (const t of outcome.passed) console.log(`  PASS ${t.title}${t.ms !== undefined ? ` (${t.ms} ms)` : ''}`);
    for (const t of outcome.failed) console.log(`  FAIL ${t.title}\n${(t.error ?? '').replace(/^/gm, '       ')}`);
    console.log(
      `VS Code suite in the VS Code server: ${outcome.passed.length} passed, ${outcome.failed.length} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return outcome.failures > 0 ? 1 : 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.error(fs.readFileSync(log, 'utf8').split('\n').slice(-30).join('\n'));
    return 1;
  } finally {
    await browser?.close().catch(() => undefined);
    stop();
    fs.closeSync(out);
    if (process.env.CX_E2E_KEEP !== '1') fs.rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * Runs the suite, and on CI once more in a fresh server when it fails (CX_E2E_RETRIES, as for
 * test/e2e-web): a busy machine can make one UI wait miss, a real failure fails every attempt.
 */
async function attempts(): Promise<number> {
  const retries = Number(process.env.CX_E2E_RETRIES ?? (process.env.CI ? 1 : 0));
  let code = await main();
  for (let attempt = 1; code !== 0 && attempt <= retries; attempt++) {
    console.log(`RETRY (${attempt} of ${retries}) the VS Code suite in a fresh VS Code server`);
    code = await main();
    if (code === 0) console.log('FLAKY (passed on a retry) the VS Code suite');
  }
  return code;
}

attempts().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
