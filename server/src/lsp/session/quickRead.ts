/**
 * The initial index's quick reads: a file already in the page cache reads fastest synchronously,
 * without the thread-pool round trips of the host's way (the real paths of the file and the root,
 * its size, then open, stat, read and close: 7 asynchronous calls a file, ~1.5 s of the loading
 * thread's time on the styled L).
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { FetchedFile } from '../../core';
import { isWithin } from '../../node/nodeFileHost';
import { readPlainFile } from '../../node/plainRead';
import { fsPathOf } from '../fileSystem';

/**
 * A quick read of the files of the taxonomy root `rootDir`, for one indexing run (it keeps the
 * real paths of folders meanwhile). It reads exactly the files the root's host (`UriFileHost`)
 * reads, the same way: a file whose own entry is not a link, in a folder whose real path lies
 * inside the root's. Anything else (a link, a file gone, an error) is left to the host:
 * undefined.
 */
export function quickReader(rootDir: string): (uri: string, maxSize: number) => FetchedFile | undefined {
  let realRoot: string | undefined;
  const realDirs = new Map<string, string>();
  return (uri, maxSize) => {
    const p = fsPathOf(uri);
    if (!p) return undefined;
    try {
      realRoot ??= realpathSync(rootDir);
      const dir = path.dirname(p);
      let real = realDirs.get(dir);
      if (real === undefined) realDirs.set(dir, (real = realpathSync(dir)));
      return isWithin(realRoot, real) ? readPlainFile(p, maxSize) : undefined;
    } catch {
      return undefined;
    }
  };
}
