/**
 * The server's state: the workspace folders, the taxonomies found in them, the open documents,
 * and the scheduling of checks. It speaks to the client only through `SessionHost`, so the
 * handlers stay thin and this file holds no protocol details.
 *
 * Layout. A workspace folder is read from its taxonomy root, found as the CLI finds it
 * (findTaxonomyRoot: the nearest config, else the Git repository's top folder, else the folder),
 * so a folder opened on `journeys/` still sees the teams defined above it. That tree is split into
 * taxonomy roots: every folder holding a config file is the root of its own taxonomy, and each
 * file belongs to the nearest root above it. Each root has its own `TaxonomyWorkspace`, so two
 * taxonomies side by side never see each other's ids. A file opened from outside every folder
 * gets a "loose" root at its discovered taxonomy root, indexed like a folder's, and dropped when
 * none of its documents is open. Problems are published for the files of a workspace folder and
 * for open documents, not for the rest of a taxonomy read from above a folder.
 *
 * Incremental checking. An edit only records the document as pending; after a quiet moment
 * (150 ms) the pending texts are parsed (one file each) and the workspace marks dirty exactly the
 * files that depend on what changed (the dependency tracking lives in core/workspace.ts). Dirty
 * files are re-checked in slices of a few milliseconds, yielding to the event loop between
 * slices, so requests stay responsive and a newer edit simply adds to the queue. Only the files
 * a slice re-checked get their diagnostics published.
 *
 * Readiness. Until every file of a folder is read (`FolderState.indexed`) a cross-file rule would
 * report what is only unread yet, so only open documents are checked and only file-local problems
 * (`FILE_LOCAL_RULE_IDS`) are published; features that need the whole taxonomy say it is being
 * indexed. Watcher events of that time wait, and are replayed as the last state of each path once
 * the reads are done; settings pushed meanwhile apply then. Then every file is checked at once.
 */
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CONFIG_FILE_NAMES,
  createTaxonomyWorkspace,
  decodeText,
  defaultConfig,
  FILE_LOCAL_RULE_IDS,
  fileKindOf,
  isConfigFile,
  loadFile,
  parseConfig,
  partitionByConfig,
  RULE_IDS,
  type TaxonomyConfig,
  type TaxonomyDiagnostic,
  type TaxonomyFile,
  type TaxonomyWorkspace,
} from '../core';
import { formatCount } from '../core/features/markdown';
import { fsPathOf, isSkippedPath, listFolder, normaliseUri, relativeTo, uriOfPath, UriFileHost } from './fileSystem';
import { taxonomyRootOnDisk } from '../node/taxonomyRoot';
import { defaultSettings, readSettings, type ServerSettings } from './settings';

/** What the session needs from the connection. */
export interface SessionHost {
  /** Sends a file's diagnostics (an empty list clears them). */
  publish(uri: string, diagnostics: readonly TaxonomyDiagnostic[], version: number | undefined): void;
  /** The raw `cxTaxonomy` settings section for a folder (undefined: the client has none). */
  settings(folderUri: string | undefined): Promise<unknown>;
  /** Starts a work-done progress in the editor. */
  progress(title: string): Promise<ProgressReporter>;
  /** The indexing state, for the status bar. */
  status(state: 'indexing' | 'ready', done?: number, total?: number): void;
  log(message: string): void;
}

export interface ProgressReporter {
  report(percentage: number, message: string): void;
  done(): void;
}

/** A file change seen by the client's file watcher. */
export interface WatchedChange {
  uri: string;
  type: 'created' | 'changed' | 'deleted';
}

/** One taxonomy: a root folder and the workspace of the files below it. */
export interface TaxonomyRoot {
  dir: string;
  uri: string;
  ws: TaxonomyWorkspace;
  host: UriFileHost;
  /** Every candidate file on disk below the root (taxonomy suffix, Markdown, config): uri -> relative path. */
  known: Map<string, string>;
  /** The uri of the root's config file: the one that exists (.yaml first), else where cx-taxonomy.config.yaml would be. */
  configUri: string;
  /** The roots of other taxonomies below this one (folders holding a config): their files are not this root's. */
  nested?: string[];
  /** The config's text as last read (from the open document or the disk); undefined when there is none. */
  configText?: string;
  /** The size limit the files were last read with. */
  maxFileSize: number;
  folder?: FolderState;
  /** True for the root of files opened from outside every workspace folder. */
  loose: boolean;
}

/** One workspace folder. */
export interface FolderState {
  uri: string;
  dir: string;
  settings: ServerSettings;
  /** Its taxonomies, the deepest first. */
  roots: TaxonomyRoot[];
  /** False until the folder has been listed; its files are not served before. */
  ready: boolean;
  /**
   * True once every file of the folder has been read (and the watcher events of that time
   * replayed): until then only file-local problems are published, and features that need the
   * whole taxonomy say it is being indexed.
   */
  indexed?: boolean;
  /** File changes seen before the folder was indexed, replayed (last state of each path) at its end. */
  deferred?: WatchedChange[];
}

