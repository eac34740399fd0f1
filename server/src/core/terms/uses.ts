import type { TaxonomyFile } from '../taxonomyFile';
import type { GlossaryLabel } from './glossary';
import type { TermMatcher } from './matcher';
import { findTermsInFile } from './prose';

/** One mention of a glossary term in prose: free text of a taxonomy file or a Markdown doc. */
export interface TermUse {
  uri: string;
  /** Offsets in the file's text (the version the use was found in). */
  start: number;
  end: number;
  /** How the words name the term: its preferred label, an alias, or a label to avoid. */
  role: GlossaryLabel['role'];
}

interface FileUses {
  file: TaxonomyFile;
  matcher: TermMatcher<GlossaryLabel>;
  /** Term id -> flat [start, end, roleIndex, ...] triples, in text order. */
  byTerm: Map<string, number[]>;
}

const ROLES: readonly GlossaryLabel['role'][] = ['preferred', 'alias', 'avoid'];

/**
 * Where each glossary term is mentioned in prose, per file: what "find references" and usage
 * counts of a term read, so a request never scans the workspace. A file's entry is replaced when
 * the file is checked (with the matcher the rules used, so the scan is the one the rules already
 * made, `findTermsInFile`), and the workspace re-checks every file with prose when the glossary's
 * labels change. Between an edit and its check, a file whose entry is older than its text is
 * scanned again when asked, so positions always match the text.
 */
export class TermUseIndex {
  private readonly files = new Map<string, FileUses>();
  /** Term id -> the files that mention it. */
  private readonly termFiles = new Map<string, Set<string>>();

  /** Records the mentions in a file, found with the glossary's current matcher. */
  update(file: TaxonomyFile, matcher: TermMatcher<GlossaryLabel>): void {
    const prev = this.files.get(file.uri);
    if (prev && prev.file === file && prev.matcher === matcher) return;
    const byTerm = new Map<string, number[]>();
    for (const m of findTermsInFile(file, matcher)) {
      // A phrase two terms share (a clash the glossary rules report) is a mention of each.
      const seen = new Set<string>();
      for (const l of m.labels) {
        if (seen.has(l.termId)) continue;
        seen.add(l.termId);
        let list = byTerm.get(l.termId);
        if (!list) byTerm.set(l.termId, (list = []));
        list.push(m.start, m.end, ROLES.indexOf(l.role));
      }
    }
    this.drop(file.uri, prev);
    // An entry without mentions is kept too, so the file is not scanned again for the same matcher.
    this.files.set(file.uri, { file, matcher, byTerm });
    for (const id of byTerm.keys()) {
      let s = this.termFiles.get(id);
      if (!s) this.termFiles.set(id, (s = new Set()));
      s.add(file.uri);
    }
  }

  /** Forgets a file (it was removed from the workspace). */
  remove(uri: string): void {
    this.drop(uri, this.files.get(uri));
    this.files.delete(uri);
  }

  private drop(uri: string, prev: FileUses | undefined): void {
    if (!prev) return;
    for (const id of prev.byTerm.keys()) {
      const s = this.termFiles.get(id);
      s?.delete(uri);
      if (s && s.size === 0) this.termFiles.delete(id);
    }
  }

  /**
   * The mentions of a term, by file then position. `fileAt` gives each file's current version
   * and `matcher` the glossary's current matcher: a file changed since its entry was made is
   * scanned again first (one file, not the workspace).
   */
  uses(
    termId: string,
    fileAt: (uri: string) => TaxonomyFile | undefined,
    matcher: TermMatcher<GlossaryLabel>,
  ): TermUse[] {
    const out: TermUse[] = [];
    for (const uri of [...(this.termFiles.get(termId) ?? [])].sort()) {
      const current = fileAt(uri);
      if (!current) continue;
      if (this.files.get(uri)?.file !== current) this.update(current, matcher);
      const list = this.files.get(uri)?.byTerm.get(termId) ?? [];
      for (let i = 0; i < list.length; i += 3)
        out.push({ uri, start: list[i], end: list[i + 1], role: ROLES[list[i + 2]] });
    }
    return out;
  }

  /** How many mentions a term has, as of the files' last check (for usage counts). */
  count(termId: string): number {
    let n = 0;
    for (const uri of this.termFiles.get(termId) ?? []) n += (this.files.get(uri)?.byTerm.get(termId)?.length ?? 0) / 3;
    return n;
  }
}
