import * as path from 'node:path';

/** A segment `.` or `..`, an empty one (a doubled separator) or a trailing separator: text `path.relative` would rewrite. */
const NOT_NORMAL = /(?:^|[\\/])\.{1,2}(?:[\\/]|$)|[\\/]{2}|[\\/]$/;

/** The last folder asked about and whether it is absolute and normal (reports ask of one folder thousands of times). */
let lastFrom = '';
let lastFromNormal = false;

/**
 * The part of `to` below the folder `from` with native separators, when `to` is plainly below it
 * (both absolute and normal); undefined otherwise. A report of a large taxonomy asks this for
 * every file several times (listing, cache keys, report paths: ~300 ms of a 1.2 s warm
 * `lint --cache` of 10,000 files went to `path.relative`'s normalising), and nearly always of a
 * file below the folder, which is a slice.
 */
function below(from: string, to: string): string | undefined {
  const sep = path.sep;
  if (from !== lastFrom) {
    lastFrom = from;
    lastFromNormal = path.isAbsolute(from) && !NOT_NORMAL.test(from);
  }
  if (!lastFromNormal || to.length <= from.length + 1 || to[from.length] !== sep || !to.startsWith(from))
    return undefined;
  const rest = to.slice(from.length + 1);
  return rest[0] === '/' || rest[0] === '\\' || NOT_NORMAL.test(rest) ? undefined : rest;
}

/** `path.relative(from, to)` with forward slashes. */
export function slashRelative(from: string, to: string): string {
  const rest = below(from, to);
  if (rest !== undefined) return path.sep === '/' ? rest : rest.split(path.sep).join('/');
  return path.relative(from, to).split(path.sep).join('/');
}

/** `path.relative(from, to)`, quick for a file below the folder. */
export function nativeRelative(from: string, to: string): string {
  return below(from, to) ?? path.relative(from, to);
}
