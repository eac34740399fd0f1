/**
 * The one loader: how a taxonomy's files get from a host into a workspace. The CLI, the language
 * server and the tests all read through it, so a file too large, unreadable, gone or not UTF-8
 * gives the same result everywhere. It is pure: the host (Node's file system, the server's URIs,
 * an in-memory map) supplies the listing and the bytes.
 */
import { CONFIG_FILE_NAMES, RELEASABLE_KINDS, taxonomyKindOf } from './domain';
import { parseConfig, type ConfigProblem, type TaxonomyConfig } from './config';
import { decodeText, type Decoded, type FileHost } from './host';
import { parsesAsYaml, tooLargeMessage, type ParsedElsewhere } from './taxonomyFile';
import type { TaxonomyKind } from './types';
import type { TaxonomyWorkspace } from './workspace';

interface LoadResult {
  files: number;
  /** The configuration found at the root, if any, with its problems. */
  config?: { id: string; config: TaxonomyConfig; problems: ConfigProblem[] };
}

/** True when a taxonomy reads a file (relative to its root): its config, a taxonomy file or a doc its globs select. */
export function readsFile(workspace: TaxonomyWorkspace, rel: string): boolean {
  return CONFIG_FILE_NAMES.includes(rel) || workspace.accepts(rel);
}

/** What reading one file gave: its bytes, or why there are none. */
export type FetchedFile =
  | { kind: 'read'; size?: number; bytes: Uint8Array | string }
  | { kind: 'tooLarge'; size: number }
  | { kind: 'failed'; size?: number; error: unknown }
  | { kind: 'gone'; size?: number };

/** How files are read. */
export interface FetchOptions {
  /** How many reads are in flight at once (default 1: one after the other). */
  readAhead?: number;
  /** A quicker read the host's side offers for some files (undefined: read it the host's way). */
  quickRead?: (id: string, maxSize: number) => FetchedFile | undefined;
  /**
   * Called with each file's read as it completes, before the file is put in (the CLI's `--cache`
   * hashes the bytes here, so a cold run needs no read of every file ahead of the load).
   */
  onRead?: (id: string, fetched: FetchedFile) => void;
}

/**
 * Parses YAML texts away from the caller's thread (the host's parse workers): one result per
 * text, in order, each exactly what `parseYaml` gives for that text, or undefined for a text the
 * caller must parse itself. Should it reject, the caller parses them all. A service may add what
 * `ParsedElsewhere` holds besides: the line starts, and, as `ahead` asks for each text, which
 * documents are valid against its kind's schema and the text packed by the workspace's packer.
 */
export type ParseService = (
  texts: readonly string[],
  ahead?: readonly TextAhead[],
) => Promise<readonly (ParsedElsewhere | undefined)[]>;

/** What a parse service may do for a text besides parsing it (`ParseService`). */
export interface TextAhead {
  /** The file's kind, to check its documents against the kind's schema. */
  kind?: TaxonomyKind;
  /** Pack the text: the file will let its model go as soon as it is put in. */
  pack?: boolean;
}

/** How files are loaded into a workspace. */
export interface LoadOptions extends FetchOptions {
  /** Called after each file is put into the workspace. */
  tick?: () => void;
  /** Where YAML is parsed ahead of its turn; without it each file is parsed when it is put in. */
  parse?: ParseService;
  /**
   * For a one-shot check of every file: the files of the kinds that let their models go
   * (`RELEASABLE_KINDS`: journeys) are put in last, and each is checked as it is put in
   * (`TaxonomyWorkspace.checkEarly`), when every file its check looks up is in. Once all are in,
   * the workspace stops tracking dependencies (`stopTracking`) unless `keepDependencies`.
   */
  checkEarly?: boolean;
  /** With `checkEarly`: keep which file looked up which key after the load (`--changed-since` reads it). */
  keepDependencies?: boolean;
}

/**
 * Files per call to a parse service, and calls in flight: enough that its workers always have the
 * next batch while this thread models and indexes, few enough that message overhead stays small.
 */
export const PARSE_BATCH = 64;
export const PARSE_AHEAD = 6;

/** A read on its way into the workspace: decoded once, and parsed elsewhere when a service did it. */
interface Pending {
  id: string;
  rel: string;
  fetched: FetchedFile;
  decoded?: Decoded;
  parsed?: ParsedElsewhere;
}

/** Reads one file's bytes; its size is asked first, so a file over the limit is never read. */
async function fetchFile(host: FileHost, id: string, maxSize: number, o: FetchOptions): Promise<FetchedFile> {
  const quick = o.quickRead?.(id, maxSize);
  if (quick) return quick;
  const size = await host.size?.(id);
  if (size !== undefined && size > maxSize) return { kind: 'tooLarge', size };
  try {
    const bytes = await host.readFile(id);
    return bytes === undefined ? { kind: 'gone', size } : { kind: 'read', size, bytes };
  } catch (error) {
    return { kind: 'failed', size, error };
  }
}

/**
 * Reads files ahead of their use: `take(i)` gives file i's read, starting it (and the next
 * `readAhead - 1`) if not started yet. Take them in order, each once.
 */
