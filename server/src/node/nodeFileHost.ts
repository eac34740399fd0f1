// The Node file-system side of the core's FileHost, shared by the CLI and the language server,
// so the editor and CI skip exactly the same files.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { FileHost } from '../core';
import { GitIgnore } from './gitignore';

/**
 * A file host over the local file system, rooted at one folder. It walks the tree once, skipping
 * `node_modules`, dot-folders, git-ignored paths and symbolic-link loops.
 */
export class NodeFileHost implements FileHost {
  constructor(
    readonly root: string,
    /** Extra starting points below the root (the paths given on the command line). */
    private readonly starts: readonly string[] = [root],
  ) {}

  async *listFiles(): AsyncIterable<string> {
    const seenDirs = new Set<string>();
    const ignore = new GitIgnore();
    for (const start of this.starts) {
      const st = await fsp.stat(start);
      if (st.isFile()) {
        yield path.resolve(start);
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
      const rel = path.relative(this.root, full).split(path.sep).join('/');
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = await fsp.stat(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (ignore.ignores(rel, isDir)) continue;
      if (isDir) yield* this.walk(full, seen, ignore);
      else if (isFile) yield full;
    }
  }

  async readFile(id: string): Promise<Uint8Array | undefined> {
    try {
      return await fsp.readFile(id);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async size(id: string): Promise<number | undefined> {
    try {
      return (await fsp.stat(id)).size;
    } catch {
      return undefined;
    }
  }

  relativePath(id: string): string {
    return path.relative(this.root, id).split(path.sep).join('/');
  }
}
