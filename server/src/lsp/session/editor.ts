/**
 * The editor's document events: opening, editing and closing documents, and parsing a pending
 * edit when a request needs it. An edit only marks the document pending; the edited document is
 * checked as soon as the event loop is free, the files depending on it after typing pauses.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TaxonomyFile, TaxonomyWorkspace } from '../../core';
import { normaliseUri } from '../fileSystem';
import type { Documents } from './documents';
import type { Publisher } from './publish';
import type { Roots } from './roots';
import type { Lifetime, ScheduleCheck, TaxonomyRoot } from './types';

/** How long the server waits after a keystroke before it re-checks the files depending on the edit. */
const EDIT_DEBOUNCE_MS = 150;

export class Editor {
  /** Edited documents waiting for their immediate check. */
  private readonly checkSoon = new Set<string>();

  constructor(
    private readonly docs: Documents,
    private readonly roots: Roots,
    private readonly publisher: Publisher,
    private readonly scheduleCheck: ScheduleCheck,
    private readonly lifetime: Lifetime,
  ) {}

  didOpen(doc: TextDocument): void {
    const uri = normaliseUri(doc.uri);
    this.docs.open.set(uri, doc);
    this.docs.pending.delete(uri);
    const loc = this.roots.locate(uri, true);
    if (!loc) return;
    this.docs.setFromDocument(loc);
    if (uri === loc.root.configUri) void this.roots.reconfigure(loc.root);
    this.scheduleCheck(0);
  }

  didChange(doc: TextDocument): void {
    const uri = normaliseUri(doc.uri);
    this.docs.open.set(uri, doc);
    // The document manager also reports the text of a document as it opens: already taken.
    const loc = this.roots.locate(uri);
    if (loc && loc.root.ws.getFile(uri)?.version === doc.version) return;
    this.docs.pending.add(uri);
    // The edited document is checked as soon as the event loop is free, so its own problems follow
    // the keystroke; the files that depend on it wait until typing pauses (the debounce).
    if (!this.checkSoon.has(uri)) {
      this.checkSoon.add(uri);
      setImmediate(() => {
        this.checkSoon.delete(uri);
        if (!this.lifetime.disposed && this.docs.open.has(uri)) this.checkNow(uri);
      });
    }
    this.scheduleCheck(EDIT_DEBOUNCE_MS);
  }

  async didClose(rawUri: string): Promise<void> {
    const uri = normaliseUri(rawUri);
    this.docs.open.delete(uri);
    this.docs.pending.delete(uri);
    const loc = this.roots.locate(uri);
    if (!loc) return;
    if (loc.root.loose && !loc.root.known.has(uri)) {
      loc.root.ws.removeFile(uri);
    } else {
      // Closing a document without saving it brings back what the disk says (or removes it).
      loc.root.known.set(uri, loc.rel);
      await this.docs.read(loc);
      if (uri === loc.root.configUri) await this.roots.reconfigure(loc.root);
    }
    this.scheduleCheck(0);
  }

  /** Parses the pending edit of one document now, so a request sees the text the user sees. */
  private sync(rawUri: string): void {
    const uri = normaliseUri(rawUri);
    if (!this.docs.pending.has(uri)) return;
    this.docs.pending.delete(uri);
    const loc = this.roots.locate(uri, true);
    if (!loc) return;
    this.docs.setFromDocument(loc);
    if (uri === loc.root.configUri) void this.roots.reconfigure(loc.root);
  }

  /** Parses every pending edit. */
  syncAll(): void {
    for (const uri of [...this.docs.pending]) this.sync(uri);
  }

  /** The workspace and file of a uri, with its pending edit applied. */
  fileFor(rawUri: string): { ws: TaxonomyWorkspace; file: TaxonomyFile; root: TaxonomyRoot } | undefined {
    this.sync(rawUri);
    const loc = this.roots.locate(rawUri);
    const file = loc?.root.ws.getFile(loc.uri);
    return loc && file ? { ws: loc.root.ws, file, root: loc.root } : undefined;
  }

  /**
   * Brings a file's diagnostics up to date now (quick fixes must match the current text) and
   * publishes them when they were recomputed.
   */
  checkNow(rawUri: string): void {
    const found = this.fileFor(rawUri);
    if (found && found.ws.flushFile(found.file.uri)) this.publisher.publish(found.root, [found.file.uri]);
  }
}