function readAhead(
  host: FileHost,
  ids: readonly string[],
  maxSize: number,
  o: FetchOptions,
): (i: number) => Promise<FetchedFile> {
  const started = new Map<number, Promise<FetchedFile>>();
  let next = 0;
  return (i) => {
    for (; next < ids.length && next < i + (o.readAhead ?? 1); next++) {
      const id = ids[next];
      const onRead = o.onRead;
      const fetching = fetchFile(host, id, maxSize, o);
      const read = onRead ? fetching.then((f) => (onRead(id, f), f)) : fetching;
      // A read that fails ahead of its turn fails when its turn comes, not as an unhandled rejection.
      read.catch(() => undefined);
      started.set(next, read);
    }
    const read = started.get(i)!;
    started.delete(i);
    return read;
  };
}

/** Reads every file (for a caller that looks at all the bytes first, as the CLI's cache does). */
export async function fetchFiles(
  host: FileHost,
  ids: readonly string[],
  maxSize: number,
  o: FetchOptions = {},
): Promise<FetchedFile[]> {
  const take = readAhead(host, ids, maxSize, o);
  const out: FetchedFile[] = [];
  for (let i = 0; i < ids.length; i++) out.push(await take(i));
  return out;
}

/**
 * Puts what a read gave into the workspace: the text, or a visible problem (too large, unreadable,
 * not UTF-8); a file gone is removed. Returns false when the file no longer exists.
 */
