import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  applyFetchedInOrder,
  checkParsingAhead,
  decodeText,
  fetchFiles,
  loadFiles,
  taxonomyKindOf,
  type FetchedFile,
  type FetchOptions,
  type FileHost,
  type ParseService,
  type TaxonomyWorkspace,
} from '../core';
import { readPlainFile } from '../node/plainRead';
import { NO_POOL_STATS, ParsePool, parseWorkerCount, TRACE_PARSE_ENV } from '../node/parsePool';
import { CacheMiss, contentHash, LintCache, sizeHash, type CachedFile, type CacheStrategy } from './cache';
import { fileStamps, quickHashOf, textLater } from './cacheHashes';
import { NO_WORKER_ENV } from './thread';

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
  /** Restore the taxonomy from the cache or throw `CacheMiss`, reading nothing else. */
  cacheOnly?: boolean;
  /**
   * Check every file once loaded, while the parse workers are up (they parse ahead the files that
   * let their models go at load). A load for the cache always checks every file.
   */
  checkAll?: boolean;
  /**
   * Check each journey as it is loaded when every file is checked (`LoadOptions.checkEarly` of the
   * core's loader), keeping the dependencies after the load only with `keepDependencies`.
   */
  checkEarly?: boolean;
  keepDependencies?: boolean;
  /**
   * How the cache tells a file unchanged (`--cache-strategy`): `metadata` (the default) trusts a
   * file whose stamp is as remembered and hashes the others; `content` hashes every file.
   */
  cacheStrategy?: CacheStrategy;
  /** One line about how the cache answered (`CX_TAXONOMY_TRACE_CACHE`). */
  traceCache?: (line: string) => void;
}

/**
 * How the CLI reads: many reads in flight (the per-file round trips were a visible share of a
 * large lint), and files already in the page cache read synchronously.
 */
const CLI_READS: FetchOptions = { readAhead: 64, quickRead: readQuickly };

/**
 * Reads a taxonomy's files into its workspace through the core's loader, in the given order, so
 * what is reported is exactly what a sequential load reports. With a cache location, an unchanged
 * taxonomy is restored from the cache instead of checked.
 */
export async function loadGroup(
  ws: TaxonomyWorkspace,
  host: FileHost,
  ids: readonly string[],
  o: GroupLoadOptions,
): Promise<void> {
  if (o.cacheLocation === undefined) {
    await readAndCheck(ws, host, ids, o, o.checkAll === true);
    return;
  }
  // A run that may only answer from the cache leaves the warnings to the full run that follows a miss.
  const cache = new LintCache(o.cacheLocation, o.root, ws.currentConfig, o.cacheOnly ? undefined : o.warn);
  const rels = ids.map((id) => host.relativePath(id));
  const maxSize = ws.currentConfig.maxFileSize;
  // Stamped before anything is read: a file written after its stamp has another one next time.
  const stamps = o.cacheStrategy === 'content' ? undefined : fileStamps(ids);
  // An unchanged taxonomy is told by stamps and hashes alone; its texts are read only if a report asks.
  const count = { stamped: 0, hashed: 0 };
  let unsure = false; // A file that is not plain: the host's reads decide below.
  let restamped = false; // An unchanged file with a new stamp (a checkout, a touch).
  const quickHit = cache.lookup(rels, (i, stored) => {
    if (stamps?.[i] !== undefined && stamps[i] === stored.stamp) {
      count.stamped++;
      return true;
    }
    const hash = quickHashOf(ids[i], maxSize);
    count.hashed++;
    if (hash === undefined) unsure = true;
    if (hash !== stored.hash) return false;
    restamped ||= stamps?.[i] !== undefined;
    return true;
  });
  const trace = (answer: string) =>
    o.traceCache?.(
      `cx-taxonomy: lint cache: ${answer}; files unchanged by their stamps: ${count.stamped}, hashed: ${count.hashed}`,
    );
  /** Restores every file from a hit, with its text (undefined: a file gone meanwhile, left out). */
  const restore = (hit: ReadonlyMap<string, CachedFile>, textOf: (i: number) => string | (() => string) | undefined) =>
    ids.forEach((id, i) => {
      const text = textOf(i);
      const cached = hit.get(rels[i]);
      if (text !== undefined) ws.restoreFile(id, rels[i], text, cached?.diagnostics ?? [], cached?.suppressed ?? []);
      o.tick?.();
    });
  if (!quickHit && (o.cacheOnly || !unsure)) trace('not answered');
  if (!quickHit && o.cacheOnly) throw new CacheMiss();
  if (quickHit) {
    trace('answered');
    restore(quickHit, (i) => textLater(ids[i]));
    // Files found unchanged by their hashes are remembered with their new stamps, or every run
    // after a checkout (which gives each file it writes a new change time) would hash them again.
    if (restamped) cache.store(new Map(rels.map((rel, i) => [rel, { ...quickHit.get(rel)!, stamp: stamps?.[i] }])));
    return;
  }
  let hashes: readonly string[];
  if (unsure) {
    // A file that is not plain (a link) is read the host's way, and every file's bytes are
    // needed before the cache can tell whether the taxonomy changed.
    const results = await fetchFiles(host, ids, maxSize, CLI_READS);
    hashes = results.map(hashOf);
    const hit = cache.lookup(rels, (i, stored) => hashes[i] === stored.hash);
    trace(`${hit ? 'answered' : 'not answered'} after reading every file (one is not a plain file)`);
    if (hit) {
      restore(hit, (i) => {
        const r = results[i];
        if (r.kind === 'gone') return undefined;
        const decoded = r.kind === 'read' ? decodeText(r.bytes) : undefined;
        return decoded?.ok ? decoded.text : '';
      });
      return;
    }
    const reads = ids.map((id, i) => ({ id, rel: rels[i], fetched: results[i] }));
    await withParseWorkers(ids, async (parse) => {
      await applyFetchedInOrder(ws, reads, {
        tick: o.tick,
        parse,
        checkEarly: o.checkEarly,
        keepDependencies: o.keepDependencies,
      });
      await checkAll(ws, parse);
    });
  } else {
    // The cache cannot answer: the files are hashed as the load reads them, none held ahead of it.
    const byId = new Map<string, string>();
    await readAndCheck(ws, host, ids, o, true, (id, fetched) => byId.set(id, hashOf(fetched)));
    hashes = ids.map((id) => byId.get(id)!);
  }
  const files = new Map<string, CachedFile>();
  ids.forEach((id, i) => {
    files.set(rels[i], {
      hash: hashes[i],
      stamp: stamps?.[i],
      diagnostics: [...ws.diagnostics(id)],
      suppressed: [...ws.suppressed(id)],
    });
  });
  cache.store(files);
}

