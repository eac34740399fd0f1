import type { TaxonomyDiagnostic } from '../core';

/** One file's problems, as every formatter receives them. */
export interface FileReport {
  /** The path as the user should see it (relative to the current folder). */
  filePath: string;
  /** The path relative to the taxonomy root, for SARIF and annotations. */
  relativePath: string;
  /** The file's text, for formatters that quote the offending line. */
  source?: string;
  diagnostics: TaxonomyDiagnostic[];
}

/** Counts used by the summary line and the exit code. */
export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  files: number;
}

export function totalsOf(reports: readonly FileReport[]): Totals {
  const t: Totals = { errors: 0, warnings: 0, infos: 0, hints: 0, files: reports.length };
  for (const r of reports) {
    for (const d of r.diagnostics) {
      if (d.severity === 'error') t.errors++;
      else if (d.severity === 'warning') t.warnings++;
      else if (d.severity === 'info') t.infos++;
      else t.hints++;
    }
  }
  return t;
}
