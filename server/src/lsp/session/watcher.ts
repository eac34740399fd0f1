/**
 * The file watcher: edits made outside the editor. Changes to a folder still being indexed wait
 * and are replayed, as the last state of each path, when its indexing ends (`finishIndexing`).
 */
import * as path from 'node:path';
import { fileKindOf, isConfigFile } from '../../core';
import { fsPathOf, isSkippedPath, normaliseUri, relativeTo } from '../fileSystem';
import type { SessionConfig } from './config';
import type { Documents } from './documents';
import type { Publisher } from './publish';
import type { Roots } from './roots';
import type { FolderState, ScheduleCheck, TaxonomyRoot, WatchedChange } from './types';

export class Watcher {
  constructor(
    private readonly roots: Roots,
    private readonly docs: Documents,
    private readonly config: SessionConfig,
    private readonly publisher: Publisher,
    private readonly scheduleCheck: ScheduleCheck,
  ) {}

  async didChangeWatchedFiles(changes: readonly WatchedChange[]): Promise<void> {
    const now: WatchedChange[] = [];
    for (const change of changes) {
      const p = fsPathOf(normaliseUri(change.uri));
      const folder = p ? this.roots.folderOf(p) : undefined;
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
      const folder = this.roots.folderOf(p);
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
      if (this.docs.open.has(uri) || !this.roots.wants(root, rel)) continue;
      await this.docs.read({ root, uri, rel });
    }
    for (const folder of refolder) await this.relistFolder(folder);
    for (const root of reconfig) if (!refolder.has(root.folder!)) await this.roots.reconfigure(root);
    this.scheduleCheck(0);
  }

  /** A deleted file, or a deleted folder (every known file below it). Open documents stay. */
  private forgetDeleted(folder: FolderState, uri: string, fsPath: string): void {
    this.docs.noteDeleted(uri);
    const owner = folder.roots.find((r) => r.known.has(uri));
    if (owner) {
      owner.known.delete(uri);
      if (!this.docs.open.has(uri)) owner.ws.removeFile(uri);
      return;
    }
    // Not a known file: a folder went, with every file below it.
    for (const root of folder.roots) {
      for (const known of [...root.known.keys()]) {
        const kp = fsPathOf(known);
        if (known === uri || (kp && relativeTo(fsPath, kp) !== undefined)) {
          this.docs.noteDeleted(known);
          root.known.delete(known);
          if (!this.docs.open.has(known)) root.ws.removeFile(known);
        }
      }
    }
  }

  /** Lists a folder again after its taxonomy roots changed (a config file appeared or went). */
  private async relistFolder(folder: FolderState): Promise<void> {
    for (const root of folder.roots) this.publisher.clearRoot(root);
    folder.ready = false;
    folder.indexed = false;
    const queue = await this.roots.listFolderRoots(folder);
    for (const loc of queue) await this.docs.read(loc);
    await this.finishIndexing(folder);
  }

  /**
   * Ends a folder's indexing once its files are read: replays the file changes seen meanwhile,
   * re-applies its configuration (settings pushed meanwhile; every file is then checked against
   * the whole taxonomy, the open documents checked early included), and repeats until a pass
   * finds nothing new. The folder is marked indexed in the same tick as that last look.
   */
  async finishIndexing(folder: FolderState): Promise<void> {
    for (;;) {
      const settings = this.config.changes;
      await this.replayDeferred(folder);
      if (!this.roots.folders.includes(folder)) return;
      if (folder.ready) for (const root of folder.roots) await this.roots.reconfigure(root);
      if (!folder.deferred?.length && settings === this.config.changes) break;
    }
    folder.indexed = true;
  }

  /** Applies the file changes that arrived while a folder was indexed: the last state of each path. */
  private async replayDeferred(folder: FolderState): Promise<void> {
    const changes = folder.deferred;
    folder.deferred = undefined;
    if (changes?.length) await this.applyChanges(lastStateOfEachPath(changes));
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
