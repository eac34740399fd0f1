/**
 * Indexing workspace folders: listing them, reading every file with a few reads in flight, and the
 * progress the editor shows ("Indexing taxonomy: 120 / 1,000 files", then "checking N files").
 */
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { resourceLimits } from 'node:worker_threads';
import { forEachConcurrently, modelsHeld, taxonomyKindOf } from '../../core';
import { formatCount } from '../../core/text/shape';
import { collectGarbage, collectGarbageWhenIdle } from '../../node/collectGarbage';
import { NO_POOL_STATS, ParsePool, parseWorkerCount, TRACE_PARSE_ENV } from '../../node/parsePool';
import { youngGenerationOfFlags } from '../../node/youngGeneration';
import { fsPathOf, normaliseUri } from '../fileSystem';
import type { SessionConfig } from './config';
import type { Documents, FileReads } from './documents';
import { quickReader } from './quickRead';
import type { Roots } from './roots';
import type {
  FolderState,
  Lifetime,
  Located,
  ProgressReporter,
  ScheduleCheck,
  SessionHost,
  TaxonomyRoot,
} from './types';
import type { Watcher } from './watcher';

/**
 * How many files are read from the disk at once while indexing; with parse workers, enough that
 * they always have a batch while this thread models and indexes what they sent back.
 */
const READ_CONCURRENCY = 8;
const READ_CONCURRENCY_WITH_WORKERS = 256;

