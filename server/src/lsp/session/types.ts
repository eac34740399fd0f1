/**
 * The shapes the session's parts share: what the session asks of the connection, and the layout
 * of workspace folders and taxonomy roots (see session.ts for how the layout is built).
 */
import type { TaxonomyDiagnostic, TaxonomyWorkspace } from '../../core';
import type { UriFileHost } from '../fileSystem';
import type { ServerSettings } from '../settings';

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

/** Whether the session has been disposed, shared by its parts: once it is, nothing new is started. */
export interface Lifetime {
  disposed: boolean;
}

/**
 * Asks for a check after `delay` ms. The scheduler's own, handed to the parts that change files so
 * that none of them imports the scheduler (which reads them all).
 */
export type ScheduleCheck = (delay: number) => void;

/** True once every file of a root's folder has been read; a loose root is served only once read. */
export function isIndexed(root: TaxonomyRoot): boolean {
  return root.folder ? root.folder.indexed === true : true;
}