function apply(workspace: TaxonomyWorkspace, { id, rel, fetched, decoded, parsed }: Pending): boolean {
  switch (fetched.kind) {
    case 'tooLarge':
      workspace.setUnreadable(id, rel, tooLargeMessage(fetched.size, workspace.currentConfig.maxFileSize));
      return true;
    case 'failed': {
      const { error } = fetched;
      workspace.setUnreadable(
        id,
        rel,
        `This file could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
      return true;
    }
    case 'gone':
      workspace.removeFile(id);
      return false;
    case 'read': {
      const text = decoded ?? decodeText(fetched.bytes);
      if (text.ok) workspace.setFile(id, rel, text.text, 0, parsed);
      else workspace.setUnreadable(id, rel, text.message);
      return true;
    }
  }
}

/**
 * Has a parse service parse the YAML of a batch of reads (those the workspace would parse), and
 * gives the batch back with each parse attached. A service that fails leaves them to be parsed
 * here, so no file is lost or read differently.
 */
async function parseBatch(
  workspace: TaxonomyWorkspace,
  batch: Pending[],
  parse: ParseService,
  checkEarly: boolean,
): Promise<Pending[]> {
  const options = { maxFileSize: workspace.currentConfig.maxFileSize };
  const texts: string[] = [];
  const ahead: TextAhead[] = [];
  const sent: Pending[] = [];
  for (const p of batch) {
    if (p.fetched.kind !== 'read') continue;
    p.decoded ??= decodeText(p.fetched.bytes);
    if (!p.decoded.ok || !parsesAsYaml(p.rel, p.decoded.text, options)) continue;
    texts.push(p.decoded.text);
    // A file checked early lets its model go, and packs its text, as soon as it is put in. Only a
    // load that checks early has the workers validate too: otherwise this thread waits for them
    // (the language server's index, a lint that keeps its models: BENCHMARKS.md, item 37).
    ahead.push(checkEarly ? { kind: taxonomyKindOf(p.rel), pack: releasableKind(p.rel) } : {});
    sent.push(p);
  }
  if (texts.length === 0) return batch;
  try {
    const results = await parse(texts, ahead);
    sent.forEach((p, i) => (p.parsed = results[i]));
  } catch {
    // Parsed here when put in, as without a service.
  }
  return batch;
}

/**
 * Reads one file into the workspace (its YAML parsed by `o.parse` when given, its bytes read by
 * `o.quickRead` when that offers); returns false when it no longer exists.
 */
export async function loadFile(
  host: FileHost,
  workspace: TaxonomyWorkspace,
  id: string,
  o: Pick<LoadOptions, 'parse' | 'quickRead'> = {},
): Promise<boolean> {
  const fetched = await fetchFile(host, id, workspace.currentConfig.maxFileSize, o);
  const pending: Pending = { id, rel: host.relativePath(id), fetched };
  if (o.parse) await parseBatch(workspace, [pending], o.parse, false);
  return apply(workspace, pending);
}

/**
 * Puts reads into the workspace in the given order. With a parse service, batches are handed to
 * it ahead of their turn, so its workers parse while this thread models and indexes what came
 * back; what is loaded is still exactly what putting them in one by one loads.
 */
async function applyInOrder(
  workspace: TaxonomyWorkspace,
  count: number,
  next: (i: number) => Promise<Pending>,
  o: LoadOptions,
): Promise<void> {
  await putInOrder(workspace, count, next, o);
  // Every file is in: what a later file made stale is waiting for its check (`checkEarly`).
  if (o.checkEarly && !o.keepDependencies) workspace.stopTracking();
}

/** `applyInOrder`'s loop. */
async function putInOrder(
  workspace: TaxonomyWorkspace,
  count: number,
  next: (i: number) => Promise<Pending>,
  o: LoadOptions,
): Promise<void> {
  const parse = o.parse;
  const put = (p: Pending) => {
    if (apply(workspace, p) && o.checkEarly) workspace.checkEarly(p.id);
    letBytesGo(p);
    o.tick?.();
  };
  if (!parse) {
    for (let i = 0; i < count; i++) put(await next(i));
    return;
  }
  const inFlight: Promise<Pending[]>[] = [];
  let batch: Pending[] = [];
  const applyOldest = async () => {
    for (const p of await inFlight.shift()!) put(p);
  };
  for (let i = 0; i < count; i++) {
    batch.push(await next(i));
    if (batch.length < PARSE_BATCH && i < count - 1) continue;
    inFlight.push(parseBatch(workspace, batch, parse, o.checkEarly === true));
    batch = [];
    while (inFlight.length > PARSE_AHEAD) await applyOldest();
  }
  while (inFlight.length > 0) await applyOldest();
}

/**
 * Reads files into the workspace in the given order, with up to `readAhead` reads in flight, so
 * what is loaded is exactly what reading them one by one loads. `tick` is called after each file.
 */
export async function loadFiles(
  host: FileHost,
  workspace: TaxonomyWorkspace,
  given: readonly string[],
  o: LoadOptions = {},
): Promise<void> {
  const ids = o.checkEarly ? releasableLast(given, (id) => host.relativePath(id)) : given;
  const take = readAhead(host, ids, workspace.currentConfig.maxFileSize, o);
  await applyInOrder(
    workspace,
    ids.length,
    async (i) => ({ id: ids[i], rel: host.relativePath(ids[i]), fetched: await take(i) }),
    o,
  );
}

/**
 * Lets a read's bytes go once it is put in: the workspace holds its text. A caller that read every
 * file first (the CLI's `--cache` hashes them all before anything is put in, ~55 MB on L) would
 * otherwise hold every file's bytes to the end of the load.
 */
function letBytesGo(p: Pending): void {
  if (p.fetched.kind === 'read') p.fetched.bytes = '';
  p.decoded = undefined;
}

/**
 * Puts reads already made (`fetchFiles`) into the workspace in order, as `loadFiles` would. Each
 * read's bytes are let go once it is put in (its `bytes` emptied).
 */
export async function applyFetchedInOrder(
  workspace: TaxonomyWorkspace,
  given: readonly { id: string; rel: string; fetched: FetchedFile }[],
  o: Pick<LoadOptions, 'tick' | 'parse' | 'checkEarly' | 'keepDependencies'> = {},
): Promise<void> {
  const reads = o.checkEarly ? releasableLast(given, (r) => r.rel) : given;
  await applyInOrder(workspace, reads.length, (i) => Promise.resolve({ ...reads[i] }), o);
}

/**
 * The items in the same order, but those of the kinds that let their models go (journeys) after
 * the others: what a check of a journey looks up (personas, teams, the glossary…) is then in
 * when it is checked early (`LoadOptions.checkEarly`).
 */
function releasableLast<T>(items: readonly T[], relativePath: (item: T) => string): T[] {
  const releasable = (item: T) => releasableKind(relativePath(item));
  return [...items.filter((item) => !releasable(item)), ...items.filter(releasable)];
}

/** True for a file of a kind that lets its model go (`RELEASABLE_KINDS`). */
function releasableKind(relativePath: string): boolean {
  return RELEASABLE_KINDS.has(taxonomyKindOf(relativePath) as TaxonomyKind);
}

/**
 * Runs `work` on each item with at most `limit` running at once, starting them in order; no new
 * one starts once `stop` says so.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  stop?: () => boolean,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop?.()) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/**
 * Reads every taxonomy file and Markdown doc a host lists into a workspace. The config at the
 * root is read first so its globs and limits apply to what follows. Files that vanish while
 * loading are skipped; files that cannot be decoded become a visible problem.
 */
export async function loadWorkspace(
  host: FileHost,
  workspace: TaxonomyWorkspace,
  knownRules: ReadonlySet<string>,
): Promise<LoadResult> {
  const ids: string[] = [];
  for await (const id of host.listFiles()) ids.push(id);
  const result: LoadResult = { files: 0 };
  // The documented spelling wins when both are there (the config rule reports the other one).
  const configIds = CONFIG_FILE_NAMES.map((name) => ids.find((id) => host.relativePath(id) === name));
  const configId = configIds.find((id) => id !== undefined);
  if (configId) {
    const raw = await host.readFile(configId);
    if (raw !== undefined) {
      const decoded = decodeText(raw);
      const parsed = decoded.ok
        ? parseConfig(decoded.text, knownRules)
        : {
            config: workspace.currentConfig,
            problems: [
              { message: decoded.message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
            ],
          };
      workspace.setConfig(parsed.config);
      result.config = { id: configId, ...parsed };
    }
  }
  const wanted = ids.filter((id) => readsFile(workspace, host.relativePath(id)));
  await loadFiles(host, workspace, wanted, { tick: () => result.files++ });
  return result;
}
