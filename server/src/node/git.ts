// The one place the product starts a process: `git`, for `lint --changed-since` only. Nothing
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
