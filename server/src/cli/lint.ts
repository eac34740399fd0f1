import { reportPath, shownPath } from './render/paths';
import { loadTaxonomies, type LoadedTaxonomy, type LoadOptions, type Progress } from './taxonomies';
import type { FileReport } from './report';

/**
 * One report per file of the loaded taxonomies that lies under the paths given, sorted by path.
 * `outputs` holds the new content of the files `--fix` changed (ESLint's `output`).
 */
export function reportsOf(
  taxonomies: readonly LoadedTaxonomy[],
  cwd: string,
  outputs?: ReadonlyMap<string, string>,
): FileReport[] {
  const reports: FileReport[] = [];
  for (const t of taxonomies) {
    for (const uri of t.inScope) {
      const file = t.workspace.getFile(uri);
      if (!file) continue;
      reports.push({
        filePath: shownPath(uri, cwd),
        relativePath: reportPath(uri, cwd),
        // Read when a formatter quotes a line (SARIF): a file restored from the cache reads its text then.
        get source() {
          return file.text;
        },
        diagnostics: [...t.workspace.diagnostics(uri)],
        suppressed: [...t.workspace.suppressed(uri)],
        ...(outputs?.has(uri) ? { output: outputs.get(uri) } : {}),
      });
    }
  }
  reports.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  return reports;
}

/**
 * Lints the given paths: loads every taxonomy they touch (see `loadTaxonomies`) and returns one
 * report per file under the paths, sorted by path.
 */
export async function lint(opts: LoadOptions, cwd: string, progress?: Progress): Promise<FileReport[]> {
  return reportsOf(await loadTaxonomies(opts, cwd, progress), cwd);
}