/** A file located in a taxonomy. */
export interface Located {
  root: TaxonomyRoot;
  uri: string;
  rel: string;
}

/** How long the server waits after a keystroke before it re-checks the files depending on the edit. */
export const EDIT_DEBOUNCE_MS = 150;
/** How many files are read from the disk at once while indexing. */
const READ_CONCURRENCY = 8;
/** The longest a slice of checking runs before it yields to requests. */
const SLICE_MS = 15;

export class Session {
  readonly folders: FolderState[] = [];
  private readonly loose = new Map<string, TaxonomyRoot>();
  /** Loose roots being found and indexed: by the folder of the file that asked, and by root. */
  private readonly looseBuilding = new Map<string, Promise<void>>();
  private readonly looseRootsBuilding = new Map<string, Promise<void>>();
  private readonly open = new Map<string, TextDocument>();
  private readonly pending = new Set<string>();
  /** Edited documents waiting for their immediate check. */
  private readonly checkSoon = new Set<string>();
  private readonly published = new Set<string>();
  /** The read of each file in progress (reads of one file are chained). */
  private readonly reads = new Map<string, Promise<void>>();
  /** How many deletions the watcher reported per file, so a read overtaken by one is dropped. */
  private readonly deletions = new Map<string, number>();
  private globalSettings: ServerSettings = defaultSettings();
  /**
   * The `cxTaxonomy` section last pushed with `workspace/didChangeConfiguration` by a client that
   * cannot be asked (no `workspace/configuration`): it stands for every folder, now and later.
   */
  private pushedSettings: unknown;
  /** Counts settings updates, so the end of indexing sees one that arrived while it ran. */
  private settingsChanges = 0;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private indexing:
    { progress?: ProgressReporter; phase: 'reading' | 'checking'; done: number; total: number } | undefined;
  private lastReport = 0;
  private disposed = false;
  private indexChain: Promise<void> = Promise.resolve();

  constructor(private readonly host: SessionHost) {}

  // ---------------------------------------------------------------------------------------------
  // Folders and roots
  // ---------------------------------------------------------------------------------------------

  /** Adds workspace folders; they are served once `indexFolders` has listed them. */
  addFolders(uris: readonly string[]): FolderState[] {
    const added: FolderState[] = [];
    for (const raw of uris) {
      const uri = normaliseUri(raw);
      const dir = fsPathOf(uri);
      if (!dir || this.folders.some((f) => f.uri === uri)) continue;
      const folder: FolderState = { uri, dir, settings: defaultSettings(), roots: [], ready: false };
      this.folders.push(folder);
      added.push(folder);
    }
    // Nested workspace folders: the deepest folder owns its files.
    this.folders.sort((a, b) => b.dir.length - a.dir.length);
    return added;
  }

  /** Removes a workspace folder and clears the problems of its files. */
  removeFolder(raw: string): void {
    const uri = normaliseUri(raw);
    const i = this.folders.findIndex((f) => f.uri === uri);
    if (i < 0) return;
    const [folder] = this.folders.splice(i, 1);
    for (const root of folder.roots) this.clearRoot(root);
    folder.roots = [];
  }

