// The Node file-system side of the core's FileHost, shared by the CLI and the language server,
// so the editor and CI skip exactly the same files.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { FileHost } from '../core';
import { GitIgnore } from './gitignore';
import { slashRelative } from './slashPath';

/**
 * Why a file reached through a symbolic link is not read. A taxonomy is often someone else's pull
 * request: its links must not make the CI machine or the editor read files outside it.
 */
export const OUTSIDE_LINK_FILE =
  'it is a symbolic link to a file outside the taxonomy folder, and nothing outside that folder is read';
const OUTSIDE_LINK_FOLDER = 'a symbolic link to a folder outside the taxonomy folder, so its files are not read';

/** Told once for each path the walk does not follow, with its path relative to the root. */
export type SkipNotice = (relativePath: string, reason: string) => void;

/** True when `p` is `dir` or below it (both absolute, links resolved). */
export function isWithin(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** An error whose message says why a file is not read; the loader shows it as the file's problem. */
export class OutsideRootError extends Error {
  readonly code = 'EOUTSIDEROOT';
  constructor() {
    super(OUTSIDE_LINK_FILE);
  }
}

/**
 * Whether a path, its links resolved, lies inside a folder (itself resolved). False when either
 * cannot be resolved (a dangling link is not read either).
 */
export async function resolvesWithin(dir: string, p: string): Promise<boolean> {
  try {
    const [realDir, real] = await Promise.all([fsp.realpath(dir), fsp.realpath(p)]);
    return isWithin(realDir, real);
  } catch {
    return false;
  }
}

/**
 * A file host over the local file system, rooted at one folder. It walks the tree once, skipping
 * `node_modules`, dot-folders, git-ignored paths and symbolic-link loops.
 *
 * Symbolic links are followed only when their target lies inside the root, compared as real
 * paths. A link to a file outside is listed but never read: reading it fails with a message that
 * becomes the file's `unreadable-file` problem, so the notice names the link and why. A link to a
 * folder outside is not walked and `onSkip` is told. So every listed file whose own entry is not a
 * link sits in a folder whose real path is inside the root, and callers may read such files
 * directly (the CLI's quick synchronous read relies on it).
 */
export class NodeFileHost implements FileHost {
  /** Listed files that are links to outside the root. */
  private readonly outside = new Set<string>();
  private realRootPromise: Promise<string> | undefined;

  constructor(
    readonly root: string,
    /** Extra starting points below the root (the paths given on the command line). */
    private readonly starts: readonly string[] = [root],
    private readonly onSkip?: SkipNotice,
  ) {}

  /** The real path of the root, resolved once. */
  private realRoot(): Promise<string> {
    this.realRootPromise ??= fsp.realpath(this.root).catch(() => path.resolve(this.root));
    return this.realRootPromise;
  }

  private async inside(p: string): Promise<boolean> {
    try {
      return isWithin(await this.realRoot(), await fsp.realpath(p));
    } catch {
      return false;
    }
  }

  async *listFiles(): AsyncIterable<string> {
    const seenDirs = new Set<string>();
    const ignore = new GitIgnore();
    for (const start of this.starts) {
      const st = await fsp.stat(start);
      if (st.isFile()) {
        const file = path.resolve(start);
        if (!(await this.inside(file))) {
          // A named file that is itself a link is listed, to say why it is not read; a file
          // reached through a linked folder is not listed at all.
          if (!(await fsp.lstat(file)).isSymbolicLink()) {
            this.onSkip?.(this.relativePath(file), OUTSIDE_LINK_FOLDER);
            continue;
          }
          this.outside.add(file);
        }
        yield file;
        continue;
      }
      yield* this.walk(path.resolve(start), seenDirs, ignore);
    }
  }

  private async *walk(dir: string, seen: Set<string>, ignore: GitIgnore): AsyncIterable<string> {
    let real: string;
    try {
      real = await fsp.realpath(dir);
    } catch {
      return;
    }
    // A symbolic link back to an ancestor would make the walk endless.
    if (seen.has(real)) return;
    if (!isWithin(await this.realRoot(), real)) {
      this.onSkip?.(this.relativePath(dir), OUTSIDE_LINK_FOLDER);
      return;
    }
    seen.add(real);
    let entries;
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const gi = entries.find((e) => e.name === '.gitignore' && e.isFile());
    if (gi) {
      try {
        ignore.add(path.relative(this.root, dir), await fsp.readFile(path.join(dir, '.gitignore'), 'utf8'));
      } catch {
        /* an unreadable .gitignore ignores nothing */
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      const rel = slashRelative(this.root, full);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let outside = false;
      if (e.isSymbolicLink()) {
        try {
          const st = await fsp.stat(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
        // Folders are checked as they are walked (above); a file link is checked here.
        outside = isFile && !(await this.inside(full));
      }
      if (ignore.ignores(rel, isDir)) continue;
      if (isDir) yield* this.walk(full, seen, ignore);
      else if (isFile) {
        if (outside) this.outside.add(full);
        yield full;
      }
    }
  }

  async readFile(id: string): Promise<Uint8Array | undefined> {
    if (this.outside.has(id)) throw new OutsideRootError();
    try {
      return await fsp.readFile(id);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async size(id: string): Promise<number | undefined> {
    if (this.outside.has(id)) return undefined;
    try {
      return (await fsp.stat(id)).size;
    } catch {
      return undefined;
    }
  }

  relativePath(id: string): string {
    return slashRelative(this.root, id);
  }
}
