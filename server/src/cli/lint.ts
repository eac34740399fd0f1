import * as path from 'node:path';
import { loadTaxonomies, type LoadOptions, type Progress } from './taxonomies';
import type { FileReport } from './report';

export type { Progress } from './taxonomies';

/** The path of a file as reports show it: relative to the working folder, with forward slashes. */
export function reportPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file) || path.basename(file);
  return rel.split(path.sep).join('/');
}

/**
 * Lints the given paths: loads every taxonomy they touch (see `loadTaxonomies`) and returns one
 * report per file under the paths, sorted by path.
 */
export async function lint(opts: LoadOptions, cwd: string, progress?: Progress): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const t of await loadTaxonomies(opts, cwd, progress)) {
    for (const uri of t.inScope) {
      const file = t.workspace.getFile(uri);
      if (!file) continue;
      reports.push({
        filePath: path.relative(cwd, uri) || uri,
        relativePath: reportPath(uri, cwd),
        source: file.text,
        diagnostics: [...t.workspace.diagnostics(uri)],
      });
    }
  }
  reports.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  return reports;
}