  /**
   * Lists and reads every taxonomy file and doc of the given folders, reporting progress
   * ("Indexing taxonomy: 120 / 1,000 files"), then checks them all in slices.
   */
  indexFolders(folders: readonly FolderState[]): Promise<void> {
    // One indexing at a time: folders added meanwhile wait for the current one.
    this.indexChain = this.indexChain
      .then(() => this.index(folders))
      .catch((err) =>
        this.host.log(`Indexing failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
      );
    return this.indexChain;
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
      await this.refreshFolderSettings(folder);
      queue.push(...(await this.listFolderRoots(folder)));
    }
    const total = queue.length;
    this.indexing.total = total;
    let done = 0;
    let next = 0;
    // A few reads in flight at once, so parsing one file overlaps waiting for the next.
    const worker = async () => {
      while (next < queue.length && !this.disposed) {
        await this.readIntoWorkspace(queue[next++]);
        this.indexing!.done = ++done;
        this.reportIndexing(done, total);
      }
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
    if (this.disposed) return;
    for (const folder of folders) await this.finishIndexing(folder);
    this.indexing.phase = 'checking';
    this.reportIndexing(done, total, true);
    this.scheduleCheck(0);
  }

  private reportIndexing(done: number, total: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastReport < 100 && done < total) return;
    this.lastReport = now;
    const pct = total ? Math.floor((done / total) * 90) : 90;
    this.indexing?.progress?.report(pct, `${formatCount(done)} / ${formatCount(total)} files`);
    this.host.status('indexing', done, total);
  }

  /**
   * Splits a folder into taxonomy roots and returns the files to read. The folder is read from
   * its discovered taxonomy root, which may lie above it (the user opened `journeys/`); of that
   * tree only the taxonomies holding the folder's files are kept: the one around it and those
   * inside it.
   */
  private async listFolderRoots(folder: FolderState): Promise<Located[]> {
    const base = (await taxonomyRootOnDisk(folder.dir, false)).dir;
    // A workspace folder nested in this one serves its own files.
    const nested = this.folders.filter((f) => f !== folder && relativeTo(folder.dir, f.dir) !== undefined);
    const roots = await this.rootsUnder(
      base,
      folder,
      (dir) =>
        dir === folder.dir || relativeTo(folder.dir, dir) !== undefined || relativeTo(dir, folder.dir) !== undefined,
      (p) => nested.some((f) => relativeTo(f.dir, p) !== undefined),
    );
    const queue: Located[] = [];
    // From here on the folder is served; nothing below awaits, so no request sees it half built.
    folder.roots = roots.sort((a, b) => b.dir.length - a.dir.length);
    folder.ready = true;
    // Documents opened before the folder arrived were served by a loose root; the folder serves
    // them now, so the loose root would only be a stale second taxonomy.
    for (const [dir, root] of this.loose) {
      if (
        root.dir === folder.dir ||
        relativeTo(folder.dir, root.dir) !== undefined ||
        roots.some((r) => r.dir === root.dir)
      )
        this.loose.delete(dir);
    }
    for (const root of roots)
      for (const [uri, rel] of root.known) if (this.wants(root, rel)) queue.push({ root, uri, rel });
    // Documents opened before the folder was listed (and never saved) are served from their text.
    for (const uri of this.open.keys()) {
      const loc = this.locate(uri);
      if (loc && loc.root.folder === folder && !loc.root.known.has(uri)) queue.push(loc);
    }
    return queue;
  }

  /**
   * Lists a taxonomy tree from its root `base` and splits it into roots, one per folder holding a
   * config; `keep` picks the roots wanted, `skip` drops paths served elsewhere. Each root comes
   * with its known files and its config applied.
   */
  private async rootsUnder(
    base: string,
    folder: FolderState | undefined,
    keep: (dir: string) => boolean,
    skip?: (p: string) => boolean,
  ): Promise<TaxonomyRoot[]> {
    const paths = await listFolder(base, (rel, reason) => this.host.log(`Skipped ${rel}: ${reason}.`));
    const rels: string[] = [];
    for (const p of paths) {
      const rel = relativeTo(base, p);
      if (rel && fileKindOf(rel) !== undefined && !skip?.(p)) rels.push(rel);
    }
    const groups = partitionByConfig(rels);
    // The base is always a root, so new files anywhere have a home.
    if (!groups.has('')) groups.set('', []);
    const dirs = [...groups.keys()].map((rootRel) => (rootRel ? path.join(base, ...rootRel.split('/')) : base));
    const roots: TaxonomyRoot[] = [];
    for (const [rootRel, files] of groups) {
      const dir = rootRel ? path.join(base, ...rootRel.split('/')) : base;
      if (!keep(dir)) continue;
      const root = this.createRoot(dir, folder, folder === undefined);
      root.nested = dirs.filter((d) => relativeTo(dir, d) !== undefined);
      for (const rel of files) {
        const inRoot = rootRel ? rel.slice(rootRel.length + 1) : rel;
        root.known.set(uriOfPath(path.join(base, ...rel.split('/'))), inRoot);
      }
      // The config read is the one on disk, the documented spelling first.
      root.configUri =
        CONFIG_FILE_NAMES.map((name) => uriOfPath(path.join(dir, name))).find((uri) => root.known.has(uri)) ??
        root.configUri;
      roots.push(root);
    }
    for (const root of roots) {
      await this.readConfigText(root);
      this.configure(root);
    }
    return roots;
  }

  /** True when a file is in a root's taxonomy: below its folder and not below a nested taxonomy's. */
  private covers(root: TaxonomyRoot, fsPath: string): boolean {
    return relativeTo(root.dir, fsPath) !== undefined && !root.nested?.some((d) => relativeTo(d, fsPath) !== undefined);
  }

  private createRoot(dir: string, folder: FolderState | undefined, loose: boolean): TaxonomyRoot {
    return {
      dir,
      uri: uriOfPath(dir),
      ws: createTaxonomyWorkspace(defaultConfig()),
      host: new UriFileHost(dir),
      known: new Map(),
      configUri: uriOfPath(path.join(dir, CONFIG_FILE_NAMES[0])),
      maxFileSize: -1,
      folder,
      loose,
    };
  }

  /** The workspace folder holding a path, the deepest first. */
  private folderOf(fsPath: string): FolderState | undefined {
    return this.folders.find((f) => fsPath === f.dir || relativeTo(f.dir, fsPath) !== undefined);
  }

  /**
   * The taxonomy a file belongs to and its path there, or undefined when the server does not
   * serve it: not a `file:` URI, in a folder not yet listed, in a skipped folder, a Markdown
   * file outside the docs globs, or outside every folder in a taxonomy still being indexed
   * (`createLoose` starts that indexing).
   */
  locate(rawUri: string, createLoose = false): Located | undefined {
    const uri = normaliseUri(rawUri);
    const p = fsPathOf(uri);
    if (!p) return undefined;
    const folder = this.folderOf(p);
    let root: TaxonomyRoot | undefined;
    if (folder) {
      if (!folder.ready) return undefined;
      const inFolder = relativeTo(folder.dir, p);
      if (!inFolder || isSkippedPath(inFolder)) return undefined;
      root = folder.roots.find((r) => relativeTo(r.dir, p) !== undefined);
    } else {
      root = this.outsideRoot(p);
      if (!root && createLoose) this.openLoose(path.dirname(p));
    }
    if (!root) return undefined;
    const rel = relativeTo(root.dir, p);
    if (!rel || !this.wants(root, rel)) return undefined;
    return { root, uri, rel };
  }

  /**
   * The taxonomy of a file outside every workspace folder: one read from above its folder (the
   * user opened `journeys/`), else the loose root it is in, the deepest first.
   */
  private outsideRoot(fsPath: string): TaxonomyRoot | undefined {
    for (const f of this.folders) if (f.ready) for (const r of f.roots) if (this.covers(r, fsPath)) return r;
    let best: TaxonomyRoot | undefined;
    for (const r of this.loose.values())
      if (this.covers(r, fsPath) && (!best || r.dir.length > best.dir.length)) best = r;
    return best;
  }

  /**
   * Serves a file opened from outside every folder (an editor started on a file, single-file
   * mode): its taxonomy root is found as the CLI finds it and indexed whole, so its references
   * resolve. The file is not served before, rather than checked against itself alone.
   */
  private openLoose(fileDir: string): void {
    if (this.looseBuilding.has(fileDir) || this.disposed) return;
    const job = (async () => {
      const dir = (await taxonomyRootOnDisk(fileDir, false)).dir;
      let building = this.looseRootsBuilding.get(dir);
      if (!building) {
        building = this.buildLooseRoot(dir).finally(() => this.looseRootsBuilding.delete(dir));
        this.looseRootsBuilding.set(dir, building);
      }
      await building;
    })()
      .catch((err) =>
        this.host.log(
          `Indexing the taxonomy of ${fileDir} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        ),
      )
      .finally(() => {
        this.looseBuilding.delete(fileDir);
        this.scheduleCheck(0);
      });
    this.looseBuilding.set(fileDir, job);
  }

