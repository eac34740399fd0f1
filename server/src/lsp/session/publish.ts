/**
 * Publishing diagnostics: which files show their problems, which problems show before a taxonomy
 * is fully read, and clearing what was shown when a taxonomy goes away.
 */
import { FILE_LOCAL_RULE_IDS } from '../../core';
import { fsPathOf, relativeTo } from '../fileSystem';
import type { Documents } from './documents';
import { isIndexed, type SessionHost, type TaxonomyRoot } from './types';

export class Publisher {
  /** The files last published with at least one problem. */
  private readonly published = new Set<string>();
  /**
   * Files of a taxonomy still being indexed whose cross-file problems were held back. Their
   * check is done, so the end of indexing may not re-check them (nothing they looked up changed
   * since, or the check ran after the last re-configuration): they are published again then.
   */
  private readonly heldBack = new Map<TaxonomyRoot, Set<string>>();

  constructor(
    private readonly host: SessionHost,
    private readonly docs: Documents,
  ) {}

  /**
   * Publishes the diagnostics of re-checked files; files never shown with problems stay silent.
   * Until a root is indexed only file-local problems are published: a cross-file rule would
   * report what is merely not read yet (an id defined in a file further down the list).
   */
  publish(root: TaxonomyRoot, uris: readonly string[]): void {
    const early = !isIndexed(root);
    for (const uri of uris) {
      const file = root.ws.getFile(uri);
      let diagnostics = file && this.shows(root, uri) ? root.ws.diagnostics(uri) : [];
      if (early) {
        const all = diagnostics.length;
        diagnostics = diagnostics.filter((d) => FILE_LOCAL_RULE_IDS.has(d.ruleId));
        if (diagnostics.length < all) this.heldBackOf(root).add(uri);
      } else this.heldBack.get(root)?.delete(uri);
      if (diagnostics.length === 0 && !this.published.has(uri)) continue;
      if (diagnostics.length) this.published.add(uri);
      else this.published.delete(uri);
      this.host.publish(uri, diagnostics, file && this.docs.open.has(uri) ? file.version : undefined);
    }
  }

  /**
   * Publishes in full the files whose cross-file problems were held back while their taxonomy was
   * indexed, once it is indexed and checked (nothing when none were held back).
   */
  publishHeldBack(root: TaxonomyRoot): void {
    const held = this.heldBack.get(root);
    if (!held || !isIndexed(root)) return;
    this.heldBack.delete(root);
    this.publish(root, [...held]);
  }

  private heldBackOf(root: TaxonomyRoot): Set<string> {
    let held = this.heldBack.get(root);
    if (!held) this.heldBack.set(root, (held = new Set()));
    return held;
  }

  /** Clears the published problems of every file of a root. */
  clearRoot(root: TaxonomyRoot): void {
    this.heldBack.delete(root);
    for (const f of root.ws.allFiles()) {
      if (this.published.delete(f.uri)) this.host.publish(f.uri, [], undefined);
    }
  }

  /**
   * Whether a file's problems are published: every file of a workspace folder, and open
   * documents. The rest of a taxonomy read from above a folder, or around a loose document, is
   * read for its ids but not reported on.
   */
  private shows(root: TaxonomyRoot, uri: string): boolean {
    if (this.docs.open.has(uri)) return true;
    if (root.loose || !root.folder) return false;
    if (root.dir === root.folder.dir || relativeTo(root.folder.dir, root.dir) !== undefined) return true;
    const p = fsPathOf(uri);
    return p !== undefined && relativeTo(root.folder.dir, p) !== undefined;
  }
}
