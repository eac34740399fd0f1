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
      if (early) diagnostics = diagnostics.filter((d) => FILE_LOCAL_RULE_IDS.has(d.ruleId));
      if (diagnostics.length === 0 && !this.published.has(uri)) continue;
      if (diagnostics.length) this.published.add(uri);
      else this.published.delete(uri);
      this.host.publish(uri, diagnostics, file && this.docs.open.has(uri) ? file.version : undefined);
    }
  }

  /** Clears the published problems of every file of a root. */
  clearRoot(root: TaxonomyRoot): void {
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