  private async buildLooseRoot(dir: string): Promise<void> {
    if (this.loose.has(dir)) return;
    // Only the taxonomy at `dir`: a folder below it with its own config is found when a file there is opened.
    const [root] = await this.rootsUnder(dir, undefined, (d) => d === dir);
    for (const [uri, rel] of root.known) if (this.wants(root, rel)) await this.readIntoWorkspace({ root, uri, rel });
    if (this.disposed || this.loose.has(dir)) return;
    this.loose.set(dir, root);
    // Open documents of this taxonomy, saved or not, are served from their text from now on.
    for (const uri of this.open.keys()) {
      const loc = this.locate(uri);
      if (loc?.root === root) this.setFromDocument(loc);
    }
  }

  /**
   * Whether a file's problems are published: every file of a workspace folder, and open
   * documents. The rest of a taxonomy read from above a folder, or around a loose document, is
   * read for its ids but not reported on.
   */
  private shows(root: TaxonomyRoot, uri: string): boolean {
    if (this.open.has(uri)) return true;
    if (root.loose || !root.folder) return false;
    if (root.dir === root.folder.dir || relativeTo(root.folder.dir, root.dir) !== undefined) return true;
    const p = fsPathOf(uri);
    return p !== undefined && relativeTo(root.folder.dir, p) !== undefined;
  }

  /** True when a root reads a file: its config, a taxonomy file or a doc its globs select. */
  private wants(root: TaxonomyRoot, rel: string): boolean {
    if (CONFIG_FILE_NAMES.includes(rel)) return true;
    return root.ws.accepts(rel);
  }

  /** Every taxonomy workspace (for workspace symbols and the ownership report). */
  *workspaces(): Iterable<TaxonomyWorkspace> {
    for (const f of this.folders) for (const r of f.roots) yield r.ws;
    for (const r of this.loose.values()) yield r.ws;
  }

  // ---------------------------------------------------------------------------------------------
  // Configuration and settings
  // ---------------------------------------------------------------------------------------------

