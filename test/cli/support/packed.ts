import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from './cli';

/** The npm package as `npm pack` makes it from an unbuilt clone of the working tree. */
export interface Packed {
  /** The temporary folder every packaging test works in; removed when the process exits. */
  root: string;
  /** The copy of the working tree that was packed (its dist/ built by `prepare`). */
  stage: string;
  /** The .tgz `npm pack` wrote. */
  tarball: string;
  /** What `npm pack` printed on stdout: pre-commit reads the tarball's name from it. */
  packStdout: string;
  version: string;
}

let packed: Packed | undefined;
let rootDir: string | undefined;

/** The temporary folder of the packaging tests, made once and removed when the process exits. */
function packagingRoot(): string {
  if (rootDir) return rootDir;
  const dir = mkdtempSync(path.join(tmpdir(), 'cx-package-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  rootDir = dir;
  return dir;
}

/**
 * Packs the package once per test process: the working tree's files (tracked and untracked, not
 * ignored; as a clone would hold them, without dist/) are copied to a temporary folder with a
 * link to this checkout's node_modules (the devDependencies `npm install` would give a clone),
 * and `npm pack` runs there: its `prepare` builds the production bundles, as it does for an
 * install from Git. Nothing is written into the checkout.
 */
export function packedPackage(): Packed {
  if (packed) return packed;
  const root = packagingRoot();
  const stage = path.join(root, 'clone');
  const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT });
  for (const rel of listed.stdout.split('\0')) {
    if (rel === '' || rel.startsWith('dist/')) continue;
    const from = path.join(ROOT, rel);
    // A tracked file deleted in the working tree is not in a clone of that tree either.
    if (!existsSync(from) || !lstatSync(from).isFile()) continue;
    const to = path.join(stage, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  const out = path.join(root, 'packed');
  mkdirSync(out);
  const pack = run('npm', ['pack', '--pack-destination', out], { cwd: stage, timeout: 170_000 });
  const version = (JSON.parse(readFileSync(path.join(stage, 'package.json'), 'utf8')) as { version: string }).version;
  packed = { root, stage, tarball: path.join(out, `cx-taxonomy-${version}.tgz`), packStdout: pack.stdout, version };
  return packed;
}

/** A new folder under the packaging tests' temporary folder. */
export function scratch(name: string): string {
  return mkdtempSync(path.join(packagingRoot(), `${name}-`));
}

/** Copies a folder of this checkout (e.g. a sample) to `to`. */
export function copyFromCheckout(rel: string, to: string): string {
  cpSync(path.join(ROOT, rel), to, { recursive: true });
  return to;
}

/**
 * The environment of a user's shell, not of `npm test`: no npm_* variables npm set for this
 * run, no NODE_PATH or NODE_OPTIONS that could lend the package a module, and npm kept offline
 * with its own cache, no audit, fund or update check (nothing here needs the registry).
 */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'NODE_PATH' || k === 'NODE_OPTIONS' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  const cache = path.join(packagingRoot(), 'npm-cache');
  return {
    ...env,
    npm_config_cache: cache,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeout?: number;
  /** Exit codes that are not a failure of the command itself (e.g. 1 for a lint with problems). */
  allow?: number[];
}

/** Runs a command and throws with its output unless it exits 0 (or an allowed code). */
export function run(command: string, args: string[], options: RunOptions): SpawnSyncReturns<string> {
  const env = options.env ?? userEnv();
  const r = spawnSync(command, args, {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error) throw new Error(`${command} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0 && !(options.allow ?? []).includes(r.status ?? -1)) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${r.status ?? r.signal} in ${options.cwd}:\n${r.stdout}\n${r.stderr}`,
    );
  }
  return r;
}