export class Indexer {
  /** The indexing under way, if any; `checking` once every file is read and the checks run. */
  private indexing:
    { progress?: ProgressReporter; phase: 'reading' | 'checking'; done: number; total: number } | undefined;
  private lastReport = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: SessionHost,
    private readonly roots: Roots,
    private readonly docs: Documents,
    private readonly config: SessionConfig,
    private readonly watcher: Watcher,
    private readonly scheduleCheck: ScheduleCheck,
    private readonly lifetime: Lifetime,
  ) {}

  /**
   * Lists and reads every taxonomy file and doc of the given folders, reporting progress
   * ("Indexing taxonomy: 120 / 1,000 files"), then checks them all in slices.
   */
  indexFolders(folders: readonly FolderState[]): Promise<void> {
    // One indexing at a time: folders added meanwhile wait for the current one.
    this.chain = this.chain
      .then(() => this.index(folders))
      .catch((err) =>
        this.host.log(`Indexing failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
      );
    return this.chain;
  }

  private async index(folders: readonly FolderState[]): Promise<void> {
    if (folders.length === 0) {
      if (!this.indexing) this.host.status('ready');
      return;
    }
    const progress = await this.host.progress('Indexing taxonomy').catch(() => undefined);
    this.indexing = { progress, phase: 'reading', done: 0, total: 0 };
    this.host.status('indexing', 0, 0);
    const queue: Located[] = [];
    for (const folder of folders) {
      await this.config.refreshFolder(folder);
      queue.push(...(await this.roots.listFolderRoots(folder)));
    }
    const total = queue.length;
    this.indexing.total = total;
    let done = 0;
    // Large workspaces parse their YAML in worker threads; edits later parse in this one (one file, fast).
    const yamlFiles = queue.filter((loc) => taxonomyKindOf(loc.rel) !== undefined).length;
    const pool = ParsePool.open(parseWorkerCount(yamlFiles, process.env));
    const quick = new Map<TaxonomyRoot, FileReads['quickRead']>();
    const readsOf = (root: TaxonomyRoot): FileReads => {
      let quickRead = quick.get(root);
      if (!quickRead) quick.set(root, (quickRead = quickReader(root.dir)));
      return { parse: pool?.parse, quickRead };
    };
    const loop = performance.eventLoopUtilization();
    try {
      // Reads in flight at once, so parsing one file overlaps waiting for the next.
      await forEachConcurrently(
        queue,
        pool ? READ_CONCURRENCY_WITH_WORKERS : READ_CONCURRENCY,
        async (loc) => {
          await this.docs.read(loc, readsOf(loc.root));
          this.indexing!.done = ++done;
          this.reportReading(done, total);
        },
        () => this.lifetime.disposed,
      );
    } finally {
      pool?.close();
    }
    if (pool || process.env[TRACE_PARSE_ENV]) {
      const s = pool?.stats ?? NO_POOL_STATS;
      // Idle: this thread waited (for the workers or the disk) rather than worked.
      const { idle, active } = performance.eventLoopUtilization(loop);
      this.host.log(
        `Parse workers: ${s.workers}; of ${yamlFiles} YAML files ${s.parsed} were parsed there, ${s.declined + s.lost} handed back; ${formatCount(total)} files read in ${formatCount(Math.round(idle + active))} ms, ${formatCount(Math.round(idle))} of them idle; young generation ${youngGeneration()}.`,
      );
    }
    if (this.lifetime.disposed) return;
    for (const folder of folders) await this.watcher.finishIndexing(folder);
    this.indexing.phase = 'checking';
    this.reportReading(done, total, true);
    this.scheduleCheck(0);
  }

  private reportReading(done: number, total: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastReport < 100 && done < total) return;
    this.lastReport = now;
    const pct = total ? Math.floor((done / total) * 90) : 90;
    this.indexing?.progress?.report(pct, `${formatCount(done)} / ${formatCount(total)} files`);
    this.host.status('indexing', done, total);
  }

  /** Reports the files still to check, while the checks that end an indexing run. */
  reportChecking(left: number): void {
    if (this.indexing?.phase === 'checking') this.indexing.progress?.report(95, `checking ${formatCount(left)} files`);
  }

  /** Ends the indexing once its checks are done (nothing when none is at that phase). */
  checksDone(): void {
    if (this.indexing?.phase === 'checking') {
      this.indexing.progress?.done();
      this.indexing = undefined;
      // With models let go, what the load allocated is garbage now, and the heap grew well past
      // what lives on: one compacting collection gives it back (~0.5 s on the styled L). With
      // every model kept it would take ~3.5 s for ~10% of the memory, so it is not run then.
      const before = getHeapStatistics().total_heap_size;
      if (this.logReleased() > 0 && collectGarbage())
        this.host.log(
          `Memory after indexing: heap ${heapMb(before)} -> ${heapMb(getHeapStatistics().total_heap_size)} MB (one full, compacting collection).`,
        );
      this.host.status('ready');
      collectGarbageWhenIdle(
        () => this.lifetime.disposed,
        (before, after) =>
          this.host.log(
            `Memory when idle: heap ${heapMb(before)} -> ${heapMb(after)} MB (one full collection, which gives back the young generation).`,
          ),
      );
    }
  }

  /** Says how many checked files let their models go (a large taxonomy's closed journeys), once indexed; returns it. */
  private logReleased(): number {
    let files = 0;
    let size = 0;
    for (const ws of this.roots.workspaces())
      for (const file of ws.allFiles())
        if (!modelsHeld(file)) {
          files++;
          size += file.text.length;
        }
    if (files > 0)
      this.host.log(
        `Models let go once checked: ${formatCount(files)} closed files (${formatCount(Math.round(size / 1e6))} MB of text); they are rebuilt when read.`,
      );
    return files;
  }

  /**
   * "120 / 1,000 files" while the taxonomy of a file is still being indexed, for features to say
   * so instead of answering from a partial index; undefined once it is indexed.
   */
  indexingNote(rawUri: string): string | undefined {
    const p = fsPathOf(normaliseUri(rawUri));
    const folder = p ? this.roots.folderOf(p) : undefined;
    if (!folder || folder.indexed) return undefined;
    const i = this.indexing;
    return i && i.total > 0 ? `${formatCount(i.done)} / ${formatCount(i.total)} files` : 'listing files';
  }
}

/**
 * The young generation this thread runs with: the server's worker thread is sized by its resource
 * limits, its child process (or VS Code's) by node flags (lsp/serverThread.ts).
 */
function youngGeneration(): string {
  const mb = resourceLimits.maxYoungGenerationSizeMb ?? youngGenerationOfFlags(process.execArgv);
  return mb ? `${mb} MB` : "node's default";
}

/** A heap size in bytes as the memory log lines give it: whole MB. */
function heapMb(bytes: number): string {
  return formatCount(Math.round(bytes / 1e6));
}