  private async readConfigText(root: TaxonomyRoot): Promise<void> {
    const doc = this.open.get(root.configUri);
    if (doc) {
      root.configText = doc.getText();
      return;
    }
    if (!root.known.has(root.configUri)) {
      root.configText = undefined;
      return;
    }
    try {
      const raw = await root.host.readFile(root.configUri);
      const decoded = raw === undefined ? undefined : decodeText(raw);
      root.configText = decoded?.ok ? decoded.text : undefined;
    } catch {
      root.configText = undefined;
    }
  }

  /**
   * The configuration a root runs with: cx-taxonomy.config.yaml (bad entries replaced by their
   * defaults; the config file shows their problems), then the editor settings: rule severities
   * override, doc globs add, and the smaller size limit wins.
   */
  effectiveConfig(root: TaxonomyRoot): TaxonomyConfig {
    const base = root.configText !== undefined ? parseConfig(root.configText, RULE_IDS).config : defaultConfig();
    const settings = root.folder?.settings ?? this.globalSettings;
    const rules = { ...base.rules };
    for (const [id, severity] of Object.entries(settings.rules)) if (RULE_IDS.has(id)) rules[id] = severity;
    return {
      ...base,
      rules,
      docs: [...new Set([...base.docs, ...settings.docsGlobs])],
      maxFileSize: Math.min(base.maxFileSize, settings.maxFileSize),
    };
  }

  /** Applies the effective config to a root's workspace; returns true when files must be re-read. */
  private configure(root: TaxonomyRoot): boolean {
    const config = this.effectiveConfig(root);
    root.ws.setConfig(config);
    const reread = root.maxFileSize !== -1 && root.maxFileSize !== config.maxFileSize;
    root.maxFileSize = config.maxFileSize;
    return reread;
  }

  /**
   * Re-applies a root's configuration after the config file or the settings changed, and brings
   * the set of files in line with the new globs (docs added or dropped) and size limit.
   */
  private async reconfigure(root: TaxonomyRoot): Promise<void> {
    await this.readConfigText(root);
    const reread = this.configure(root);
    for (const [uri, rel] of root.known) {
      const wanted = this.wants(root, rel);
      const has = root.ws.getFile(uri) !== undefined;
      if (wanted && (!has || reread || uri === root.configUri)) await this.readIntoWorkspace({ root, uri, rel });
      else if (!wanted && has) root.ws.removeFile(uri);
    }
    for (const uri of this.open.keys()) {
      const loc = this.locate(uri);
      if (loc?.root === root && (reread || root.ws.getFile(uri) === undefined)) this.setFromDocument(loc);
    }
    this.scheduleCheck(0);
  }

  /**
   * A folder's settings: asked from the client when it can answer (`workspace/configuration`),
   * else the last ones it pushed, so pushed settings also hold for folders listed later.
   */
  private async refreshFolderSettings(folder: FolderState): Promise<void> {
    let pulled: unknown;
    try {
      pulled = await this.host.settings(folder.uri);
    } catch {
      pulled = undefined;
    }
    folder.settings = readSettings(pulled ?? this.pushedSettings);
    this.settingsChanges++;
  }

  /**
   * Re-reads the settings of every folder and re-applies them live. `pushed` is the section a
   * client without `workspace/configuration` sent; it is kept for every folder to come. A folder
   * still indexing applies them when its indexing ends (`finishIndexing`).
   */
  async reloadSettings(pushed?: unknown): Promise<void> {
    if (pushed !== undefined) this.pushedSettings = pushed;
    let pulled: unknown;
    try {
      pulled = await this.host.settings(undefined);
    } catch {
      pulled = undefined;
    }
    this.globalSettings = readSettings(pulled ?? this.pushedSettings);
    for (const folder of [...this.folders]) {
      await this.refreshFolderSettings(folder);
      if (folder.ready && folder.indexed) for (const root of folder.roots) await this.reconfigure(root);
    }
    for (const root of this.loose.values()) await this.reconfigure(root);
  }

  // ---------------------------------------------------------------------------------------------
  // Documents: open documents override the disk
  // ---------------------------------------------------------------------------------------------

  didOpen(doc: TextDocument): void {
    const uri = normaliseUri(doc.uri);
    this.open.set(uri, doc);
    this.pending.delete(uri);
    const loc = this.locate(uri, true);
    if (!loc) return;
    this.setFromDocument(loc);
    if (uri === loc.root.configUri) void this.reconfigure(loc.root);
    this.scheduleCheck(0);
  }

  didChange(doc: TextDocument): void {
    const uri = normaliseUri(doc.uri);
    this.open.set(uri, doc);
    // The document manager also reports the text of a document as it opens: already taken.
    const loc = this.locate(uri);
    if (loc && loc.root.ws.getFile(uri)?.version === doc.version) return;
    this.pending.add(uri);
    // The edited document is checked as soon as the event loop is free, so its own problems follow
    // the keystroke; the files that depend on it wait until typing pauses (the debounce).
    if (!this.checkSoon.has(uri)) {
      this.checkSoon.add(uri);
      setImmediate(() => {
        this.checkSoon.delete(uri);
        if (!this.disposed && this.open.has(uri)) this.checkNow(uri);
      });
    }
    this.scheduleCheck(EDIT_DEBOUNCE_MS);
  }

