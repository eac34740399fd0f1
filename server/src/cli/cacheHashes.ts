import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../core';
import { contentHasher, sizeHash } from './cache';

/** One buffer for every file hashed: a warm run allocates nothing per file. */
const CHUNK = Buffer.allocUnsafe(1 << 16);

/**
 * The cache hash of a file of an absolute path (what `contentHash` gives of its bytes, or `size:N`
 * for a file over the limit), read through one reused buffer; undefined when it is not a plain
 * file of an absolute path, so the caller reads it the host's way. A warm `lint --cache` of a
 * large taxonomy only compares hashes: reading every file into a buffer of its own, and decoding
 * it, made most of that run's garbage (~200 ms of collection on 10,000 files).
 */
export function quickHashOf(id: string, maxSize: number): string | undefined {
  if (!path.isAbsolute(id)) return undefined;
  try {
    return quickHash(id, maxSize);
  } catch {
    return undefined;
  }
}

/**
 * How much older than the run a file's last write must be for its stamp to be remembered. A
 * file system that keeps times in seconds (or a clock read in ticks) can give a write just after
 * the stamp the same time as the stamp: git calls such an entry "racily clean" and reads it
 * again. Here such a file is simply not stamped, and the next run hashes it.
 */
const RACY_MS = 2000;

/**
 * Each file's stamp: what changes whenever its bytes are written (its size, its modification
 * and change times, its inode), as `lint --cache`'s metadata strategy compares
 * them; undefined for a file that is not plain (a link, a folder, gone) or was written within
 * `RACY_MS` of `now`. The change time cannot be set back by a tool that restores the
 * modification time (`touch -d`, `rsync -t`, an archive), so a file edited and given its old
 * time back still gets a new stamp. A stat of 10,000 files costs ~27 ms against ~115 ms to
 * read and hash them.
 */
export function fileStamps(ids: readonly string[], now: number = Date.now()): (string | undefined)[] {
  return ids.map((id) => {
    if (!path.isAbsolute(id)) return undefined;
    let st: Stats | undefined;
    try {
      st = lstatSync(id, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    // Times in milliseconds (to a fraction of a microsecond) are enough: a write after the stamp
    // falls at least RACY_MS after the times stamped. Nanoseconds as BigInts made a warm run's
    // garbage a third larger.
    if (!st?.isFile() || Math.max(st.mtimeMs, st.ctimeMs) > now - RACY_MS) return undefined;
    return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
  });
}

/**
 * Opening without following a link (a link fails to open) and without waiting on a pipe, then
 * asking the open file its type and size, spares a `lstat` per file; where the system has no such
 * flags (Windows), the file is looked at first.
 */
const OPEN_PLAIN =
  constants.O_NOFOLLOW !== undefined && constants.O_NONBLOCK !== undefined
    ? constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK
    : undefined;

/** The cache hash of one plain file, or undefined when it is not one (a link, a folder, a device). */
function quickHash(id: string, maxSize: number): string | undefined {
  if (OPEN_PLAIN === undefined && !lstatSync(id).isFile()) return undefined;
  const fd = openSync(id, OPEN_PLAIN ?? 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    if (st.size > maxSize) return sizeHash(st.size);
    const hash = contentHasher();
    // Up to the size just read: one read for most files, instead of a second one finding the end.
    for (
      let left = st.size, n: number;
      left > 0 && (n = readSync(fd, CHUNK, 0, Math.min(CHUNK.length, left), null)) > 0;
      left -= n
    )
      hash.update(CHUNK.subarray(0, n));
    return hash.digest();
  } finally {
    closeSync(fd);
  }
}

/** A file's text read when first asked (a restored file's text is needed only for line offsets). */
export function textLater(id: string): () => string {
  return () => {
    try {
      const decoded = decodeText(readFileSync(id));
      return decoded.ok ? decoded.text : '';
    } catch {
      return '';
    }
  };
}