/**
 * Reads the files into the workspace with the parse workers, and checks every file when asked;
 * `onRead` sees each read as it completes.
 */
async function readAndCheck(
  ws: TaxonomyWorkspace,
  host: FileHost,
  ids: readonly string[],
  o: GroupLoadOptions,
  checkEvery: boolean,
  onRead?: (id: string, fetched: FetchedFile) => void,
): Promise<void> {
  await withParseWorkers(ids, async (parse) => {
    const checkEarly = checkEvery && o.checkEarly === true;
    await loadFiles(host, ws, ids, {
      ...CLI_READS,
      tick: o.tick,
      parse,
      checkEarly,
      keepDependencies: o.keepDependencies,
      onRead,
    });
    if (checkEvery) await checkAll(ws, parse);
  });
}

/** Checks every file of a loaded taxonomy, with the parse workers when there are some. */
async function checkAll(ws: TaxonomyWorkspace, parse: ParseService | undefined): Promise<void> {
  if (parse) await checkParsingAhead(ws, parse);
  else ws.flush();
}

/**
 * Runs a load with parse workers when the taxonomy is large enough for them to pay (and they are
 * not turned off: CX_TAXONOMY_NO_WORKER, CX_TAXONOMY_PARSE_WORKERS=0), stopping them after it.
 */
async function withParseWorkers(ids: readonly string[], load: (parse?: ParseService) => Promise<void>): Promise<void> {
  const env = process.env;
  const yamlFiles = ids.filter((id) => taxonomyKindOf(id) !== undefined).length;
  const pool = env[NO_WORKER_ENV] ? undefined : ParsePool.open(parseWorkerCount(yamlFiles, env));
  const loop = performance.eventLoopUtilization();
  try {
    await load(pool?.parse);
  } finally {
    pool?.close();
  }
  if (env[TRACE_PARSE_ENV]) {
    const s = pool?.stats ?? NO_POOL_STATS;
    // Idle: this thread waited (for the workers or the disk) rather than worked.
    const { idle, active } = performance.eventLoopUtilization(loop);
    process.stderr.write(
      `cx-taxonomy: parse workers: ${s.workers}, files parsed there: ${s.parsed}, handed back: ${s.declined + s.lost} of ${yamlFiles} YAML files; load ${ms(idle + active)}, idle ${ms(idle)}\n`,
    );
  }
}

function ms(n: number): string {
  return `${Math.round(n)} ms`;
}

/** What the cache remembers of a file's read: its content's hash, or why it has none. */
function hashOf(r: FetchedFile): string {
  switch (r.kind) {
    case 'read':
      return contentHash(r.bytes);
    case 'gone':
      return 'gone';
    case 'failed':
      return r.error ? `error:${thrownText(r.error)}` : sizeHash(r.size);
    case 'tooLarge':
      return sizeHash(r.size);
  }
}

/** Whatever a read threw, as text (the cache's hash of a failed read has always been `String()` of it). */
function thrownText(thrown: unknown): string {
  return String(thrown);
}

/**
 * Reads a regular file of an absolute path synchronously (the CLI's ids are absolute paths: a
 * file already in the page cache reads fastest without a thread-pool round trip); undefined when
 * the host should. A symbolic link always goes the host's way, which refuses links out of the
 * taxonomy (the host lists no other file whose folder lies outside it).
 */
function readQuickly(id: string, maxSize: number): FetchedFile | undefined {
  return path.isAbsolute(id) ? readPlainFile(id, maxSize) : undefined;
}