  async didClose(rawUri: string): Promise<void> {
    const uri = normaliseUri(rawUri);
    this.open.delete(uri);
    this.pending.delete(uri);
    const loc = this.locate(uri);
    if (!loc) return;
    if (loc.root.loose && !loc.root.known.has(uri)) {
      loc.root.ws.removeFile(uri);
    } else {
      // Closing a document without saving it brings back what the disk says (or removes it).
      loc.root.known.set(uri, loc.rel);
      await this.readIntoWorkspace(loc);
      if (uri === loc.root.configUri) await this.reconfigure(loc.root);
    }
    this.scheduleCheck(0);
  }

  private setFromDocument(loc: Located): void {
    const doc = this.open.get(loc.uri);
    if (doc) loc.root.ws.setFile(loc.uri, loc.rel, doc.getText(), doc.version);
  }

  /**
   * Reads a file into its workspace: from its open document if it is open, else from the disk.
   * Reads of one file run one after the other, so a read started after a change never finishes
   * before one started earlier and leaves the older text.
   */
  private readIntoWorkspace(loc: Located): Promise<void> {
    const next = (this.reads.get(loc.uri) ?? Promise.resolve()).then(() => this.readNow(loc));
    this.reads.set(loc.uri, next);
    void next.then(() => {
      if (this.reads.get(loc.uri) === next) this.reads.delete(loc.uri);
    });
    return next;
  }

  private async readNow(loc: Located): Promise<void> {
    if (this.open.has(loc.uri)) {
      this.setFromDocument(loc);
      return;
    }
    const deletions = this.deletions.get(loc.uri);
    try {
      const exists = await loadFile(loc.root.host, loc.root.ws, loc.uri);
      if (!exists) loc.root.known.delete(loc.uri);
    } catch (err) {
      this.host.log(`Could not read ${loc.uri}: ${err instanceof Error ? err.message : String(err)}`);
    }
    // The document may have been opened while the disk was read: its text wins.
    if (this.open.has(loc.uri)) this.setFromDocument(loc);
    // Deleted while it was read: the deletion is the newer fact.
    else if (this.deletions.get(loc.uri) !== deletions) loc.root.ws.removeFile(loc.uri);
  }

  /** Parses the pending edit of one document now, so a request sees the text the user sees. */
  sync(rawUri: string): void {
    const uri = normaliseUri(rawUri);
    if (!this.pending.has(uri)) return;
    this.pending.delete(uri);
    const loc = this.locate(uri, true);
    if (!loc) return;
    this.setFromDocument(loc);
    if (uri === loc.root.configUri) void this.reconfigure(loc.root);
  }

  /** Parses every pending edit. */
  syncAll(): void {
    for (const uri of [...this.pending]) this.sync(uri);
  }

  /** The workspace and file of a uri, with its pending edit applied. */
  fileFor(rawUri: string): { ws: TaxonomyWorkspace; file: TaxonomyFile; root: TaxonomyRoot } | undefined {
    this.sync(rawUri);
    const loc = this.locate(rawUri);
    const file = loc?.root.ws.getFile(loc.uri);
    return loc && file ? { ws: loc.root.ws, file, root: loc.root } : undefined;
  }

  /** The editor settings that apply to a file: its folder's, else the ones for every folder. */
  settingsFor(rawUri: string): ServerSettings {
    return this.locate(rawUri)?.root.folder?.settings ?? this.globalSettings;
  }

  /** The version of an open document (for versioned edits), or null when it is not open. */
  versionOf(rawUri: string): number | null {
    return this.open.get(normaliseUri(rawUri))?.version ?? null;
  }

  /**
   * Brings a file's diagnostics up to date now (quick fixes must match the current text) and
   * publishes them when they were recomputed.
   */
  checkNow(rawUri: string): void {
    const found = this.fileFor(rawUri);
    if (found && found.ws.flushFile(found.file.uri)) this.publish(found.root, [found.file.uri]);
  }

  // ---------------------------------------------------------------------------------------------
  // The file watcher: edits made outside the editor
  // ---------------------------------------------------------------------------------------------

  async didChangeWatchedFiles(changes: readonly WatchedChange[]): Promise<void> {
    const now: WatchedChange[] = [];
    for (const change of changes) {
      const p = fsPathOf(normaliseUri(change.uri));
      const folder = p ? this.folderOf(p) : undefined;
      // Until a folder is indexed its listing and reads race with the change (a read started
      // before it could land after it): the change waits, and the end of indexing replays the
      // last state of each path.
      if (folder && !folder.indexed) (folder.deferred ??= []).push(change);
      else now.push(change);
    }
    await this.applyChanges(now);
  }

