// The one place the product starts a process: `git`, for `lint --changed-since` and `diff`. Nothing
// here reads or runs code from the workspace; the settings below keep a repository's own config
// from making git do so either.
import { execFile } from 'node:child_process';

/** Git's output can be large (a big diff's names, a batch of old files). */
const MAX_BUFFER = 256 * 1024 * 1024;

/**
 * Settings that override a repository's config: `core.fsmonitor` names a program git would run
 * to list changed files. (An external diff is turned off by `--no-ext-diff` where a diff is
 * asked for, and a lazy fetch of a missing object in a partial clone by GIT_NO_LAZY_FETCH.)
 */
const SAFE_CONFIG = ['-c', 'core.fsmonitor=false'];

/** Why git failed: its first line of error output (`fatal: ...`), or that it is not installed. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly notFound = false,
  ) {
    super(message);
  }
}

/**
 * Runs `git <args>` in `cwd` without a shell (no argument is ever read as shell syntax) and
 * returns its standard output; `input` is written to its standard input.
 */
export function runGit(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, input?: string): Promise<Buffer> {
  // A caller may pass an environment without PATH (tests do): git is still found on ours.
  const childEnv: NodeJS.ProcessEnv = { ...env, GIT_NO_LAZY_FETCH: '1', GIT_TERMINAL_PROMPT: '0' };
  if (childEnv.PATH === undefined && process.env.PATH !== undefined) childEnv.PATH = process.env.PATH;
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...SAFE_CONFIG, ...args],
      { cwd, env: childEnv, encoding: 'buffer', maxBuffer: MAX_BUFFER, windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        if ((err as NodeJS.ErrnoException).code === 'ENOENT')
          return reject(new GitError('git was not found on the PATH', true));
        const first = stderr
          .toString('utf8')
          .split(/\r?\n/)
          .find((l) => l.trim() !== '');
        reject(new GitError(first ?? err.message));
      },
    );
    // A git that exits before reading all of its input closes the pipe: its exit code says why.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

/**
 * Objects asked of `git cat-file --batch`, by the name each was asked by (`<commit>:<path>` or an
 * object id): the bytes of each that is a blob. A name Git does not have (`<name> missing`) or a
 * name with a line break (which the batch cannot be asked for) is absent from the map.
 */
export async function catFileBatch(
  names: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const asked = names.filter((n) => !/[\r\n]/.test(n));
  if (asked.length === 0) return out;
  const stdout = await runGit(['cat-file', '--batch'], cwd, env, asked.map((n) => `${n}\n`).join(''));
  let at = 0;
  for (const name of asked) {
    const eol = stdout.indexOf(0x0a, at);
    if (eol < 0) break;
    const header = stdout.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) continue; // `<name> missing`
    const size = Number(m[2]);
    if (m[1] === 'blob') out.set(name, stdout.subarray(at, at + size));
    at += size + 1;
  }
  return out;
}

/** One file of a commit's tree: its path (from the repository's top), its blob and its size in bytes. */
export interface TreeFile {
  path: string;
  object: string;
  size: number;
}

/**
 * The regular files of a commit's tree under a folder (`''` for the whole tree), read with
 * `git ls-tree` and never checked out. Symbolic links and submodules are left out: a link's
 * target is not read from a tree, as the disk host does not read one out of the taxonomy.
 */
export async function listTree(
  commit: string,
  folder: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<TreeFile[]> {
  const args = ['ls-tree', '-r', '-l', '-z', '--full-tree', commit];
  if (folder !== '') args.push('--', folder);
  const stdout = await runGit(args, cwd, env);
  const files: TreeFile[] = [];
  for (const entry of stdout.toString('utf8').split('\0')) {
    // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`
    const m = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.*)$/s.exec(entry);
    if (!m || m[2] !== 'blob' || (m[1] !== '100644' && m[1] !== '100755')) continue;
    files.push({ path: m[5], object: m[3], size: Number(m[4]) });
  }
  return files;
}

/**
 * Why a ref may be missing: `''`, or (for a shallow clone, as CI makes by default) a hint to
 * fetch the history, to end a message with.
 */
export async function shallowCloneHint(top: string, env: NodeJS.ProcessEnv): Promise<string> {
  const shallow =
    (await runGit(['rev-parse', '--is-shallow-repository'], top, env).catch(() => Buffer.from('')))
      .toString('utf8')
      .trim() === 'true';
  return shallow
    ? '; this clone is shallow, so fetch the history the ref is in (fetch-depth: 0 on GitHub, GIT_DEPTH: 0 on GitLab)'
    : '';
}
