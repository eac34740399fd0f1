/**
 * The server's state: the workspace folders, the taxonomies found in them, the open documents,
 * and the scheduling of checks. It speaks to the client only through `SessionHost`, so the
 * handlers stay thin and no part of it holds protocol details. This file only wires the parts:
 * roots.ts (the layout), config.ts (config file and settings), documents.ts (open documents and
 * reads), editor.ts (document events), watcher.ts (changes on disk), indexer.ts (indexing
 * folders), scheduler.ts (checks) and publish.ts (diagnostics). The parts import none of each
 * other's upward: the scheduler's `scheduleCheck` and the editor's `syncAll` are handed down.
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
 * files that depend on what changed (the dependency tracking lives in the core's workspace). Dirty
 * files are re-checked in slices of a few milliseconds, yielding to the event loop between
 * slices, so requests stay responsive and a newer edit simply adds to the queue. Only the files
 * a slice re-checked get their diagnostics published. Nothing on this path lists the disk.
 *
 * Readiness. Until every file of a folder is read (`FolderState.indexed`) a cross-file rule would
 * report what is only unread yet, so only open documents are checked and only file-local problems
 * (`FILE_LOCAL_RULE_IDS`) are published; features that need the whole taxonomy say it is being
 * indexed. Watcher events of that time wait, and are replayed as the last state of each path once
 * the reads are done; settings pushed meanwhile apply then. Then every file is checked at once.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TaxonomyFile, TaxonomyWorkspace } from '../../core';
import { normaliseUri } from '../fileSystem';
import type { ServerSettings } from '../settings';
import { SessionConfig } from './config';
import { DayWatcher } from './dayChange';
import { Documents } from './documents';
import { Editor } from './editor';
import { Indexer } from './indexer';
import { Publisher } from './publish';
import { Roots } from './roots';
import { Scheduler } from './scheduler';
import type { FolderState, Lifetime, Located, SessionHost, TaxonomyRoot, WatchedChange } from './types';
import { Watcher } from './watcher';

export class Session {
  private readonly lifetime: Lifetime = { disposed: false };
  private readonly docs: Documents;
  private readonly config: SessionConfig;
  private readonly roots: Roots;
  private readonly watcher: Watcher;
  private readonly indexer: Indexer;
  private readonly editor: Editor;
  private readonly scheduler: Scheduler;
  private readonly days: DayWatcher;

  constructor(host: SessionHost) {
    const schedule = (delay: number) => this.scheduler.scheduleCheck(delay);
    this.docs = new Documents((message) => host.log(message));
    const publisher = new Publisher(host, this.docs);
    this.config = new SessionConfig(host, this.docs);
    this.roots = new Roots(host, this.docs, this.config, publisher, schedule, this.lifetime);
    this.watcher = new Watcher(this.roots, this.docs, this.config, publisher, schedule);
    this.indexer = new Indexer(host, this.roots, this.docs, this.config, this.watcher, schedule, this.lifetime);
    this.editor = new Editor(this.docs, this.roots, publisher, schedule, this.lifetime);
    this.scheduler = new Scheduler(
      this.roots,
      this.docs,
      publisher,
      this.indexer,
      () => this.editor.syncAll(),
      this.lifetime,
    );
    this.days = new DayWatcher((day) => {
      host.log(`The date is now ${day}: checking the sunset dates again.`);
      this.reconfigureIndexed().catch((err: unknown) =>
        host.log(`Checking again for the new date failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    });
    this.days.start();
  }

  /** Adds workspace folders; they are served once `indexFolders` has listed them. */
  addFolders(uris: readonly string[]): FolderState[] {
    return this.roots.addFolders(uris);
  }

  /** Removes a workspace folder and clears the problems of its files. */
  removeFolder(uri: string): void {
    this.roots.removeFolder(uri);
  }

  /** Lists, reads and then checks every file of the given folders, reporting progress. */
  indexFolders(folders: readonly FolderState[]): Promise<void> {
    return this.indexer.indexFolders(folders);
  }

  /** The taxonomy a file belongs to and its path there, or undefined when the server does not serve it. */
  locate(uri: string): Located | undefined {
    return this.roots.locate(uri);
  }

  /** Every taxonomy workspace (for workspace symbols and the ownership report). */
  workspaces(): Iterable<TaxonomyWorkspace> {
    return this.roots.workspaces();
  }

  /** The editor settings that apply to a file: its folder's, else the ones for every folder. */
  settingsFor(uri: string): ServerSettings {
    return this.roots.locate(uri)?.root.folder?.settings ?? this.config.global;
  }

  /**
   * Re-reads the settings of every folder and re-applies them live. `pushed` is the section a
   * client without `workspace/configuration` sent; it is kept for every folder to come. A folder
   * still indexing applies them when its indexing ends (`finishIndexing`).
   */
  async reloadSettings(pushed?: unknown): Promise<void> {
    await this.config.refreshGlobal(pushed);
    for (const folder of [...this.roots.folders]) await this.config.refreshFolder(folder);
    await this.reconfigureIndexed();
  }

  /**
   * Applies the settings and the date again to every indexed taxonomy, which re-checks its files.
   * A folder still indexing applies them when its indexing ends.
   */
  private async reconfigureIndexed(): Promise<void> {
    for (const folder of [...this.roots.folders])
      if (folder.ready && folder.indexed) for (const root of folder.roots) await this.roots.reconfigure(root);
    for (const root of this.roots.loose.values()) await this.roots.reconfigure(root);
  }

  didOpen(doc: TextDocument): void {
    this.editor.didOpen(doc);
  }

  didChange(doc: TextDocument): void {
    this.editor.didChange(doc);
  }

  didClose(uri: string): Promise<void> {
    return this.editor.didClose(uri);
  }

  didChangeWatchedFiles(changes: readonly WatchedChange[]): Promise<void> {
    return this.watcher.didChangeWatchedFiles(changes);
  }

  /** Parses every pending edit, so a request sees the text the user sees. */
  syncAll(): void {
    this.editor.syncAll();
  }

  /** The workspace and file of a uri, with its pending edit applied. */
  fileFor(uri: string): { ws: TaxonomyWorkspace; file: TaxonomyFile; root: TaxonomyRoot } | undefined {
    return this.editor.fileFor(uri);
  }

  /** Brings a file's diagnostics up to date now and publishes them when they were recomputed. */
  checkNow(uri: string): void {
    this.editor.checkNow(uri);
  }

  /** The version of an open document (for versioned edits), or null when it is not open. */
  versionOf(uri: string): number | null {
    return this.docs.versionOf(normaliseUri(uri));
  }

  /** "120 / 1,000 files" while a file's taxonomy is still being indexed; undefined once it is indexed. */
  indexingNote(uri: string): string | undefined {
    return this.indexer.indexingNote(uri);
  }

  dispose(): void {
    this.lifetime.disposed = true;
    this.scheduler.dispose();
    this.days.dispose();
  }
}
