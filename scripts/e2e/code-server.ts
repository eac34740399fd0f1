/**
 * Starts and stops code-server (a real VS Code workbench served over HTTP) for one test run:
 * a fresh user-data-dir and extensions dir, its own process group, a free loopback port.
 */
import { spawn, spawnSync, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { codeServerBin } from './paths';
import { poll, delay } from './wait';

/** The user settings every run starts from: nothing may pop up over the editor. */
const baseSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'editor.hover.delay': 100,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'files.autoSave': 'off',
};

/** Folders of one code-server instance (all inside the run's temp folder). */
export interface CodeServerDirs {
  userDataDir: string;
  extensionsDir: string;
  /** HOME-like folders, so nothing is written to the real home (XDG_*). */
  xdgDir: string;
}

/** Environment for code-server: its config, data and session socket stay in the temp folder. */
function serverEnv(dirs: CodeServerDirs): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dirs.xdgDir, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdgDir, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdgDir, 'cache'),
    // code-server would otherwise read PASSWORD/PORT from the caller's environment.
    PASSWORD: '',
    PORT: '',
  };
}

/** Writes `User/settings.json` into a fresh user-data-dir. */
export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...baseSettings, ...extra }, null, 2));
}

/** Installs a .vsix into the run's extensions dir (takes about a second). */
export function installExtension(dirs: CodeServerDirs, vsixPath: string, logFile: string): void {
  const args = [
    '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', dirs.extensionsDir,
    '--install-extension', path.resolve(vsixPath),
    '--force',
  ];
  const result = spawnSync(codeServerBin, args, {
    env: serverEnv(dirs),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  fs.appendFileSync(logFile, `$ code-server ${args.join(' ')}\n${result.stdout}${result.stderr}\n`);
  if (result.status !== 0 || !/successfully installed/i.test(`${result.stdout}${result.stderr}`)) {
    throw new Error(`installing ${vsixPath} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
}

/** Asks the OS for a free loopback port. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A running code-server. */
export interface CodeServer {
  port: number;
  url: string;
  process: ChildProcess;
  /** Stops code-server and every process it started (its whole process group). */
  stop(): Promise<void>;
}

/**
 * Starts code-server on a free port in its own process group and resolves once `/healthz`
 * answers. Its output goes to `logFile`.
 */
export async function startCodeServer(dirs: CodeServerDirs, logFile: string, timeoutMs = 60_000, options: { workspaceTrust?: boolean } = {}): Promise<CodeServer> {
  let lastError: unknown;
  // A port can be taken between freePort() and bind: retry with another one.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await startOnPort(dirs, port, logFile, timeoutMs, options.workspaceTrust ?? false);
    } catch (error) {
      lastError = error;
      fs.appendFileSync(logFile, `\n[harness] start on port ${port} failed: ${String(error)}\n`);
    }
  }
  throw lastError;
}

async function startOnPort(dirs: CodeServerDirs, port: number, logFile: string, timeoutMs: number, workspaceTrust: boolean): Promise<CodeServer> {
  const configFile = path.join(dirs.xdgDir, 'code-server-config.yaml');
  fs.mkdirSync(dirs.xdgDir, { recursive: true });
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const args = [
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', dirs.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    // Without trust every folder is trusted; scenarios about Restricted Mode turn it on.
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
  ];
  fs.appendFileSync(logFile, `$ code-server ${args.join(' ')}\n`);
  const log = fs.openSync(logFile, 'a');
  // detached: a new process group (setsid), so stop() can end code-server, its extension
  // host, pty host and file watcher in one signal.
  const child = spawn(codeServerBin, args, { env: serverEnv(dirs), detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('code-server did not start');
  liveGroups.add(pgid);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });

  const stop = async (): Promise<void> => {
    await killGroup(pgid);
    liveGroups.delete(pgid);
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await poll(
      async () => {
        if (exited) throw new Error(`code-server exited early; see ${logFile}`);
        const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        return response.ok;
      },
      { timeoutMs, intervalMs: 200, what: `code-server /healthz on port ${port}` },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url, process: child, stop };
}

/** Process groups started here and not yet stopped: ended on exit, whatever happens. */
const liveGroups = new Set<number>();

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the group, then SIGKILL if anything is still there after a few seconds. */
async function killGroup(pgid: number, graceMs = 5_000): Promise<void> {
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await delay(100);
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone in between
    }
  }
}

/** Kills every code-server this process started; safe to call from an exit handler. */
function killAllCodeServersSync(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
}

process.on('exit', killAllCodeServersSync);
