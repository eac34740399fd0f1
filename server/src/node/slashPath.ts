import * as path from 'node:path';

/** A segment `.` or `..`, or an empty one (a doubled separator): text `path.relative` would rewrite. */
const NOT_NORMAL = /(?:^|[\\/])\.{1,2}(?:[\\/]|$)|[\\/]{2}/;

/**
 * `path.relative(from, to)` with forward slashes. A report of a large taxonomy asks this for every
 * file several times (listing, cache keys, report paths: ~300 ms of a 1.2 s warm `lint --cache` of
 * 10,000 files in `path.relative`'s normalising), and nearly always of a file below the folder,
 * which is a slice; anything else goes through `path.relative`.
 */
export function slashRelative(from: string, to: string): string {
  const sep = path.sep;
  if (
    path.isAbsolute(from) &&
    to.length > from.length + 1 &&
    to.startsWith(from) &&
    to[from.length] === sep &&
    !from.endsWith(sep) &&
    !NOT_NORMAL.test(from) &&
    !NOT_NORMAL.test(to)
  ) {
    const rest = to.slice(from.length + 1);
    return sep === '/' ? rest : rest.split(sep).join('/');
  }
  return path.relative(from, to).split(sep).join('/');
}
