import { lstatSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeText, loadFile, type FileHost, type TaxonomyWorkspace } from '../core';
import { contentHash, LintCache, type CachedFile } from './cache';

/** How a taxonomy's files are read into its workspace. */
export interface GroupLoadOptions {
  /** Called once per file read. */
  tick?: () => void;
  /** Reuse and remember diagnostics in this folder (`--cache`). */
  cacheLocation?: string;
  /** The taxonomy's folder, which names its cache file. */
  root: string;
  /** One line of warning for the user (a cache file ignored). */
  warn?: (line: string) => void;
}

type Fetched = { size?: number; bytes?: Uint8Array | string; error?: unknown; gone?: boolean };

/** Files read ahead, with at most this many reads in flight. */
const READ_AHEAD = 64;

/**
 * Reads a taxonomy's files into its workspace and checks them. Reads run concurrently (the
 * per-file round trips were a visible share of a large lint); files enter the workspace in the
 * given order through `loadFile`, so what is reported is exactly what a sequential load reports.
 * With a cache location, an unchanged taxonomy is restored from the cache instead of checked.
 */
export async function loadGroup(
  ws: TaxonomyWorkspace,
  host: FileHost,
  ids: readonly string[],
  o: GroupLoadOptions,
): Promise<void> {
  const fetched = new Map<string, Promise<Fetched>>();
  const maxSize = ws.currentConfig.maxFileSize;
  const fetch = (id: string): Promise<Fetched> => {
    let p = fetched.get(id);
    if (!p) {
      // The CLI's ids are absolute paths: files already in the page cache read fastest
      // synchronously, without a thread-pool round trip per call. Anything unusual goes the
      // host's way, which reports it.
      const quick = readQuickly(id, maxSize);
      if (quick) return Promise.resolve(quick);
      p = (async () => {
        const size = await host.size?.(id);
        if (size !== undefined && size > maxSize) return { size };
        try {
          const bytes = await host.readFile(id);
          return bytes === undefined ? { size, gone: true } : { size, bytes };
        } catch (error) {
          return { size, error };
        }
      })();
      fetched.set(id, p);
    }
    return p;
  };
  const results: Fetched[] = new Array(ids.length);
  let next = 0;
  const reader = async () => {
    while (next < ids.length) {
      const i = next++;
      results[i] = await fetch(ids[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_AHEAD, ids.length) }, reader));

  const cache =
    o.cacheLocation !== undefined ? new LintCache(o.cacheLocation, o.root, ws.currentConfig, o.warn) : undefined;
  const hashes = new Map<string, string>();
  if (cache) {
    const rels = ids.map((id) => host.relativePath(id));
    ids.forEach((_, i) => {
      const r = results[i];
      hashes.set(
        rels[i],
        r.bytes !== undefined
          ? contentHash(r.bytes)
          : r.gone
            ? 'gone'
            : r.error
              ? `error:${String(r.error)}`
              : `size:${r.size}`,
      );
    });
    const hit = cache.lookup(hashes);
    if (hit) {
      ids.forEach((id, i) => {
        const r = results[i];
        const decoded = r.bytes !== undefined ? decodeText(r.bytes) : undefined;
        const cached = hit.get(rels[i]);
        if (!r.gone)
          ws.restoreFile(
            id,
            rels[i],
            decoded?.ok ? decoded.text : '',
            cached?.diagnostics ?? [],
            cached?.suppressed ?? [],
          );
        o.tick?.();
      });
      return;
    }
  }

  // Each file goes through the core's loader, reading what was fetched.
  const byId = new Map(ids.map((id, i) => [id, results[i]]));
  results.length = 0;
  const prefetched: FileHost = {
    listFiles: () => ids,
    relativePath: (id) => host.relativePath(id),
    size: async (id) => byId.get(id)?.size,
    readFile: async (id) => {
      const r = byId.get(id);
      byId.delete(id);
      if (!r) return host.readFile(id);
      if (r.error !== undefined) throw r.error;
      return r.bytes;
    },
  };
  for (const id of ids) {
    await loadFile(prefetched, ws, id);
    o.tick?.();
  }
  if (!cache) return;
  ws.flush();
  const files = new Map<string, CachedFile>();
  for (const id of ids) {
    const rel = host.relativePath(id);
    files.set(rel, {
      hash: hashes.get(rel)!,
      diagnostics: [...ws.diagnostics(id)],
      suppressed: [...ws.suppressed(id)],
    });
  }
  cache.store(files);
}

/**
 * Reads a regular file of an absolute path synchronously; undefined when the host should. A
 * symbolic link always goes the host's way, which refuses links out of the taxonomy (the host
 * lists no other file whose folder lies outside it).
 */
function readQuickly(id: string, maxSize: number): Fetched | undefined {
  if (!path.isAbsolute(id)) return undefined;
  try {
    const st = lstatSync(id);
    if (!st.isFile()) return undefined;
    if (st.size > maxSize) return { size: st.size };
    return { size: st.size, bytes: readFileSync(id) };
  } catch {
    return undefined;
  }
}
