/**
 * A small pool of worker threads that parse YAML (parseWorker.ts) while the thread that loads a
 * taxonomy models, indexes and checks what comes back: the CLI's cold lint and the language
 * server's initial index. It is a `ParseService` for the core's loader. Whatever goes wrong in a
 * worker (it cannot start, it crashes, a parse throws) only means those files are parsed by the
 * caller, as without a pool, so no file is lost or read differently.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParsedElsewhere, ParseService, TextAhead } from '../core';
import { decodeParses, type ParseReply, type ParseRequest } from './parseWire';

/** Set (to anything) to have the CLI (stderr) and the server (its log) say what the parse workers did. */
export const TRACE_PARSE_ENV = 'CX_TAXONOMY_TRACE_PARSE';

/** What a pool did, for one that never started. */
export const NO_POOL_STATS: PoolStats = { workers: 0, parsed: 0, declined: 0, lost: 0 };

/** Set to a number of parse workers (0: parse in the loading thread); unset, the pool decides. */
const PARSE_WORKERS_ENV = 'CX_TAXONOMY_PARSE_WORKERS';

/**
 * Below this many files a worker costs more to start (~50 ms, its own copy of the parser) than it
 * saves; an explicit `CX_TAXONOMY_PARSE_WORKERS` overrides it.
 */
const MIN_FILES = 200;

/** The loading thread is the busy one (model, index, checks take ~3x the parse): more workers idle. */
const MAX_WORKERS = 3;

/** Texts queued by small requests (the server reads file by file) go out once this many wait, or on the next turn. */
const BATCH_TEXTS = 32;

/** The bundled worker next to the bundle that runs this (dist/); absent when run from the sources. */
const WORKER_SCRIPT = path.join(__dirname, 'parseWorker.js');

/** How many parse workers to use for loading `files` files: 0 to parse in the loading thread. */
export function parseWorkerCount(files: number, env: NodeJS.ProcessEnv): number {
  const set = env[PARSE_WORKERS_ENV];
  if (set !== undefined && set.trim() !== '') {
    const n = Number(set);
    return Number.isInteger(n) && n >= 0 ? Math.min(n, MAX_WORKERS) : 0;
  }
  if (files < MIN_FILES) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.min(MAX_WORKERS, Math.max(1, cores - 1));
}

/** What the pool did, in files: parsed by a worker, handed back to parse here (declined or lost with a worker). */
export interface PoolStats {
  workers: number;
  parsed: number;
  declined: number;
  lost: number;
}

interface Request {
  texts: readonly string[];
  ahead: readonly TextAhead[] | undefined;
  resolve(results: readonly (ParsedElsewhere | undefined)[]): void;
}

interface Slot {
  worker: Worker;
  /** Requests sent and not answered, by message id. */
  waiting: Map<number, Request[]>;
  alive: boolean;
}

export class ParsePool {
  readonly stats: PoolStats;
  private readonly slots: Slot[] = [];
  private queued: Request[] = [];
  private queuedTexts = 0;
  private flushPending = false;
  private nextId = 0;
  private closed = false;

  private constructor(workers: number, script: string) {
    for (let i = 0; i < workers; i++) {
      try {
        this.slots.push(this.start(script));
      } catch {
        // No worker threads here (or too many): the ones started do the work, else the caller.
      }
    }
    this.stats = { workers: this.slots.length, parsed: 0, declined: 0, lost: 0 };
  }

  /** A pool of `workers` threads, or undefined when none can start (its requests would all come back). */
  static open(workers: number, script = WORKER_SCRIPT): ParsePool | undefined {
    if (workers <= 0 || !existsSync(script)) return undefined;
    const pool = new ParsePool(workers, script);
    return pool.slots.length > 0 ? pool : undefined;
  }

  private start(script: string): Slot {
    const slot: Slot = { worker: new Worker(script), waiting: new Map(), alive: true };
    // Only a request in flight keeps the process alive: an idle pool never holds it open.
    slot.worker.unref();
    slot.worker.on('message', (m: ParseReply) => this.answer(slot, m));
    slot.worker.on('error', () => this.lose(slot));
    slot.worker.on('exit', () => this.lose(slot));
    return slot;
  }

  /** Parses texts in a worker; a result is undefined where the caller must parse (never rejects). */
  readonly parse: ParseService = (texts, ahead) =>
    new Promise((resolve) => {
      if (this.closed || !this.slots.some((s) => s.alive)) return resolve(texts.map(() => undefined));
      this.queued.push({ texts, ahead, resolve });
      this.queuedTexts += texts.length;
      if (this.queuedTexts >= BATCH_TEXTS) this.flush();
      else if (!this.flushPending) {
        this.flushPending = true;
        setImmediate(() => this.flush());
      }
    });

  /** Sends what is queued, as one message, to the live worker with the fewest batches waiting. */
  private flush(): void {
    this.flushPending = false;
    if (this.queued.length === 0) return;
    const requests = this.queued;
    this.queued = [];
    this.queuedTexts = 0;
    const live = this.slots.filter((s) => s.alive);
    if (live.length === 0) return this.giveBack(requests);
    const slot = live.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
    const id = this.nextId++;
    if (slot.waiting.size === 0) slot.worker.ref();
    slot.waiting.set(id, requests);
    try {
      slot.worker.postMessage({
        id,
        texts: requests.flatMap((r) => r.texts),
        ahead: requests.flatMap((r) => r.texts.map((_, i) => r.ahead?.[i] ?? {})),
      } satisfies ParseRequest);
    } catch {
      this.lose(slot);
    }
  }

  private answer(slot: Slot, m: ParseReply): void {
    const requests = slot.waiting.get(m.id);
    if (!requests) return;
    slot.waiting.delete(m.id);
    if (slot.waiting.size === 0) slot.worker.unref();
    let results: (ParsedElsewhere | undefined)[];
    try {
      results = decodeParses(m);
    } catch {
      return this.giveBack(requests);
    }
    let at = 0;
    for (const r of requests) {
      const mine = results.slice(at, (at += r.texts.length));
      for (const p of mine) {
        if (p) this.stats.parsed++;
        else this.stats.declined++;
      }
      r.resolve(mine);
    }
  }

  /** A worker that failed or stopped: what it was asked comes back to be parsed by the caller. */
  private lose(slot: Slot): void {
    if (!slot.alive) return;
    slot.alive = false;
    const requests = [...slot.waiting.values()].flat();
    slot.waiting.clear();
    if (!this.closed) this.stats.lost += requests.reduce((n, r) => n + r.texts.length, 0);
    this.giveBack(requests);
    void slot.worker.terminate();
  }

  private giveBack(requests: readonly Request[]): void {
    for (const r of requests) r.resolve(r.texts.map(() => undefined));
  }

  /** Stops the workers; requests still open come back to be parsed by the caller. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    for (const slot of this.slots) this.lose(slot);
  }
}