  private async applyChanges(changes: readonly WatchedChange[]): Promise<void> {
    const refolder = new Set<FolderState>();
    const reconfig = new Set<TaxonomyRoot>();
    for (const change of changes) {
      const uri = normaliseUri(change.uri);
      const p = fsPathOf(uri);
      if (!p) continue;
      const folder = this.folderOf(p);
      if (!folder) continue;
      if (!folder.ready) {
        // The listing may already have passed this file (or missed it): replay it afterwards.
        (folder.deferred ??= []).push(change);
        continue;
      }
      const inFolder = relativeTo(folder.dir, p);
      if (!inFolder || isSkippedPath(inFolder)) continue;
      if (isConfigFile(p)) {
        const root = folder.roots.find((r) => r.configUri === uri);
        // Editing a root's config (or creating it where there was none) reconfigures the root. Any
        // other config appearing or going (a new root, the other spelling beside it, a root that
        // now moves up to the repository's) lists the folder again, as a fresh start would.
        if (root && change.type !== 'deleted') {
          root.known.set(uri, path.basename(p));
          reconfig.add(root);
        } else refolder.add(folder);
        continue;
      }
      if (change.type === 'deleted') {
        this.forgetDeleted(folder, uri, p);
        continue;
      }
      if (fileKindOf(p) === undefined) continue;
      const root = folder.roots.find((r) => relativeTo(r.dir, p) !== undefined);
      const rel = root && relativeTo(root.dir, p);
      if (!root || !rel) continue;
      root.known.set(uri, rel);
      if (this.open.has(uri) || !this.wants(root, rel)) continue;
      await this.readIntoWorkspace({ root, uri, rel });
    }
    for (const folder of refolder) await this.relistFolder(folder);
    for (const root of reconfig) if (!refolder.has(root.folder!)) await this.reconfigure(root);
    this.scheduleCheck(0);
  }

  /** A deleted file, or a deleted folder (every known file below it). Open documents stay. */
  private forgetDeleted(folder: FolderState, uri: string, fsPath: string): void {
    this.deletions.set(uri, (this.deletions.get(uri) ?? 0) + 1);
    const owner = folder.roots.find((r) => r.known.has(uri));
    if (owner) {
      owner.known.delete(uri);
      if (!this.open.has(uri)) owner.ws.removeFile(uri);
      return;
    }
    // Not a known file: a folder went, with every file below it.
    for (const root of folder.roots) {
      for (const known of [...root.known.keys()]) {
        const kp = fsPathOf(known);
        if (known === uri || (kp && relativeTo(fsPath, kp) !== undefined)) {
          this.deletions.set(known, (this.deletions.get(known) ?? 0) + 1);
          root.known.delete(known);
          if (!this.open.has(known)) root.ws.removeFile(known);
        }
      }
    }
  }

  /** Lists a folder again after its taxonomy roots changed (a config file appeared or went). */
  private async relistFolder(folder: FolderState): Promise<void> {
    for (const root of folder.roots) this.clearRoot(root);
    folder.ready = false;
    folder.indexed = false;
    const queue = await this.listFolderRoots(folder);
    for (const loc of queue) await this.readIntoWorkspace(loc);
    await this.finishIndexing(folder);
  }

  /**
   * Ends a folder's indexing once its files are read: replays the file changes seen meanwhile,
   * re-applies its configuration (settings pushed meanwhile; every file is then checked against
   * the whole taxonomy, the open documents checked early included), and repeats until a pass
   * finds nothing new. The folder is marked indexed in the same tick as that last look.
   */
  private async finishIndexing(folder: FolderState): Promise<void> {
    for (;;) {
      const settings = this.settingsChanges;
      await this.replayDeferred(folder);
      if (!this.folders.includes(folder)) return;
      if (folder.ready) for (const root of folder.roots) await this.reconfigure(root);
      if (!folder.deferred?.length && settings === this.settingsChanges) break;
    }
    folder.indexed = true;
  }

  /** Applies the file changes that arrived while a folder was indexed: the last state of each path. */
  private async replayDeferred(folder: FolderState): Promise<void> {
    const changes = folder.deferred;
    folder.deferred = undefined;
    if (changes?.length) await this.applyChanges(lastStateOfEachPath(changes));
  }

