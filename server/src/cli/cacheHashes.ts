import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../core';
import { contentHasher, sizeHash } from './cache';

/** One buffer for every file hashed: a warm run allocates nothing per file. */
const CHUNK = Buffer.allocUnsafe(1 << 16);

/**
 * The cache hashes of files (what `contentHash` gives of their bytes, or `size:N` for a file over
 * the limit), read through one reused buffer; undefined as soon as one file is not a plain file of
 * an absolute path, so the caller reads them the host's way. A warm `lint --cache` of a large
 * taxonomy only compares hashes: reading every file into a buffer of its own, and decoding it,
 * made most of that run's garbage (~200 ms of collection on 10,000 files).
 */
export function quickHashes(ids: readonly string[], maxSize: number): string[] | undefined {
  const out: string[] = [];
  for (const id of ids) {
    if (!path.isAbsolute(id)) return undefined;
    try {
      const hash = quickHash(id, maxSize);
      if (hash === undefined) return undefined;
      out.push(hash);
    } catch {
      return undefined;
    }
  }
  return out;
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
