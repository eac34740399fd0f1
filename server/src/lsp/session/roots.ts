/**
 * The layout: workspace folders, the taxonomy roots they split into, the loose roots of files
 * opened from outside every folder, and which taxonomy serves a given file.
 */
import * as path from 'node:path';
import {
  CONFIG_FILE_NAMES,
  createTaxonomyWorkspace,
  defaultConfig,
  fileKindOf,
  pathInGroup,
  readsFile,
  taxonomyGroups,
  type TaxonomyWorkspace,
} from '../../core';
import { fsPathOf, isSkippedPath, listFolder, normaliseUri, relativeTo, uriOfPath, UriFileHost } from '../fileSystem';
import { serverReleaseAbove } from '../../node/releaseModels';
import { taxonomyRootOnDisk } from '../../node/taxonomyRoot';
import { zlibTextPacker } from '../../node/textPacker';
import { defaultSettings } from '../settings';
import type { SessionConfig } from './config';
import type { Documents } from './documents';
import type { Publisher } from './publish';
import type { FolderState, Lifetime, Located, ScheduleCheck, SessionHost, TaxonomyRoot } from './types';

export class Roots {
  /** The workspace folders, the deepest first. */
  readonly folders: FolderState[] = [];
  /** The loose roots, by folder. */
  readonly loose = new Map<string, TaxonomyRoot>();
  /** Loose roots being found and indexed: by the folder of the file that asked, and by root. */
  private readonly looseBuilding = new Map<string, Promise<void>>();
  private readonly looseRootsBuilding = new Map<string, Promise<void>>();

  constructor(
    private readonly host: SessionHost,
    private readonly docs: Documents,
    private readonly config: SessionConfig,
    private readonly publisher: Publisher,
    private readonly scheduleCheck: ScheduleCheck,
    private readonly lifetime: Lifetime,
  ) {}