  /** Clears the published problems of every file of a root. */
  private clearRoot(root: TaxonomyRoot): void {
    for (const f of root.ws.allFiles()) {
      if (this.published.delete(f.uri)) this.host.publish(f.uri, [], undefined);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Checking and publishing
  // ---------------------------------------------------------------------------------------------

  /**
   * Asks for a check after `delay` ms. A new request replaces a waiting one, which is what
   * debounces typing; a check already running continues and picks up what is new.
   */
  scheduleCheck(delay: number): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.syncAll();
      this.runChecks();
    }, delay);
  }

  private runChecks(): void {
    if (this.checking) return;
    this.checking = true;
    const slice = () => {
      if (this.disposed) return;
      const deadline = performance.now() + SLICE_MS;
      const stop = () => performance.now() > deadline;
      let left = 0;
      for (const root of this.allRoots()) {
        if (root.ws.pending().size === 0) continue;
        if (!this.isIndexed(root)) {
          // Before the whole taxonomy is read only open documents are checked (their file-local
          // problems show at once); the rest waits for the end of indexing, which re-checks all.
          if (!stop()) this.checkOpenEarly(root);
          continue;
        }
        if (!stop()) this.publish(root, root.ws.flush(stop));
        left += root.ws.pending().size;
      }
      if (left > 0) {
        if (this.indexing?.phase === 'checking')
          this.indexing.progress?.report(95, `checking ${formatCount(left)} files`);
        setImmediate(slice);
        return;
      }
      this.checking = false;
      this.dropEmptyLooseRoots();
      if (this.indexing?.phase === 'checking') {
        this.indexing.progress?.done();
        this.indexing = undefined;
        this.host.status('ready');
      }
    };
    setImmediate(slice);
  }

  private *allRoots(): Iterable<TaxonomyRoot> {
    for (const f of this.folders) yield* f.roots;
    yield* this.loose.values();
  }

  /** Drops the loose roots none of whose documents is open any more (their whole taxonomy was read for them). */
  private dropEmptyLooseRoots(): void {
    if (this.loose.size === 0) return;
    const inUse = new Set<TaxonomyRoot>();
    for (const uri of this.open.keys()) {
      // By path, not by `locate`: a document the root does not read (a Markdown file outside the
      // docs globs) keeps it too, rather than have it rebuilt on each of its edits.
      const p = fsPathOf(uri);
      const root = p && !this.folderOf(p) ? this.outsideRoot(p) : undefined;
      if (root?.loose) inUse.add(root);
    }
    for (const [dir, root] of this.loose) {
      if (inUse.has(root) || root.ws.pending().size > 0) continue;
      this.clearRoot(root);
      this.loose.delete(dir);
    }
  }

  /** True once every file of a root's folder has been read; a loose root is served only once read. */
  private isIndexed(root: TaxonomyRoot): boolean {
    return root.folder ? root.folder.indexed === true : true;
  }

  private checkOpenEarly(root: TaxonomyRoot): void {
    for (const uri of this.open.keys()) {
      if (this.locate(uri)?.root === root && root.ws.flushFile(uri)) this.publish(root, [uri]);
    }
  }

  /**
   * "120 / 1,000 files" while the taxonomy of a file is still being indexed, for features to say
   * so instead of answering from a partial index; undefined once it is indexed.
   */
  indexingNote(rawUri: string): string | undefined {
    const p = fsPathOf(normaliseUri(rawUri));
    const folder = p ? this.folderOf(p) : undefined;
    if (!folder || folder.indexed) return undefined;
    const i = this.indexing;
    return i && i.total > 0 ? `${formatCount(i.done)} / ${formatCount(i.total)} files` : 'listing files';
  }

  /**
   * Publishes the diagnostics of re-checked files; files never shown with problems stay silent.
   * Until a root is indexed only file-local problems are published: a cross-file rule would
   * report what is merely not read yet (an id defined in a file further down the list).
   */
  private publish(root: TaxonomyRoot, uris: readonly string[]): void {
    const early = !this.isIndexed(root);
    for (const uri of uris) {
      const file = root.ws.getFile(uri);
      let diagnostics = file && this.shows(root, uri) ? root.ws.diagnostics(uri) : [];
      if (early) diagnostics = diagnostics.filter((d) => FILE_LOCAL_RULE_IDS.has(d.ruleId));
      if (diagnostics.length === 0 && !this.published.has(uri)) continue;
      if (diagnostics.length) this.published.add(uri);
      else this.published.delete(uri);
      this.host.publish(uri, diagnostics, file && this.open.has(uri) ? file.version : undefined);
    }
  }

  /** True while files wait to be read or checked (for tests and the status bar). */
  get busy(): boolean {
    return (
      this.indexing !== undefined ||
      this.checking ||
      this.timer !== undefined ||
      this.pending.size > 0 ||
      this.looseBuilding.size > 0
    );
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

/**
 * The last state of each path among file changes in the order they were seen: a path deleted and
 * created again was changed (it is read from the disk), one created and deleted is deleted. Paths
 * keep the order of their last change, so a folder deleted and a file created in it afterwards
 * end right.
 */
export function lastStateOfEachPath(changes: readonly WatchedChange[]): WatchedChange[] {
  const last = new Map<string, WatchedChange['type']>();
  for (const c of changes) {
    const uri = normaliseUri(c.uri);
    const before = last.get(uri);
    last.delete(uri);
    last.set(uri, before === 'deleted' && c.type === 'created' ? 'changed' : c.type);
  }
  return [...last].map(([uri, type]) => ({ uri, type }));
}
