/**
 * The open documents and the reading of files into their workspaces: an open document's text wins
 * over the disk, reads of one file run in order, and a read overtaken by a deletion is dropped.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { loadFile, type LoadOptions } from '../../core';
import type { Located } from './types';

/** How the initial index reads a file: where its YAML is parsed, and a quicker read of its bytes. */
export type FileReads = Pick<LoadOptions, 'parse' | 'quickRead'>;

export class Documents {
  /** The documents open in the editor, by normalised uri. */
  readonly open = new Map<string, TextDocument>();
  /** Open documents edited since their text was last parsed. */
  readonly pending = new Set<string>();
  /** The read of each file in progress (reads of one file are chained). */
  private readonly reads = new Map<string, Promise<void>>();
  /** How many deletions the watcher reported per file, so a read overtaken by one is dropped. */
  private readonly deletions = new Map<string, number>();

  constructor(private readonly log: (message: string) => void) {}

  /** The version of an open document (for versioned edits), or null when it is not open. */
  versionOf(uri: string): number | null {
    return this.open.get(uri)?.version ?? null;
  }

  /** Records that the watcher saw a file deleted, so a read of it still running is dropped. */
  noteDeleted(uri: string): void {
    this.deletions.set(uri, (this.deletions.get(uri) ?? 0) + 1);
  }

  /** Puts an open document's text into its workspace (nothing when the document is not open). */
  setFromDocument(loc: Located): void {
    const doc = this.open.get(loc.uri);
    if (doc) loc.root.ws.setFile(loc.uri, loc.rel, doc.getText(), doc.version);
  }

  /**
   * Reads a file into its workspace: from its open document if it is open, else from the disk.
   * Reads of one file run one after the other, so a read started after a change never finishes
   * before one started earlier and leaves the older text. The initial index reads with `o`: its
   * parse workers parse the YAML, and its quick reads read the bytes.
   */
  read(loc: Located, o?: FileReads): Promise<void> {
    const next = (this.reads.get(loc.uri) ?? Promise.resolve()).then(() => this.readNow(loc, o));
    this.reads.set(loc.uri, next);
    void next.then(() => {
      if (this.reads.get(loc.uri) === next) this.reads.delete(loc.uri);
    });
    return next;
  }

  private async readNow(loc: Located, o?: FileReads): Promise<void> {
    if (this.open.has(loc.uri)) {
      this.setFromDocument(loc);
      return;
    }
    const deletions = this.deletions.get(loc.uri);
    try {
      const exists = await loadFile(loc.root.host, loc.root.ws, loc.uri, o);
      if (!exists) loc.root.known.delete(loc.uri);
    } catch (err) {
      this.log(`Could not read ${loc.uri}: ${err instanceof Error ? err.message : String(err)}`);
    }
    // The document may have been opened while the disk was read: its text wins.
    if (this.open.has(loc.uri)) this.setFromDocument(loc);
    // Deleted while it was read: the deletion is the newer fact.
    else if (this.deletions.get(loc.uri) !== deletions) loc.root.ws.removeFile(loc.uri);
  }
}