  /** Adds workspace folders; they are served once they have been listed. */
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
    for (const root of folder.roots) this.publisher.clearRoot(root);
    folder.roots = [];
  }

  /**
   * Splits a folder into taxonomy roots and returns the files to read. The folder is read from
   * its discovered taxonomy root, which may lie above it (the user opened `journeys/`); of that
   * tree only the taxonomies holding the folder's files are kept: the one around it and those
   * inside it.
   */
  async listFolderRoots(folder: FolderState): Promise<Located[]> {
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
    for (const uri of this.docs.open.keys()) {
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
    const groups = taxonomyGroups(rels);
    // The base is always a root, so new files anywhere have a home.
    if (!groups.some((g) => g.root === '')) groups.push({ root: '', files: [] });
    const dirOf = (rootRel: string) => (rootRel ? path.join(base, ...rootRel.split('/')) : base);
    const dirs = groups.map((g) => dirOf(g.root));
    const roots: TaxonomyRoot[] = [];
    for (const group of groups) {
      const dir = dirOf(group.root);
      if (!keep(dir)) continue;
      const root = createRoot(dir, folder, folder === undefined, (uri) => this.docs.open.has(uri));
      root.nested = dirs.filter((d) => relativeTo(dir, d) !== undefined);
      for (const rel of group.files)
        root.known.set(uriOfPath(path.join(base, ...rel.split('/'))), pathInGroup(group.root, rel));
      // The config read is the one on disk, the documented spelling first.
      if (group.config !== undefined) root.configUri = uriOfPath(path.join(base, ...group.config.split('/')));
      roots.push(root);
    }
    for (const root of roots) {
      await this.config.readConfigText(root);
      this.config.configure(root);
    }
    return roots;
  }

  /** The workspace folder holding a path, the deepest first. */
  folderOf(fsPath: string): FolderState | undefined {
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
    for (const f of this.folders) if (f.ready) for (const r of f.roots) if (covers(r, fsPath)) return r;
    let best: TaxonomyRoot | undefined;
    for (const r of this.loose.values()) if (covers(r, fsPath) && (!best || r.dir.length > best.dir.length)) best = r;
    return best;
  }

  /**
   * Serves a file opened from outside every folder (an editor started on a file, single-file
   * mode): its taxonomy root is found as the CLI finds it and indexed whole, so its references
   * resolve. The file is not served before, rather than checked against itself alone.
   */
  private openLoose(fileDir: string): void {
    if (this.looseBuilding.has(fileDir) || this.lifetime.disposed) return;
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
    for (const [uri, rel] of root.known) if (this.wants(root, rel)) await this.docs.read({ root, uri, rel });
    if (this.lifetime.disposed || this.loose.has(dir)) return;
    this.loose.set(dir, root);
    // Open documents of this taxonomy, saved or not, are served from their text from now on.
    for (const uri of this.docs.open.keys()) {
      const loc = this.locate(uri);
      if (loc?.root === root) this.docs.setFromDocument(loc);
    }
  }

  /** Drops the loose roots none of whose documents is open any more (their whole taxonomy was read for them). */
  dropEmptyLooseRoots(): void {
    if (this.loose.size === 0) return;
    const inUse = new Set<TaxonomyRoot>();
    for (const uri of this.docs.open.keys()) {
      // By path, not by `locate`: a document the root does not read (a Markdown file outside the
      // docs globs) keeps it too, rather than have it rebuilt on each of its edits.
      const p = fsPathOf(uri);
      const root = p && !this.folderOf(p) ? this.outsideRoot(p) : undefined;
      if (root?.loose) inUse.add(root);
    }
    for (const [dir, root] of this.loose) {
      if (inUse.has(root) || root.ws.pending().size > 0) continue;
      this.publisher.clearRoot(root);
      this.loose.delete(dir);
    }
  }

  /** True when a root reads a file: its config, a taxonomy file or a doc its globs select. */
  wants(root: TaxonomyRoot, rel: string): boolean {
    return readsFile(root.ws, rel);
  }

  /** Every taxonomy root: the folders', then the loose ones. */
  *allRoots(): Iterable<TaxonomyRoot> {
    for (const f of this.folders) yield* f.roots;
    yield* this.loose.values();
  }

  /** Every taxonomy workspace (for workspace symbols and the ownership report). */
  *workspaces(): Iterable<TaxonomyWorkspace> {
    for (const r of this.allRoots()) yield r.ws;
  }

  /**
   * Re-applies a root's configuration after the config file or the settings changed, and brings
   * the set of files in line with the new globs (docs added or dropped) and size limit.
   */
  async reconfigure(root: TaxonomyRoot): Promise<void> {
    await this.config.readConfigText(root);
    const reread = this.config.configure(root);
    for (const [uri, rel] of root.known) {
      const wanted = this.wants(root, rel);
      const has = root.ws.getFile(uri) !== undefined;
      if (wanted && (!has || reread || uri === root.configUri)) await this.docs.read({ root, uri, rel });
      else if (!wanted && has) root.ws.removeFile(uri);
    }
    for (const uri of this.docs.open.keys()) {
      const loc = this.locate(uri);
      if (loc?.root === root && (reread || root.ws.getFile(uri) === undefined)) this.docs.setFromDocument(loc);
    }
    this.scheduleCheck(0);
  }
}

/** True when a file is in a root's taxonomy: below its folder and not below a nested taxonomy's. */
function covers(root: TaxonomyRoot, fsPath: string): boolean {
  return relativeTo(root.dir, fsPath) !== undefined && !root.nested?.some((d) => relativeTo(d, fsPath) !== undefined);
}

function createRoot(
  dir: string,
  folder: FolderState | undefined,
  loose: boolean,
  isOpen: (uri: string) => boolean,
): TaxonomyRoot {
  return {
    dir,
    uri: uriOfPath(dir),
    ws: createTaxonomyWorkspace(defaultConfig(), {
      isOpen,
      releaseAbove: serverReleaseAbove(process.env),
      keepViewParts: true,
      textPacker: zlibTextPacker,
    }),
    host: new UriFileHost(dir),
    known: new Map(),
    configUri: uriOfPath(path.join(dir, CONFIG_FILE_NAMES[0])),
    maxFileSize: -1,
    folder,
    loose,
  };
}
